// Serves the page on 127.0.0.1: www/ at /, and the built WebAssembly package at /pkg/.
// Usage: node scripts/serve.mjs [port]   (port 0 picks a free one; the URL is printed)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
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

/** Maps a URL path to a file under www/ or pkg/, refusing anything outside them. */
function fileFor(urlPath) {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const [base, rest] = path.startsWith("/pkg/") ? ["pkg", path.slice(5)] : ["www", path.slice(1)];
  const dir = join(root, base);
  const file = resolve(dir, rest || "index.html");
  return file.startsWith(dir) ? file : null;
}

/** The strictest policy a newsroom page might set; `serve(…, { csp: true })` sends it. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

export function serve(port = 0, host = "127.0.0.1", { csp = false } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    let file = fileFor(url.pathname);
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
      if (csp) headers["content-security-policy"] = STRICT_CSP;
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
  const server = await serve(Number(process.argv[2] ?? process.env.PORT ?? 8000));
  const { port } = server.address();
  console.log(`compute-shock is running at http://127.0.0.1:${port}/  (Ctrl-C to stop)`);
}
