// The widget in Debian's Chromium, as a reader uses it: load, drag, type, switch presets,
// break things. Screenshots go to test-results/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { start, open, settled, ROOT, ARTEFACTS } from "./browser.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** What the reader sees: the headline and the fan chart's median path. */
const view = (page) =>
  page.evaluate(() => ({
    headline: document.querySelector(".cs-headline").textContent,
    median: document.querySelector(".cs-chart .median")?.getAttribute("d"),
    outer: document.querySelector(".cs-chart .band-outer")?.getAttribute("d"),
  }));

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
    assert.match(v.headline, /In .* simulated futures .* B200-equivalents/);
    assert.ok(v.median && v.median.length > 1000, "median line drawn");
    assert.equal(await page.locator(".cs-hist svg rect.bar").count() > 0, true);
    assert.equal(await page.locator(".cs-sites tbody tr").count(), 2);
    assert.ok((await page.locator(".cs-sources li").count()) > 5);
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
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector(".cs-widget").computeShock.state.scenario.shocks[0].rate_per_year > 0.6);
  await settled(page, 10_000);
  const after = await view(page);
  assert.notEqual(after.median, before.median);
  assert.notEqual(after.headline, before.headline);
  assert.match(await slider.getAttribute("aria-valuetext"), /^1\.8 a year on average$/);
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
  await page.getByLabel("Scenario", { exact: true }).selectOption("two-track");
  await page.waitForFunction(() => document.querySelectorAll(".cs-sites tbody tr").length === 5);
  await settled(page, 10_000);
  const after = await view(page);
  assert.notEqual(after.median, before.median);
  assert.notEqual(after.headline, before.headline);
  assert.match(await page.locator(".cs-sources").textContent(), /Beijing curbs imports/);
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
  // And what is printed: the site table and the headline's figures.
  const cells = await page.locator(".cs-sites tbody td").allTextContents();
  assert.equal(cells.at(-2), `${Math.round(golden.sites[0].share_of_days_up * 100)}%`);
  const headline = await page.locator(".cs-headline").textContent();
  const p10 = golden.metrics.final_capacity_b200e.p10;
  assert.ok(headline.includes(new Intl.NumberFormat("en-GB").format(Math.round(p10))), headline);
  assert.ok(headline.includes(String(Math.round(golden.metrics.days_to_train.p50 * 10) / 10)), headline);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the newest change always wins over an older result", async () => {
  const { page, errors } = await open(env.context, `${env.base}/`);
  await settled(page);
  const slider = page.getByLabel("The firm needs");
  await slider.focus();
  // Thirty quick changes, each starting a run; only the last may end up on screen.
  for (let i = 0; i < 30; i++) await page.keyboard.press(i % 3 === 2 ? "ArrowLeft" : "ArrowRight");
  await settled(page, 10_000);
  const { shown, wanted } = await page.evaluate(() => {
    const s = document.querySelector(".cs-widget").computeShock.state;
    return { shown: s.summary.requirement_b200e, wanted: s.scenario.requirement_b200e };
  });
  assert.equal(shown, wanted);
  assert.equal(wanted, 10_000 + 10 * 500);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a long run shows progress, and bad input names the field", async () => {
  const { page, errors } = await open(env.context, `${env.base}/`);
  await settled(page);
  await page.getByLabel("Simulated futures").selectOption("100000");
  await page.waitForSelector(".cs-progress:not([hidden])", { timeout: 10_000 });
  assert.match(await page.locator(".cs-status").textContent(), /Simulating .* of 100,000 futures/);
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
  const { page, errors } = await open(env.context, `${env.base}/`);
  await settled(page);
  await page.evaluate(() => document.querySelector(".cs-widget").computeShock.simulator.panicForTest());
  await page.waitForSelector(".cs-error:not([hidden])");
  assert.match(await page.locator(".cs-error").textContent(), /stopped because of a bug: .*deliberate panic/s);
  // The message stays until the reader changes something (the restarted engine is quiet).
  await page.waitForTimeout(1500);
  assert.match(await page.locator(".cs-error").textContent(), /deliberate panic/);
  await page.screenshot({ path: join(ARTEFACTS, "widget-engine-error.png") });
  // A fresh engine takes the next change.
  await page.getByLabel("Scenario", { exact: true }).selectOption("ceo-worst-case");
  await page.waitForSelector(".cs-error[hidden]", { state: "attached", timeout: 20_000 });
  await settled(page, 10_000);
  assert.equal(await page.locator(".cs-sites tbody tr").count(), 1);
  // The panic itself is logged to the console (by design); nothing else is.
  assert.deepEqual(errors.filter((e) => !e.includes("deliberate panic")), []);
  await page.close();
});

test("a long run split across workers equals one worker's and the native command's", async () => {
  const { page, errors } = await open(env.context, `${env.base}/?preset=two-track&seed=5&trials=20000`);
  await settled(page, 20_000);
  const { summary, split, size, parts, handedOut, shares } = await page.evaluate(() => {
    const api = document.querySelector(".cs-widget").computeShock;
    const s = api.state.summary;
    return {
      summary: { ...s, bands: Object.fromEntries(Object.entries(s.bands).map(([k, v]) => [k, Array.from(v)])) },
      split: api.simulator.lastSplit,
      size: api.simulator.size,
      parts: api.simulator.partsReceived,
      handedOut: api.simulator.sharesDone,
      shares: api.simulator.sharesTotal,
    };
  });
  if (size < 2) console.log("# one core here: the split itself was not exercised");
  else {
    assert.equal(parts, split, "every worker sent its accumulator");
    // Shares beyond the first one per worker were handed out as workers came free.
    assert.ok(shares > split, `${shares} shares for ${split} workers`);
    assert.equal(handedOut, shares - split);
  }
  const native = JSON.parse(
    execFileSync(join(ROOT, "target/release/compute-shock"), ["run", "--preset", "two-track", "--seed", "5", "--trials", "20000"], { encoding: "utf8", maxBuffer: 1 << 26 }),
  );
  assert.deepEqual(summary, native);
  assert.deepEqual(errors, []);
  await page.close();
});
