// The widget in Debian's Chromium, as a reader uses it: load, drag, type, switch presets,
// break things. Screenshots go to test-results/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { useBrowser, start, open, settled, siteTable, ROOT, ARTEFACTS } from "./browser.mjs";
import { headline } from "../../www/words/story.js";
import { pointValue } from "../../www/state/quantity.js";
import { loadLanguage, translator } from "../../www/words/i18n.js";

await loadLanguage("en");

const env = useBrowser();

/** What the reader sees: the headline and the fan chart's median path. */
const view = (page) =>
  page.evaluate(() => ({
    headline: document.querySelector(".cs-headline").textContent,
    details: document.querySelector(".cs-details-list").textContent,
    median: document.querySelector(".cs-chart .median")?.getAttribute("d"),
    outer: document.querySelector(".cs-chart .band-outer")?.getAttribute("d"),
  }));

/** A preset as the page has it (the default one without `id`): tests read its figures. */
const presetOf = (page, id) =>
  page.evaluate((id) => {
    const { presets } = document.querySelector(".cs-widget").computeShock.state;
    return JSON.parse(JSON.stringify(id ? presets.find((p) => p.id === id) : presets[0]));
  }, id);

/** A slider's range and value as the page set them. */
const rangeOf = (slider) => slider.evaluate((el) => ({ value: Number(el.value), min: Number(el.min), max: Number(el.max), step: Number(el.step) }));

test("the page loads, explains itself and draws the charts without errors", async () => {
  for (const [name, viewport, colorScheme] of [
    ["desktop-light", { width: 1280, height: 900 }, "light"],
    ["desktop-dark", { width: 1280, height: 900 }, "dark"],
    ["phone-light", { width: 390, height: 844 }, "light"],
    ["phone-dark", { width: 390, height: 844 }, "dark"],
  ]) {
    const page = await env.context.newPage();
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await page.goto(`${env.base}/`);
    await settled(page, 10_000);
    const v = await view(page);
    // story.js's sentence for the run on screen, leading with the delay against no new rules.
    const shown = await page.evaluate(() => {
      const s = document.querySelector(".cs-widget").computeShock.state;
      return { summary: { ...s.summary, bands: null }, scenario: s.scenario };
    });
    assert.equal(v.headline, headline(shown.summary, shown.scenario, translator("en")));
    assert.match(v.headline, /^A training run on Osaka and Sydney starting 23 December 2026 .* late/);
    assert.ok(v.median && v.median.length > 1000, "median line drawn");
    // The histogram, drawn once it comes near the screen.
    await page.locator(".cs-hist").scrollIntoViewIfNeeded();
    await page.locator(".cs-hist svg rect.bar").first().waitFor();
    const preset = await presetOf(page);
    assert.equal(await (await siteTable(page)).locator("tbody tr").count(), preset.scenario.sites.length);
    // (The sources list is drawn when it comes on screen.)
    await page.locator(".cs-sources").scrollIntoViewIfNeeded();
    await page.locator(".cs-sources li").first().waitFor();
    assert.equal(await page.locator(".cs-sources li").count(), preset.sources.length);
    // Nothing wider than the screen on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: join(ARTEFACTS, `widget-${name}.png`), fullPage: true });
    assert.deepEqual(errors, [], name);
    await page.close();
  }
});

