// Shared set-up for the browser tests: the page served on 127.0.0.1 and Debian's Chromium
// driven by playwright-core (no browser download).
import { mkdtemp, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
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

/** Starts the server (on site/, or `dir`) and a browser; returns { base, context, close }. */
export async function start(contextOptions = {}, { csp = false, dir } = {}) {
  const server = await serve(0, "127.0.0.1", { csp, dir });
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "compute-shock-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
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
