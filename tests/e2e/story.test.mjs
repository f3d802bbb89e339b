// The widget's dates, the strip of futures below the requirement, the training run's start,
// and the headline, in Chromium; then screenshots at four widths, light and dark, English and
// Japanese (test-results/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, open, settled, ARTEFACTS } from "./browser.mjs";

const env = useBrowser();

const api = 'document.querySelector(".cs-widget").computeShock';
const base64url = (text) => Buffer.from(text).toString("base64url");

/** One site, no outages; a halt of every site for exactly a week from day 100, and nothing
 * else; day 0 on 1 March 2027. */
const WEEK = {
  name: "A week's halt on a date",
  start_date: "2027-03-01",
  horizon_days: 365,
  requirement_b200e: 10_000,
  training_run: { flop: 3.8e25, mfu: 0.4, start_day: 0 },
  sites: [{ id: "osaka", jurisdiction: "JP", route: "offshore_rental", chip: "B200", gpus: 15_000 }],
  shocks: [{ id: "halt", rate_per_year: 0, effect: "halt", duration_days: { median: 7, p90: 7 }, scheduled_days: [100] }],
};
const weekUrl = (extra = "") => `${env.base}/?scenario=${base64url(JSON.stringify(WEEK))}&v=1&trials=1000${extra}`;

/** The headline on screen, and story.js's for the run on screen (same summary, scenario and
 * language). */
const headlines = (page) =>
  page.evaluate(async (api) => {
    const { headline } = await import("/words/story.js");
    const { presetText, translator } = await import("/words/i18n.js");
    const s = eval(api).state;
    const names = presetText(s.lang, s.preset.id)?.names ?? {};
    return { shown: document.querySelector(".cs-headline").textContent, story: headline(s.summary, s.scenario, translator(s.lang), { nameOf: (x) => names[x.id] ?? x.name ?? x.id }) };
  }, api);

test("dates come from the scenario's start date, not the reader's clock: chart, table, CSV", async () => {
  const page = await env.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The reader's clock says 2031: nothing on screen may.
  await page.clock.setFixedTime(new Date("2031-06-15T10:00:00"));
  await page.goto(weekUrl("&lang=ja"));
  await settled(page, 1000);
  const ticks = await page.locator(".cs-chart:not(.cs-hist) svg").first().locator("text.tick").allTextContents();
  assert.ok(ticks.includes("2027年4月") || ticks.includes("2027年5月"), ticks.join(" "));
  assert.ok(!ticks.some((x) => x.includes("2031")), ticks.join(" "));
  assert.match(await page.locator(".cs-chart:not(.cs-hist) svg").first().getAttribute("aria-label"), /^2027年3月1日から2028年2月28日まで/);
  // The table by month (the chart's, the first of the tables that open) is drawn when opened.
  const monthly = (p) => p.locator(".cs-data-wrap").first().locator(".cs-data:not(.cs-events) tbody tr th");
  assert.equal(await monthly(page).count(), 0);
  await page.locator(".cs-data-wrap > summary").first().click();
  await monthly(page).first().waitFor();
  assert.equal(await monthly(page).first().textContent(), "2027年3月1日");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "データ（CSV）" }).click()]);
  const csv = (await readFile(await download.path(), "utf8")).slice(1).split(/\r?\n/);
  assert.equal(csv[0], "day,date,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement");
  assert.match(csv[1], /^0,2027-03-01,/);
  assert.match(csv[101], /^100,2027-06-09,0,0,0,0,0,0,1$/);
  // The SVG download is the chart on screen: the same dates.
  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "グラフ（SVG）" }).click()]);
  const svgText = await readFile(await svg.path(), "utf8");
  assert.ok(svgText.includes("2027年4月") || svgText.includes("2027年5月"));
  assert.ok(!svgText.includes("2031"));
  assert.deepEqual(errors, []);
  await page.close();

  // A scenario without a start date is dated from the reader's today.
  const undated = await env.context.newPage();
  await undated.clock.setFixedTime(new Date("2031-06-15T10:00:00"));
  await undated.goto(`${env.base}/?scenario=${base64url(JSON.stringify({ ...WEEK, start_date: undefined }))}&v=1&trials=1000`);
  await settled(undated, 1000);
  await undated.locator(".cs-data-wrap > summary").first().click();
  await monthly(undated).first().waitFor();
  assert.equal(await monthly(undated).first().textContent(), "15 June 2031");
  assert.match(await undated.locator(".cs-chart:not(.cs-hist) svg").first().getAttribute("aria-label"), /from 15 June 2031/);
  await undated.close();
});

