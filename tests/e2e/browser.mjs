// Shared set-up for the browser tests: the page served on 127.0.0.1 and Debian's Chromium
// driven by playwright-core (no browser download).
import { mkdtemp, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";
import { createServer } from "node:http";
import { serve } from "../../scripts/serve.mjs";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
export const ARTEFACTS = join(ROOT, "test-results");

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Starts the server (on site/, or `dir`; `cors: false`, a host that sends no CORS header)
 * and a browser; returns { base, context, close }. */
export async function start(contextOptions = {}, { csp = false, cors = true, dir } = {}) {
  const server = await serve(0, "127.0.0.1", { csp, cors, dir });
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "compute-shock-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    // The pages carry a strict Content-Security-Policy, which would block the tests' own
    // injected scripts (axe); a test that checks the policy (`csp`) keeps it, with the
    // server sending the same policy as a header.
    bypassCSP: !csp,
    ...contextOptions,
    args: [...FLAGS, ...(contextOptions.args ?? [])],
  });
  await mkdir(ARTEFACTS, { recursive: true });
  return {
    base,
    context,
    async close() {
      await context.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** A test file's server and browser: started before its tests and closed after them. The
 * object returned gets `base`, `context` and `close` once started. */
export function useBrowser(contextOptions = {}, options = {}) {
  const env = {};
  before(async () => Object.assign(env, await start(contextOptions, options)));
  after(async () => env.close?.());
  return env;
}

/** Opens a page and collects its console errors and uncaught exceptions. */
export async function open(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

/** Waits until the widget shows a finished (not preview) run with the given trial count. */
export async function settled(page, trials) {
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector(".cs-widget");
      const s = root?.computeShock?.state;
      return s && s.summary && !s.previewing && !root.classList.contains("cs-busy") && (n === undefined || s.summary.trials === n);
    },
    trials,
    { timeout: 60_000 },
  );
}

/** The sites' table of the widget in `scope` (a page, or a locator of one widget), scrolled to
 * (its code loads when it comes near the screen) and drawn: its locator. */
export async function siteTable(scope) {
  const table = scope.locator(".cs-sites");
  await table.scrollIntoViewIfNeeded();
  await table.locator("tbody tr").first().waitFor({ state: "attached" });
  return table;
}

/**
 * A newsroom's page on another origin (its own server, on another port): `pages` maps a path
 * to its HTML. Returns { origin, close }.
 */
export async function otherOrigin(pages) {
  const server = createServer((req, res) => {
    const html = pages[new URL(req.url, "http://localhost").pathname];
    res.writeHead(html === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
    res.end(html ?? "not found\n");
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  // (Closing drops the browser's kept-alive connections, which would hold it open for minutes.)
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => (server.close(ok), server.closeAllConnections())) };
}

/** An article around an iframe of the widget (`src`), with resize.js from the widget's site. */
export const articlePage = (base, src, { dark = false, lang = "en" } = {}) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>An article</title>
<style>
  body { margin: 0; font: 18px/1.6 Georgia, serif; background: ${dark ? "#121212" : "#fff"}; color: ${dark ? "#eee" : "#222"}; }
  article { max-width: 40rem; margin: 0 auto; padding: 1rem; }
  iframe { display: block; border: 0; width: 100%; }
</style></head>
<body><article>
<h1>${lang === "ja" ? "規制が変われば、AIの計算能力はどれだけ残るか" : "If the rules change, how much AI compute survives?"}</h1>
<p>${lang === "ja" ? "中国のAI企業は海外のデータセンターで最新のGPUを借りている。" : "Chinese AI firms rent Nvidia's newest chips in data centres abroad."}</p>
<iframe id="f" src="${base}/${src}" title="compute-shock" height="600" scrolling="no"></iframe>
<p>${lang === "ja" ? "記事は続く。" : "The article goes on."}</p>
</article>
<script src="${base}/resize.js" async></script>
</body></html>`;
