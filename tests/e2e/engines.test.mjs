// The page in Firefox (SpiderMonkey, through geckodriver) and WebKit (JavaScriptCore, through
// WebKitWebDriver under a virtual display), beside the full suite in Chromium: load, a slider
// moved, the native command's numbers on screen, a split run equal to the native command's,
// the PNG export with its dashed requirement line, and no errors. Raw W3C WebDriver over HTTP:
// no test-framework browser downloads. WebKitWebDriver does not hand out console messages, so
// errors are collected inside the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serve } from "../../scripts/serve.mjs";
import { session } from "../../scripts/webdriver.mjs";
import { ROOT, ARTEFACTS } from "./browser.mjs";

const NATIVE = join(ROOT, "target/release/compute-shock");
const WAIT_MS = 90_000;

/** In the page: resolves when the widget shows a finished run of `trials` trials. */
const SETTLED = `
  const [trials, done] = arguments;
  const t0 = Date.now();
  (function poll() {
    const root = document.querySelector(".cs-widget");
    const s = root && root.computeShock && root.computeShock.state;
    if (s && s.summary && !s.previewing && !root.classList.contains("cs-busy") && (trials === null || s.summary.trials === trials)) {
      return done(true);
    }
    // Not settled in time: what the page shows, to say why.
    if (Date.now() - t0 > ${WAIT_MS}) return done({ trials: s && s.summary && s.summary.trials, busy: Boolean(root && root.classList.contains("cs-busy")), previewing: Boolean(s && s.previewing), status: root && root.querySelector(".cs-status") && root.querySelector(".cs-status").textContent, notes: root && root.querySelector(".cs-notes") && root.querySelector(".cs-notes").textContent, error: root && root.querySelector(".cs-error") && root.querySelector(".cs-error").textContent });
    setTimeout(poll, 100);
  })();`;

/** In the page: the summary on screen as plain JSON (typed arrays as lists), and errors. */
const SUMMARY = `
  const done = arguments[arguments.length - 1];
  const s = document.querySelector(".cs-widget").computeShock.state.summary;
  const plain = JSON.parse(JSON.stringify({ ...s, bands: Object.fromEntries(Object.entries(s.bands).map(([k, v]) => [k, Array.from(v)])) }));
  done({ summary: plain, headline: document.querySelector(".cs-headline").textContent, errors: window.__errors || [],
         shownError: document.querySelector(".cs-error") && !document.querySelector(".cs-error").hidden });`;

/** Installed after load: page errors, console errors, and the dash patterns a canvas is given. */
const WATCH = `
  const done = arguments[arguments.length - 1];
  window.__errors = [];
  window.addEventListener("error", (e) => window.__errors.push(String(e.message)));
  window.addEventListener("unhandledrejection", (e) => window.__errors.push(String(e.reason)));
  const log = console.error.bind(console);
  console.error = (...a) => { window.__errors.push(a.join(" ")); log(...a); };
  window.__dashes = [];
  const set = CanvasRenderingContext2D.prototype.setLineDash;
  CanvasRenderingContext2D.prototype.setLineDash = function (d) { window.__dashes.push(Array.from(d)); return set.call(this, d); };
  done(true);`;

const native = (args) => JSON.parse(execFileSync(NATIVE, ["run", ...args], { encoding: "utf8", maxBuffer: 1 << 26 }));

let server;
let base;
before(async () => {
  server = await serve(0, "127.0.0.1");
  base = `http://127.0.0.1:${server.address().port}`;
  await mkdir(ARTEFACTS, { recursive: true });
});
after(async () => {
  await new Promise((ok) => server?.close(ok));
});