test("a slider moved by keyboard changes the chart and the sentence", async () => {
  const { page, errors } = await open(env.context, `${env.base}/`);
  await settled(page);
  const before = await view(page);
  const slider = page.getByLabel("Policy shocks");
  // The slider starts at the preset's shocks a year, all types together.
  const preset = await presetOf(page);
  // (A drawn rate counts at its mean, as the slider reads it.)
  const total = preset.scenario.shocks.reduce((sum, k) => sum + pointValue(k.rate_per_year), 0);
  const range = await rangeOf(slider);
  assert.ok(Math.abs(range.value - total) <= range.step / 2, `slider at ${range.value}, preset ${total} a year`);
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction((rate) => document.querySelector(".cs-widget").computeShock.state.scenario.shocks[0].rate_per_year > rate, pointValue(preset.scenario.shocks[0].rate_per_year));
  await settled(page, 10_000);
  const after = await view(page);
  assert.notEqual(after.median, before.median);
  assert.notEqual(after.headline, before.headline);
  const moved = Math.min(range.max, range.value + 20 * range.step);
  // (The preset has several kinds of shock: the slider says its rate is their sum.)
  const kinds = preset.scenario.shocks.length;
  assert.equal(await slider.getAttribute("aria-valuetext"), `${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(moved)} a year on average${kinds > 1 ? `, all ${kinds} kinds together` : ""}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a slider dragged with the mouse previews, then refines to the full run", async () => {
  const { page, errors } = await open(env.context, `${env.base}/`);
  await settled(page);
  const before = await view(page);
  const slider = page.getByLabel("Host countries comply");
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await page.mouse.down();
  // Drag left in steps, as a hand does; previews of 1,000 futures run meanwhile.
  let sawPreview = false;
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + box.width * (1 - i / 15), box.y + box.height / 2);
    await page.waitForTimeout(30);
    sawPreview ||= await page.evaluate(() => document.querySelector(".cs-widget").computeShock.state.summary.trials === 1000);
  }
  await page.mouse.up();
  await settled(page, 10_000);
  const after = await view(page);
  assert.ok(sawPreview, "a 1,000-future preview was drawn during the drag");
  assert.notEqual(after.outer, before.outer);
  assert.notEqual(after.headline, before.headline);
  const comply = await page.evaluate(() => document.querySelector(".cs-widget").computeShock.state.scenario.shocks.map((k) => k.comply_probability));
  assert.ok(comply.every((c) => c < 0.4 && c === comply[0]), `compliance set for every shock: ${comply}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("switching presets changes the scenario, the table and the sources", async () => {
  const { page, errors } = await open(env.context, `${env.base}/`);
  await settled(page);
  const before = await view(page);
  const other = await presetOf(page, "two-track");
  await page.getByLabel("Scenario", { exact: true }).selectOption("two-track");
  await siteTable(page);
  await page.waitForFunction((n) => document.querySelectorAll(".cs-sites tbody tr").length === n, other.scenario.sites.length);
  await settled(page, 10_000);
  const after = await view(page);
  assert.notEqual(after.median, before.median);
  // The lead can read the same (two-track's run is on the same two sites under the same
  // rule); the figures under it are the new preset's.
  assert.notEqual(await page.locator(".cs-details-list").textContent(), before.details);
  // Its own sources, each with its note (the page is in English, the presets' language):
  // the notes are fetched once the list comes on screen.
  await page.locator(".cs-sources").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector(".cs-widget").computeShock.state.presets.every((p) => p.sources.every((s) => s.note)), null, { timeout: 30_000 });
  const noted = await presetOf(page, "two-track");
  const sources = await page.locator(".cs-sources li").allTextContents();
  assert.equal(sources.length, noted.sources.length);
  noted.sources.forEach((source, i) => assert.ok(source.note.length > 20 && sources[i].includes(source.note), `${sources[i]} lacks ${source.note}`));
  await page.screenshot({ path: join(ARTEFACTS, "widget-two-track.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the page shows the native command's numbers for the same scenario and seed", async () => {
  const golden = JSON.parse(await readFile(join(ROOT, "tests/golden/ceo-worst-case-1000-seed7.json"), "utf8"));
  const { page, errors } = await open(env.context, `${env.base}/?preset=ceo-worst-case&seed=7&trials=1000`);
  await settled(page, 1000);
  const summary = await page.evaluate(() => {
    const s = document.querySelector(".cs-widget").computeShock.state.summary;
    return { ...s, bands: Object.fromEntries(Object.entries(s.bands).map(([k, v]) => [k, Array.from(v)])) };
  });
  assert.deepEqual(summary, golden);
  // And what is printed: the site table and the headline, story.js's sentence for the
  // native command's summary.
  const cells = await (await siteTable(page)).locator("tbody td").allTextContents();
  assert.equal(cells.at(-2), `${Math.round(golden.sites[0].share_of_days_up * 100)}%`);
  const { scenario } = await presetOf(page, "ceo-worst-case");
  assert.equal(await page.locator(".cs-headline").textContent(), headline(golden, scenario, translator("en")));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the newest change always wins over an older result", async () => {
  const { page, errors } = await open(env.context, `${env.base}/`);
  await settled(page);
  const slider = page.getByLabel("Floor for an AI model");
  const range = await rangeOf(slider);
  const requirement = (await presetOf(page)).scenario.requirement_b200e;
  assert.ok(Math.abs(range.value - requirement) <= range.step / 2, `slider at ${range.value}, preset ${requirement}`);
  await slider.focus();
  // Thirty quick changes, each starting a run; only the last may end up on screen.
  for (let i = 0; i < 30; i++) await page.keyboard.press(i % 3 === 2 ? "ArrowLeft" : "ArrowRight");
  await settled(page, 10_000);
  const { shown, wanted } = await page.evaluate(() => {
    const s = document.querySelector(".cs-widget").computeShock.state;
    return { shown: s.summary.requirement_b200e, wanted: s.scenario.requirement_b200e };
  });
  assert.equal(shown, wanted);
  // Twenty steps up and ten down from the preset's requirement, within the slider's range.
  let expected = range.value;
  for (let i = 0; i < 30; i++) expected = Math.min(range.max, Math.max(range.min, expected + (i % 3 === 2 ? -range.step : range.step)));
  assert.equal(wanted, expected);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a reader scrolling down finds each part at its full height: nothing under it moves", async () => {
  // The parts drawn when near the screen (histogram, sites, sources) fill when the browser is
  // idle after the first run, or when a reader opens More; the sensitivity view, which runs
  // only when seen, holds its chart's height until its bars arrive. So "All settings", under
  // them, stays where it is as a reader scrolls to it, at every width, on the full page and in
  // the story embed with More opened. (It moved 530-630 px before.)
  for (const [path, more] of [["?preset=two-track", false], ["embed.html?preset=two-track", true]]) {
    for (const width of more ? [375] : [320, 375, 1280]) {
      const { page, errors } = await open(env.context, `${env.base}/${path}`);
      await page.setViewportSize({ width, height: 800 });
      await settled(page);
      if (more) await page.locator(".cs-more > summary").click();
      // Filled once the browser is idle: the histogram drawn, the sites' table with its rows
      // (each loads its own code; on a slow machine one may come well after the other).
      await page.locator(".cs-hist svg").waitFor({ state: "attached" });
      await page.locator(".cs-sites tbody tr").first().waitFor({ state: "attached" });
      const at = () => page.evaluate(() => Math.round(document.querySelector(".cs-all").getBoundingClientRect().top + scrollY));
      const start = await at();
      const moves = [];
      for (let y = 0; y < start + 800; y += 300) {
        await page.evaluate((y) => scrollTo(0, y), y);
        await page.waitForTimeout(150);
        const now = await at();
        if (Math.abs(now - start) > 2) moves.push(`${now - start} px at ${y}`);
      }
      // And once the sensitivity's bars are in.
      await page.waitForFunction(() => document.querySelector(".cs-widget").computeShock.views.tornado, null, { timeout: 60_000 });
      const end = await at();
      if (Math.abs(end - start) > 2) moves.push(`${end - start} px once the bars were in`);
      assert.deepEqual(moves, [], `${path} at ${width} px: "All settings" moved`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});

test("a long run shows progress, and bad input names the field", async () => {
  // Two-track at 100,000 trials takes long enough (about a second on two cores) for the bar,
  // which a run shows only once it has lasted 200 ms (www/views/figures.js).
  const { page, errors } = await open(env.context, `${env.base}/?preset=two-track`);
  await settled(page);
  await page.getByLabel("Simulated futures").selectOption("100000");
  // Polled on a timer: the bar shows for a few hundred milliseconds below the fold, where
  // waiting on animation frames can miss it.
  await page.waitForFunction(() => document.querySelector(".cs-progress")?.hidden === false, null, { polling: 20, timeout: 10_000 });
  assert.match(await page.locator(".cs-status").first().textContent(), /Simulating .* of 100,000 futures/);
  await settled(page, 100_000);

  await page.locator(".cs-all > summary").click();
  const gpus = page.locator('input[data-path="sites[0].gpus"]');
  await gpus.fill("-5");
  await gpus.press("Tab");
  await page.waitForSelector(".cs-error:not([hidden])");
  assert.equal(await page.locator(".cs-error").textContent(), "Not run: sites[0].gpus: must be an integer from 0 to 10000000, got -5");
  assert.equal(await gpus.getAttribute("aria-invalid"), "");
  await gpus.fill("12000");
  await gpus.press("Tab");
  await page.waitForSelector(".cs-error[hidden]", { state: "attached" });
  assert.equal(await gpus.getAttribute("aria-invalid"), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a bug in the engine shows a message, and the widget keeps working", async () => {
  // Only the test build of the engine can be made to panic: target/site-test is site/ with
  // that build (`make site-test`); readers' pkg/ has no __panicForTest.
  const test = await start({}, { dir: join(ROOT, "target/site-test") });
  try {
    const { page, errors } = await open(test.context, `${test.base}/`);
    await settled(page);
    assert.ok(await page.evaluate(async () => "__panicForTest" in (await import("/pkg/compute_shock.js"))), "target/site-test has the test build");
    await page.evaluate(() => document.querySelector(".cs-widget").computeShock.simulator.workers[0].postMessage({ type: "panic-for-test" }));
    await page.waitForSelector(".cs-error:not([hidden])");
    assert.match(await page.locator(".cs-error").textContent(), /stopped because of a bug: .*deliberate panic/s);
    // What happened, not where in the engine's source.
    assert.doesNotMatch(await page.locator(".cs-error").textContent(), /src\/|\.rs:\d/);
    // The message stays until the reader changes something (the restarted engine is quiet).
    await page.waitForTimeout(1500);
    assert.match(await page.locator(".cs-error").textContent(), /deliberate panic/);
    await page.screenshot({ path: join(ARTEFACTS, "widget-engine-error.png") });
    // A fresh engine takes the next change.
    await page.getByLabel("Scenario", { exact: true }).selectOption("ceo-worst-case");
    await page.waitForSelector(".cs-error[hidden]", { state: "attached", timeout: 20_000 });
    await settled(page, 10_000);
    const sites = await page.evaluate(() => document.querySelector(".cs-widget").computeShock.state.scenario.sites.length);
    assert.equal(await (await siteTable(page)).locator("tbody tr").count(), sites);
    // The panic itself is logged to the console (by design); nothing else is.
    assert.deepEqual(errors.filter((e) => !e.includes("deliberate panic")), []);
    await page.close();
  } finally {
    await test.close();
  }
});

test("a long run split across workers equals one worker's and the native command's", async () => {
  // The page believes it has four cores (whatever this machine has), so it starts four workers.
  const page = await env.context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => 4 }));
  await page.goto(`${env.base}/?preset=two-track&seed=5&trials=20000`);
  await settled(page, 20_000);
  const { summary, run, workers } = await page.evaluate(() => {
    const api = document.querySelector(".cs-widget").computeShock;
    const s = api.state.summary;
    return {
      summary: { ...s, bands: Object.fromEntries(Object.entries(s.bands).map(([k, v]) => [k, Array.from(v)])) },
      run: api.state.lastRun,
      workers: api.simulator.workers.length,
    };
  });
  assert.equal(workers, 4);
  // The run's own account: four workers took part, and the trials went out in more shares
  // than workers, handed out as workers came free (how many: sharesOf, tested in Node).
  assert.equal(run.workers, 4, JSON.stringify(run));
  assert.ok(run.shares > run.workers, JSON.stringify(run));
  const native = JSON.parse(
    execFileSync(join(ROOT, "target/release/compute-shock"), ["run", "--preset", "two-track", "--seed", "5", "--trials", "20000"], { encoding: "utf8", maxBuffer: 1 << 26 }),
  );
  assert.deepEqual(summary, native);
  assert.deepEqual(errors, []);
  await page.close();
});
