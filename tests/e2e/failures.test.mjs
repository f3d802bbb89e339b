// When the engine or one of the widget's files cannot load, a reader sees, within a few
// seconds, a line saying so, and the page's static edition where it shows what the address
// asks for (the default preset in English, unchanged); never an endless "Loading…" or an
// empty box. Each failure is made by intercepting one file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, start } from "./browser.mjs";

const WASM = "**/pkg/compute_shock_bg.wasm";
const EN = "The interactive version could not load. Reload the page to try again.";
const JA = "インタラクティブ版を読み込めませんでした。ページを再読み込みしてください。";
/** What the page's watchdog says: it cannot tell a failed module from a very slow network. */
const NOT_STARTED = "The interactive version has not started. If it does not appear, reload the page.";

/** Opens `path` with `file` made to fail as `how`; returns what the reader sees and when. */
async function broken(path, file, how) {
  const b = await start();
  try {
    const bytes = await readFile(join(ROOT, "site/pkg/compute_shock_bg.wasm"));
    await b.context.route(file, (route) => {
      if (how === "abort") return route.abort();
      if (how === "404") return route.fulfill({ status: 404, body: "not found" });
      if (how === "corrupt") return route.fulfill({ status: 200, contentType: "application/wasm", body: Buffer.from("this is not webassembly") });
      return route.fulfill({ status: 200, contentType: "application/wasm", body: bytes.subarray(0, 4096) }); // truncated
    });
    const page = await b.context.newPage();
    const t0 = Date.now();
    await page.goto(`${b.base}${path}`);
    await page.waitForSelector(".cs-unavailable", { timeout: 15_000 });
    const ms = Date.now() - t0;
    const seen = await page.evaluate(() => ({
      note: document.querySelector(".cs-unavailable").textContent,
      chart: Boolean(document.querySelector(".cs-static img.noscript-chart")),
      lead: document.querySelector(".cs-static .noscript-headline")?.textContent ?? null,
      loading: Boolean(document.querySelector(".cs-loading")),
    }));
    return { ...seen, ms };
  } finally {
    await b.close();
  }
}

test("a missing, aborted, corrupt or truncated engine: the note and the static edition within seconds", async () => {
  for (const how of ["404", "abort", "corrupt", "truncated"]) {
    const seen = await broken("/embed.html", WASM, how);
    assert.equal(seen.note, EN, how);
    assert.ok(seen.chart, `${how}: the static chart`);
    assert.match(seen.lead, /^A training run on Osaka and Sydney/, how);
    assert.equal(seen.loading, false, how);
    assert.ok(seen.ms < 10_000, `${how}: ${seen.ms} ms`);
    console.log(`engine ${how}: note after ${seen.ms} ms`);
  }
});

test("the static edition only where it tells the truth: not for another preset, language or a changed scenario", async () => {
  const ja = await broken("/embed.html?lang=ja", WASM, "404");
  assert.deepEqual([ja.note, ja.chart], [JA, false]);
  const other = await broken("/embed.html?preset=two-track", WASM, "404");
  assert.deepEqual([other.note, other.chart], [EN, false]);
  const changed = await broken("/index.html?set=horizon_days:365&v=1", WASM, "404");
  assert.deepEqual([changed.note, changed.chart], [EN, false]);
  const seeded = await broken("/embed.html?seed=2", WASM, "404");
  assert.deepEqual([seeded.note, seeded.chart], [EN, false]);
  // An edition's own page, as embed code names it (the seed spelt out, the default 1): its
  // preset, in its language.
  const edition = await broken("/embed-two-track.ja.html?preset=two-track&lang=ja&seed=1", WASM, "404");
  assert.equal(edition.note, JA);
  assert.ok(edition.chart, "the edition's chart");
  assert.match(edition.lead, /大阪/);
});

test("a module of the widget or its worker that cannot load: a note from the page's watchdog, or the widget's", async () => {
  const panels = await broken("/embed.html", "**/under-chart.js", "abort");
  assert.deepEqual([panels.note, panels.chart], [NOT_STARTED, true]);
  assert.ok(panels.ms < 10_000, `${panels.ms} ms`);
  const worker = await broken("/index.html", "**/worker.js", "404");
  assert.equal(worker.note, EN);
  assert.ok(worker.ms < 10_000, `${worker.ms} ms`);
});

test("presets that cannot load: the note and the static edition, as for a missing engine", async () => {
  for (const how of ["404", "abort"]) {
    const seen = await broken("/embed.html", "**/presets.json", how);
    assert.deepEqual([seen.note, seen.chart, seen.loading], [EN, true, false], how);
    assert.ok(seen.ms < 10_000, `${how}: ${seen.ms} ms`);
  }
});

test("an engine that fails before the reader's language has loaded still speaks it", async () => {
  // The wasm fails at once; the Japanese strings arrive later.
  const b = await start();
  try {
    await b.context.route(WASM, (route) => route.fulfill({ status: 404, body: "" }));
    await b.context.route("**/i18n-ja.js", async (route) => {
      await new Promise((ok) => setTimeout(ok, 1500));
      await route.continue();
    });
    const page = await b.context.newPage();
    await page.goto(`${b.base}/embed.html?lang=ja`);
    await page.waitForSelector(".cs-unavailable", { timeout: 15_000 });
    assert.equal(await page.locator(".cs-unavailable").textContent(), JA);
  } finally {
    await b.close();
  }
});