for (const engine of ["firefox", "webkit"]) {
  test(`${engine}: the page runs, moves, splits and exports as the native command computes`, async () => {
    const s = await session(engine);
    try {
      await s.call("POST", "/window/rect", { width: 1280, height: 900 }).catch(() => {});
      // The driver's own limit on a script (30 s by default) must not cut a wait short: a
      // slow engine under load is the test's own WAIT_MS to settle.
      await s.call("POST", "/timeouts", { script: WAIT_MS + 10_000 });
      await s.call("POST", "/url", { url: `${base}/?preset=ceo-worst-case` });
      await s.run(WATCH);
      assert.equal(JSON.stringify(await s.run(SETTLED, [10_000])), "true", "the first run finishes");
      let page = await s.run(SUMMARY);
      assert.deepEqual(page.summary, native(["--preset", "ceo-worst-case"]), "the page's summary is the native command's");
      assert.equal(page.shownError, false);

      // A slider moved by keyboard: the run on screen changes to the new scenario's.
      const before = page.headline;
      const slider = await s.call("POST", "/element", { using: "css selector", value: ".cs-slider input[type=range]:not([disabled])" });
      const ref = Object.values(slider)[0];
      await s.call("POST", `/element/${ref}/value`, { text: "\uE014\uE014\uE014" }); // ArrowRight ×3
      await s.run(`const d = arguments[0]; setTimeout(() => d(true), 800);`);
      assert.equal(JSON.stringify(await s.run(SETTLED, [10_000])), "true");
      page = await s.run(SUMMARY);
      assert.notEqual(page.headline, before, "the sentence follows the slider");

      // A run long enough to be split across workers equals the native command's.
      await s.call("POST", "/url", { url: `${base}/?preset=two-track&trials=30000&seed=5` });
      await s.run(WATCH);
      assert.equal(JSON.stringify(await s.run(SETTLED, [30_000])), "true", "the split run finishes");
      page = await s.run(SUMMARY);
      assert.deepEqual(page.summary, native(["--preset", "two-track", "--trials", "30000", "--seed", "5"]), "split run = native");

      // The PNG export: a PNG blob is made, its requirement line drawn dashed.
      const png = await s.run(`
        const done = arguments[0];
        const made = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.__blob = blob; return made.call(URL, blob); };
        const button = [...document.querySelectorAll(".cs-widget button")].find((b) => /PNG/.test(b.textContent));
        button.click();
        const t0 = Date.now();
        (function poll() {
          if (window.__blob) {
            const b = window.__blob;
            b.arrayBuffer().then((buf) => done({ type: b.type, size: b.size, magic: Array.from(new Uint8Array(buf.slice(0, 4))), dashes: window.__dashes }));
          } else if (Date.now() - t0 > 20000) done(null);
          else setTimeout(poll, 100);
        })();`);
      assert.ok(png, "a PNG was made");
      assert.equal(png.type, "image/png");
      assert.deepEqual(png.magic, [0x89, 0x50, 0x4e, 0x47]);
      assert.ok(png.size > 5000, `PNG of ${png.size} bytes`);
      assert.ok(png.dashes.some((d) => d.length >= 2 && d.every((x) => Number.isFinite(x) && x > 0)), `dash patterns: ${JSON.stringify(png.dashes)}`);

      // Axis labels are spelt as in every other engine ("30k", not "30K").
      const ticks = await s.run(`arguments[0]([...document.querySelectorAll(".cs-chart svg text.tick")].map((t) => t.textContent))`);
      const values = ticks.filter((t) => /^[\d.]+[A-Za-z]*$/.test(t));
      assert.ok(values.length >= 3 && values.every((t) => /^[\d.]+(k|M|bn)?$/.test(t)), `tick labels: ${ticks.join(" ")}`);

      page = await s.run(SUMMARY);
      assert.deepEqual(page.errors, [], "no page or console errors");
      assert.equal(page.shownError, false);
      const shot = await s.call("GET", "/screenshot");
      await writeFile(join(ARTEFACTS, `engine-${engine}.png`), Buffer.from(shot, "base64"));
      console.log(`# ${engine} ${s.version}: ok`);
    } finally {
      await s.close();
    }
  });
}