test("a week's halt shows in the strip under the fan chart and in the table's last column", async () => {
  const { page, errors } = await open(env.context, weekUrl());
  await settled(page, 1000);
  const strip = await page.evaluate(() => {
    const svg = document.querySelector(".cs-chart svg");
    const ticks = [...svg.querySelectorAll("text.tick")].slice(-2);
    const path = svg.querySelector("path.below");
    const box = path.getBBox();
    return {
      label: svg.querySelector("text.strip-label").textContent,
      ticks: ticks.map((t) => [t.textContent, Number(t.getAttribute("y")) - 4]),
      box: { x: box.x, y: box.y, width: box.width, height: box.height },
      d: path.getAttribute("d"),
      fill: getComputedStyle(path).fill,
      width: svg.viewBox.baseVal.width,
      aria: svg.getAttribute("aria-label"),
    };
  });
  assert.equal(strip.label, "Share of futures below the floor");
  const [[top, topY], [bottom, bottomY]] = strip.ticks;
  assert.deepEqual([top, bottom], ["100%", "0%"]);
  // Every future is below for a week: the strip reaches its top, for 7 of 365 days.
  assert.equal(strip.box.y, topY);
  assert.ok(Math.abs(strip.box.y + strip.box.height - bottomY) < 0.01);
  const atTop = strip.d.slice(1, -1).split("L").map((p) => p.split(",").map(Number)).filter(([, y]) => y === topY).map(([x]) => x);
  const plot = strip.width - 58 - 10;
  assert.equal(atTop.length, 2, strip.d);
  assert.ok(Math.abs(atTop[1] - atTop[0] - (6 / 364) * plot) < 0.2, strip.d);
  assert.notEqual(strip.fill, "none");
  assert.match(strip.aria, /On the worst day, 100% of futures are below the floor\./);
  // The table: the month with the halt (June 2027) says 100%, the others 0%.
  await page.locator(".cs-data-wrap > summary").first().click();
  // (The chart's own table: the first; the views under it have tables of their own.)
  const table = page.locator(".cs-data").first();
  assert.equal(await table.locator("thead th").last().textContent(), "Below the floor");
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[6].textContent]));
  assert.deepEqual(
    rows.filter(([, worst]) => worst !== "0%"),
    [["1 June 2027", "100%"]],
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test("the training run starts when the reader says: the slider, its words, the histogram and the headline", async () => {
  const { page, errors } = await open(env.context, weekUrl());
  await settled(page, 1000);
  const slider = page.getByLabel("The training run starts");
  assert.equal(await slider.getAttribute("max"), "364");
  assert.equal(await slider.getAttribute("aria-valuetext"), "at the start (day 0, 1 March 2027)");
  const before = await headlines(page);
  assert.equal(before.shown, before.story);
  assert.match(before.shown, /is never more than a week late, after a new rule from 9 June 2027 that lasts 7 days\.$/);
  // Ninety days on: the run now meets the week's halt and finishes exactly 7 days later.
  await slider.focus();
  for (let i = 0; i < 90; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction((api) => eval(api).state.scenario.training_run.start_day === 90, api);
  await settled(page, 1000);
  assert.equal(await slider.getAttribute("aria-valuetext"), "in 3 months (day 90, 30 May 2027)");
  const after = await headlines(page);
  assert.equal(after.shown, after.story);
  assert.match(after.shown, /finishes 7 days later than without shocks in a typical future/);
  const delay = await page.evaluate((api) => eval(api).state.summary.metrics.training_delay_days, api);
  assert.deepEqual([delay.p5, delay.p95, delay.p_unfinished], [7, 7, 0]);
  // The histogram of days to train follows: the run takes a week longer (drawn once it comes
  // near the screen).
  await page.locator(".cs-hist").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /Median 39\.\d days/.test(document.querySelector(".cs-hist svg")?.getAttribute("aria-label") ?? ""));
  const median = await page.locator(".cs-hist svg").getAttribute("aria-label");
  assert.match(median, /Median 39\.\d days/);
  assert.match(page.url(), /v=1/);
  // The change travels in the link.
  const again = await env.context.newPage();
  await again.goto(page.url());
  await settled(again, 1000);
  assert.equal(await again.evaluate((api) => eval(api).state.scenario.training_run.start_day, api), 90);
  await again.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test("the preset's start day: the slider starts there, labelled from the preset's sources; set= carries a change", async () => {
  const { page, errors } = await open(env.context, `${env.base}/?trials=1000`);
  await settled(page, 1000);
  const preset = await page.evaluate((api) => JSON.parse(JSON.stringify(eval(api).state.presets[0])), api);
  const slider = page.getByLabel("The training run starts");
  assert.equal(Number(await slider.inputValue()), preset.scenario.training_run?.start_day ?? 0);
  assert.equal(Number(await slider.getAttribute("max")), (preset.scenario.horizon_days ?? 730) - 1);
  const source = preset.sources.find((s) => s.field === "training_run.start_day");
  const labels = { reported: "reported", derived: "derived", assumed: "assumption" };
  assert.equal(await page.locator(".cs-slider", { has: slider }).locator(".cs-badge").textContent(), source ? labels[source.label] : "");
  await slider.focus();
  await page.keyboard.press("End");
  await settled(page, 1000);
  const day = (preset.scenario.horizon_days ?? 730) - 1;
  assert.ok(page.url().includes(preset.scenario.training_run ? `set=training_run.start_day:${day}` : "scenario="), page.url());
  const { shown, story } = await headlines(page);
  assert.equal(shown, story);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the headline is story.js's for the run on screen, in every preset and both languages", async () => {
  for (const lang of ["en", "ja"]) {
    const { page, errors } = await open(env.context, `${env.base}/?trials=1000&lang=${lang}`);
    await settled(page, 1000);
    const ids = await page.evaluate((api) => eval(api).state.presets.map((p) => p.id), api);
    for (const id of ids) {
      await page.locator(".cs-top select").selectOption(id);
      await page.waitForFunction(([api, id]) => eval(api).state.preset.id === id, [api, id]);
      await settled(page, 1000);
      const { shown, story } = await headlines(page);
      assert.equal(shown, story, `${lang} ${id}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("screenshots at 320, 375, 640 and 1280 px, light and dark, English and Japanese: nothing overflows", async () => {
  for (const width of [320, 375, 640, 1280]) {
    for (const theme of ["light", "dark"]) {
      for (const lang of ["en", "ja"]) {
        const page = await env.context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${env.base}/?lang=${lang}&theme=${theme}`);
        await settled(page, 10_000);
        await page.locator(".cs-data-wrap > summary").first().click();
        const overflow = await page.evaluate(() => {
          const root = document.querySelector(".cs-widget");
          // Wider than the screen, or text in the chart running past the chart.
          const svg = root.querySelector(".cs-chart svg");
          const box = svg.getBoundingClientRect();
          const outside = [...svg.querySelectorAll("text")].filter((t) => {
            const r = t.getBoundingClientRect();
            return r.left < box.left - 1 || r.right > box.right + 1;
          });
          return { page: document.documentElement.scrollWidth - window.innerWidth, text: outside.map((t) => t.textContent) };
        });
        const name = `story-${width}-${theme}-${lang}`;
        assert.ok(overflow.page <= 0, `${name}: the page is ${overflow.page}px wider than the screen`);
        assert.deepEqual(overflow.text, [], name);
        await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
        await page.close();
      }
    }
  }
});