/** Sites with an outage a day, of any length up to a century, over ten years (the
 * reliability review's case): each such site costs a trial about 0.3 ms in WebAssembly,
 * forty times the default preset's whole trial. */
function dailyOutages(sites) {
  const outages = { rate_per_year: 365, duration_days: { median: 0.001, p90: 36500 }, fraction: 0.5 };
  const scenario = { horizon_days: 3650, sites: Array.from({ length: sites }, (_, i) => ({ id: `s${i}`, jurisdiction: "JP", route: "r", chip: "B200", gpus: 1, outages })) };
  return `/embed.html?scenario=${Buffer.from(JSON.stringify(scenario)).toString("base64url")}`;
}
const widgetState = (page) => page.evaluate(() => ({ trials: document.querySelector(".cs-widget").computeShock.state.trials, sites: document.querySelector(".cs-widget").computeShock.state.scenario.sites.length }));

test("a scenario whose trials cost hundreds of times a preset's runs in short steps: its first progress comes after a few trials", async () => {
  // The workers once started every run with 1,000-trial steps, and never went below 100; now
  // a run's steps start at one trial and grow to about 25 ms. Sixteen such sites, about 4 ms
  // a trial here: the first progress is drawn some 200 ms into the run, a few dozen trials
  // in, so well under 1,000 on a machine several times faster too.
  const b = await start();
  try {
    const page = await b.context.newPage();
    await page.goto(`${b.base}${dailyOutages(16)}&trials=2000`);
    await page.waitForFunction(() => Number(document.querySelector(".cs-progress")?.value) > 0, null, { timeout: 60_000, polling: 10 });
    const first = await page.evaluate(() => Number(document.querySelector(".cs-progress").value));
    assert.ok(first < 1000, `the first progress drawn counts ${first} trials`);
  } finally {
    await b.close();
  }
});

// (A link too large at its futures runs with the fewest and says so: the controller's, tested
// in Node, tests/js/controller.test.mjs.)
test("a run that will take long shows the widget, says how long, and offers fewer futures", async () => {
  const b = await start();
  try {
    // One core (one worker): 10,000 futures of three such sites take some 8 s.
    await b.context.addInitScript(() => Object.defineProperty(navigator, "hardwareConcurrency", { get: () => 1 }));
    const page = await b.context.newPage();
    await page.goto(`${b.base}${dailyOutages(3)}`);
    // Before the run ends: the widget is shown (not its loading line), with the note.
    const fewer = page.locator(".cs-fewer");
    await fewer.waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await page.locator(".cs-widget.cs-pending").count(), 0);
    assert.match(await page.locator(".cs-status").first().textContent(), /^Simulating [\d,]+ of 10,000 futures… About \d+ s to go\.Use 1,000 futures$/);
    assert.equal(await page.locator(".cs-headline").textContent(), "");
    await fewer.click();
    // The new run's note is its own: at its pace 1,000 futures take about a second, so no
    // note while it runs (the replaced run's pace and button are not carried over).
    let slowSeen = 0;
    while (!/1,000 simulated futures/.test(await page.locator(".cs-status").first().textContent())) {
      slowSeen += await page.locator(".cs-status.cs-slow").count();
      await page.waitForTimeout(25);
    }
    assert.equal(slowSeen, 0);
    assert.deepEqual(await widgetState(page), { trials: 1000, sites: 3 });
    assert.ok(await fewer.isHidden());
    assert.match(await page.locator(".cs-headline").textContent(), /3 sites/);
  } finally {
    await b.close();
  }
});

test("a preset asked for with more futures than the ceiling allows runs with 1,000 at once, split or not", async () => {
  // two-track allows 402,628 futures. A split run (two workers or more) is checked as a
  // whole before its shares run, each of which alone is within the ceiling: it once ran
  // every share, a minute or more, and failed at the merge.
  const b = await start();
  try {
    const page = await b.context.newPage();
    await page.goto(`${b.base}/embed.html?preset=two-track&trials=1000000`);
    assert.ok((await page.evaluate(() => document.querySelector(".cs-widget").computeShock.simulator.size)) > 1, "a split run");
    await page.waitForFunction(() => /simulated futures/.test(document.querySelector(".cs-status")?.textContent ?? ""), null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.querySelector(".cs-widget").computeShock.state.trials), 1000);
    assert.equal(await page.evaluate(() => document.querySelector(".cs-widget").computeShock.state.preset.id), "two-track");
    assert.match(await page.locator(".cs-notes").textContent(), /shown with 1,000\./);
    // No share of the refused run ran: the workers ran the 1,000 futures shown and nothing else.
    const ran = await page.evaluate(async () => (await document.querySelector(".cs-widget").computeShock.simulator.stats()).reduce((a, s) => a + s.trials, 0));
    assert.equal(ran, 1000);
  } finally {
    await b.close();
  }
});
