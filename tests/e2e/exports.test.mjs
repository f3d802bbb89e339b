// The publishable exports: the chart as SVG and PNG at the social size (1200×675), the size on
// screen and a print column, each with the title, the headline, the legend, the event marks,
// the source and the credit, in the widget's language; the scenario as JSON with what was
// changed from its preset.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, open, settled, ARTEFACTS } from "./browser.mjs";

const env = useBrowser();

const q = (params) => new URLSearchParams(params).toString();

/** Opens the embed, opens More, and returns `grab(button name, size?)`. */
async function embed(params, viewport) {
  const { page, errors } = await open(env.context, "about:blank");
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${env.base}/embed.html?${q({ seed: 7, trials: 1000, ...params })}`);
  await settled(page, 1000);
  await page.locator(".cs-more > summary").click();
  const grab = async (name, size) => {
    if (size) await page.locator(".cs-size").selectOption(size);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name, exact: true }).click()]);
    return { name: download.suggestedFilename(), body: await readFile(await download.path()) };
  };
  return { page, errors, grab };
}

/** A PNG's width and height, from its header. */
const pngSize = (body) => {
  assert.deepEqual([...body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
};

/** Every text of an SVG string, unescaped, in order. */
const texts = (svg) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'));

/** Whether every text line of an SVG fits its width (measured in the page's canvas, as the
 * export measures them). */
const overflow = (page, svg) =>
  page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    const root = doc.documentElement;
    const width = Number(root.getAttribute("width"));
    const g = document.createElement("canvas").getContext("2d");
    const out = [];
    for (const t of root.querySelectorAll(":scope > text")) {
      g.font = `${t.getAttribute("font-weight") ?? 400} ${t.getAttribute("font-size")}px system-ui, sans-serif`;
      const right = Number(t.getAttribute("x")) + g.measureText(t.textContent).width;
      if (right > width - 4) out.push(`${t.textContent} (${Math.round(right)} > ${width})`);
    }
    return out;
  }, svg);

const EN = {
  preset: "ceo-worst-case",
  title: "If the rules change, how much compute survives?",
  dek: "A week-long halt at the Osaka site, in 1,000 simulated futures",
  note: "Assumes the halt lifts after a week and every GPU comes back",
  source: "Reuters reporting, company filings",
  credit: "Graphic by A. Reporter",
};
const JA = {
  preset: "ceo-worst-case",
  lang: "ja",
  title: "規制が変われば、AIの計算能力はどれだけ残るか",
  dek: "大阪の拠点が1週間止まった場合の1000通りの未来",
  note: "停止は1週間で解除され、GPUはすべて戻ると仮定",
  source: "ロイター報道、各社の開示資料",
  credit: "図：記者太郎",
};

for (const [lang, params, words] of [
  ["en", EN, { legend: ["90% of futures", "Middle half", "Median", "Floor"], source: "Source: Reuters reporting, company filings", credit: "Credit: Graphic by A. Reporter", png: "Chart (PNG)", svg: "Chart (SVG)" }],
  ["ja", JA, { legend: ["90%の未来", "真ん中の50%", "中央値", "下限"], source: "出典：ロイター報道、各社の開示資料", credit: "制作：図：記者太郎", png: "グラフ（PNG）", svg: "グラフ（SVG）" }],
]) {
  test(`${lang}: the social card is 1200×675 with the title, dek, headline, legend, events, note, source and credit; the requirement dashed; no "today"`, async () => {
    const { page, errors, grab } = await embed(params);
    const headline = await page.locator(".cs-headline").textContent();
    const svg = await grab(words.svg, "social");
    assert.equal(svg.name, `compute-shock_ceo-worst-case_seed-7_1000-futures_social.svg`);
    const body = svg.body.toString("utf8");
    assert.match(body, /<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="1200" height="675"/);
    const lines = texts(body);
    const joined = lines.join(lang === "ja" ? "" : " ");
    assert.equal(lines[0], params.title);
    assert.ok(joined.includes(headline), `headline "${headline}" in ${joined}`);
    // The journalist's dek under the title, and the note (it may hold the key assumption)
    // under the chart, before the source.
    assert.ok(joined.includes(params.dek), `dek in ${joined}`);
    assert.ok(joined.indexOf(params.dek) < joined.indexOf(headline));
    assert.ok(joined.includes(params.note), `note in ${joined}`);
    assert.ok(joined.indexOf(params.note) > joined.indexOf(words.legend[0]) && joined.indexOf(params.note) < joined.indexOf(words.source));
    // A published image is not dated by the day it was made: no "today" mark unless asked.
    assert.doesNotMatch(body, /event-today/);
    for (const label of words.legend) assert.ok(lines.includes(label), `legend "${label}"`);
    assert.ok(joined.includes(words.source), words.source);
    assert.ok(joined.includes(words.credit), words.credit);
    assert.match(body, /class="requirement"[^>]*stroke-dasharray="5 4"/, "the requirement line is dashed");
    assert.match(body, /class="legend-swatch"[^>]*stroke-dasharray="5 4"/, "so is its key");
    assert.match(body, /class="event-mark/, "the event marks");
    assert.match(body, /class="median"/);
    assert.deepEqual(await overflow(page, body), []);
    const png = await grab(words.png, "social");
    assert.equal(png.name, `compute-shock_ceo-worst-case_seed-7_1000-futures_social.png`);
    assert.deepEqual(pngSize(png.body), [1200, 675]);
    await writeFile(join(ARTEFACTS, `export-social-${lang}.png`), png.body);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("on-screen size and print column: the chart's width on screen (a phone's ~343 px) and 800 px, text wrapped inside", async () => {
  for (const [lang, params, png] of [["en", EN, "Chart (PNG)"], ["ja", JA, "グラフ（PNG）"]]) {
    const { page, errors, grab } = await embed(params, { width: 375, height: 800 });
    const width = Number(await page.locator(".cs-chart svg").first().getAttribute("width"));
    assert.ok(width < 380, `the chart on a phone is ${width} wide`);
    const svg = await grab(lang === "ja" ? "グラフ（SVG）" : "Chart (SVG)", "screen");
    const body = svg.body.toString("utf8");
    assert.match(body, new RegExp(`<svg[^>]* width="${width}"`));
    assert.deepEqual(await overflow(page, body), []);
    assert.ok(texts(body).length > 10);
    const shot = await grab(png, "screen");
    const [w] = pngSize(shot.body);
    assert.equal(w, width * 2, "twice the pixels of the screen's units");
    await writeFile(join(ARTEFACTS, `export-screen-${lang}.png`), shot.body);
    const print = await grab(lang === "ja" ? "グラフ（SVG）" : "Chart (SVG)", "print");
    assert.match(print.body.toString("utf8"), /<svg[^>]* width="800"/);
    assert.deepEqual(await overflow(page, print.body.toString("utf8")), []);
    const printPng = await grab(png, "print");
    assert.equal(pngSize(printPng.body)[0], 1600);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("without the journalist's texts: the scenario's name, the report its figures come from, and the simulation", async () => {
  const { page, errors, grab } = await embed({ preset: "ceo-worst-case" });
  const lines = texts((await grab("Chart (SVG)", "social")).body.toString("utf8"));
  const name = await page.evaluate(() => document.querySelector(".cs-preset-select, select[id]").selectedOptions[0].textContent);
  assert.equal(lines[0], name);
  assert.ok(lines.includes("Source: Financial Times, 21 December 2025"), lines.join(" | "));
  assert.ok(lines.some((l) => /^Simulation: compute-shock \d+\.\d+\.\d+, seed 7, 1,000 futures$/.test(l)), lines.join(" | "));
  assert.ok(!lines.some((l) => l.startsWith("Credit:")));
  assert.deepEqual(errors, []);
  await page.close();
});

test('"today" is marked on a download only when the journalist ticks it', async () => {
  // (The default preset runs two years from 26 June 2026, so today is on its chart.)
  const { page, errors, grab } = await embed({ preset: "tencent-datasection" });
  assert.equal(await page.locator(".cs-chart .event-today").count(), 1, "the page marks today");
  assert.doesNotMatch((await grab("Chart (SVG)", "social")).body.toString("utf8"), /event-today/);
  await page.getByLabel("Mark today on the chart").check();
  const marked = (await grab("Chart (SVG)", "social")).body.toString("utf8");
  assert.match(marked, /event-today/);
  assert.ok(texts(marked).includes("Today"));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the scenario as JSON lists what a slider changed, with the preset's value; the CSV stays one table", async () => {
  const { page, errors, grab } = await embed({ preset: "ceo-worst-case" });
  const unchanged = JSON.parse((await grab("Scenario (JSON)")).body.toString("utf8"));
  assert.equal(unchanged.preset, "ceo-worst-case");
  assert.deepEqual(unchanged.changed, []);
  const slider = page.locator(".cs-story input[type=range]").first();
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => /(?:^|&)v=/.test(document.querySelector(".cs-widget").computeShock.query()));
  await settled(page, 1000);
  const file = await grab("Scenario (JSON)");
  assert.equal(file.name, "compute-shock_ceo-worst-case_changed_seed-7_1000-futures.json");
  const json = JSON.parse(file.body.toString("utf8"));
  const state = await page.evaluate(() => {
    const s = document.querySelector(".cs-widget").computeShock.state;
    return { scenario: s.scenario, preset: s.preset.scenario };
  });
  assert.deepEqual(json.scenario, state.scenario);
  assert.ok(json.changed.length >= 1, JSON.stringify(json.changed));
  const at = (obj, path) => path.split(".").reduce((o, k) => o?.[k], obj);
  for (const { path, preset_value, value } of json.changed) {
    assert.equal(at(state.scenario, path), value, path);
    assert.equal(at(state.preset, path), preset_value, path);
    assert.notEqual(value, preset_value, path);
  }
  const csv = (await grab("Data (CSV)")).body.toString("utf8").slice(1).trim().split(/\r?\n/);
  assert.equal(csv[0], "day,date,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement");
  assert.ok(csv.every((l) => l.split(",").length === 9), "one table");
  // Beside it, its metadata: named after it, each column's unit, the run and the scenario.
  const about = await grab("About the data (JSON)");
  assert.equal(about.name, "compute-shock_ceo-worst-case_changed_seed-7_1000-futures.metadata.json");
  const meta = JSON.parse(about.body.toString("utf8"));
  assert.equal(meta.file, "compute-shock_ceo-worst-case_changed_seed-7_1000-futures.csv");
  assert.deepEqual(Object.keys(meta.columns), csv[0].split(","));
  assert.equal(meta.columns.p5_b200e.unit, "B200-equivalents");
  assert.equal(meta.source, "Financial Times, 21 December 2025");
  const version = await page.evaluate(() => document.querySelector(".cs-widget").computeShock.state.summary.model_version);
  assert.deepEqual([meta.simulation.seed, meta.simulation.futures, meta.simulation.model_version], [7, 1000, version]);
  assert.match(meta.simulation.release, /^\d+\.\d+\.\d+$/);
  assert.equal(meta.scenario.preset, "ceo-worst-case");
  assert.equal(meta.scenario.evidence_as_of, "2025-12-21");
  assert.deepEqual(meta.scenario.changed, json.changed);
  assert.deepEqual(meta.scenario.scenario, state.scenario);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the journalist's dated notes are in the downloaded chart, whole in the chart's table", async () => {
  // (Dated after the preset's day 0, 26 June 2026.)
  const { page, errors, grab } = await embed({ preset: "two-track", annotations: "2026-09-01 Osaka halted for a week|2027-03-01 New US rule" });
  const svg = (await grab("Chart (SVG)", "social")).body.toString("utf8");
  const labels = texts(svg);
  assert.ok(labels.includes("Osaka halted for a week"), labels.join(" | "));
  assert.ok(labels.includes("New US rule"), labels.join(" | "));
  // The chart's table lists each note with its day and date.
  const rows = await page.locator(".cs-events tbody tr").allTextContents();
  assert.ok(rows.some((r) => r.includes("Osaka halted for a week") && r.includes("1 September 2026")), rows.join("\n"));
  assert.deepEqual(errors, []);
  await page.close();
});
