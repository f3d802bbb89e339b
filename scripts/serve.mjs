// Serves a folder (site/, assembled by `make site`) on 127.0.0.1, as any static server would:
// no mapping, no rewriting. Usage: node scripts/serve.mjs [port] [dir]   (port 0 picks a free
// one; the URL is printed)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
};

export const SITE = join(root, "site");

/** Maps a URL path to a file under `dir`, refusing anything outside it. */
function fileFor(dir, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // a malformed address (/%E0%A4%A): not found, and the server goes on
  }
  const path = normalize(decoded).replace(/^(\.\.[/\\])+/, "");
  const file = resolve(dir, path.slice(1) || "index.html");
  return file === dir || file.startsWith(dir + sep) ? file : null;
}

/** The strictest policy a newsroom page might set; `serve(…, { csp: true })` sends it. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Serves `dir`. `cors` (default on) sends `Access-Control-Allow-Origin: *`, as GitHub Pages
 * does, so the custom element's modules load on a page of another origin; off, it is a host
 * that sends no such header (python3 -m http.server, a bucket left as it came).
 */
export function serve(port = 0, host = "127.0.0.1", { csp = false, cors = true, dir = SITE } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    let file = fileFor(dir, url.pathname);
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
      if (csp) headers["content-security-policy"] = STRICT_CSP;
      if (cors) headers["access-control-allow-origin"] = "*";
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found\n");
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[3] ?? SITE);
  const server = await serve(Number(process.argv[2] ?? process.env.PORT ?? 8000), "127.0.0.1", { dir });
  const { port } = server.address();
  console.log(`compute-shock is running at http://127.0.0.1:${port}/  (Ctrl-C to stop)`);
  console.log(`the embed editor: http://127.0.0.1:${port}/editor.html`);
}
