// The views under the chart: sensitivity rows equal to the native command's (the engine run
// here, in Node), paired standard errors, the comparison's per-trial differences, and the
// dated events with labels that never overlap.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { engine } from "./engine.mjs";
import { EVENTS, METRICS, pairedDifference, plan, round, setTo, tornado, tornadoCsv, trialsFor } from "../../www/engine/sensitivity.js";
import { differences } from "../../www/views/compare.js";
import { eventOverlay, eventRows, placeLabels, scenarioEvents, labelWidth } from "../../www/views/events.js";
import * as i18n from "../../www/words/i18n.js";
import { rangeWords } from "../../www/views/tornado.js";
import { underChartText } from "../../www/words/under-chart-text.js";
import { presetFiles } from "../../scripts/site.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// (Languages load on demand where the widget has them; before, they were all built in.)
await i18n.loadLanguage?.("en");
await i18n.loadLanguage?.("ja");
const en = i18n.translator("en");
const ja = i18n.translator("ja");
const { presets } = await presetFiles();

function runAll(jobs, trials, seed) {
  return jobs.map((scenario) => {
    try {
      const run = new engine.Run(scenario, { trials, seed, bins: 64 });
      run.keepTrials();
      run.step(trials);
      const summary = run.summary();
      const out = { figures: run.trialFigures(), probabilities: summary.probabilities, summary };
      run.free();
      return out;
    } catch (e) {
      return { message: e.message };
    }
  });
}


/** The native command's tornado for a scenario and its sources. */
const nativeTornado = (scenario, sources, trials, seed, metric) =>
  JSON.parse(
    execFileSync(`${ROOT}target/release/compute-shock`, ["sensitivity", "--scenario", "-", "--trials", String(trials), "--seed", String(seed), "--metric", metric], {
      input: JSON.stringify({ scenario, sources }),
      encoding: "utf8",
    }),
  );

test("round: halves away from zero, as Rust's f64::round", () => {
  assert.equal(round(2.5, 0), 3);
  assert.equal(round(-2.5, 0), -3);
  assert.equal(round(-0.0000004, 6), -0);
  assert.equal(round(0.1234565, 6), Math.round(0.1234565 * 1e6) / 1e6);
});

test("the paired standard error: the formula of src/paired.rs", () => {
  // 10 trials: B alone has it in 3, A alone in 1.
  const f = (flags) => Float64Array.from(flags.flatMap((x) => [0, x ? 1 : 0, 0, 1, 0]));
  const a = f([1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  const b = f([0, 1, 1, 1, 0, 0, 0, 0, 1, 1]);
  const { difference, standardError } = pairedDifference(a, b, 10, EVENTS.any_shortfall);
  const mean = 0.2;
  const variance = ((0.4 - mean * mean) * 10) / 9;
  assert.equal(difference, 0.2);
  assert.equal(standardError, round(Math.sqrt(variance / 10), 6));
  assert.deepEqual(pairedDifference(a, a, 10, EVENTS.any_shortfall), { difference: 0, standardError: 0 });
});

test("a duration's median moves its 90th percentile in proportion; non-numbers are left out", () => {
  const s = { shocks: [{ duration_days: { median: 7, p90: 90 } }], requirement_b200e: [{ day: 0, b200e: 1 }] };
  assert.deepEqual(setTo(s, "shocks[0].duration_days.median", 14).shocks[0].duration_days, { median: 14, p90: 180 });
  assert.equal(s.shocks[0].duration_days.median, 7, "the scenario itself is not changed");
  const p = plan(s, [
    { field: "requirement_b200e", range: [1, 2] },
    { field: "shocks[0].duration_days", range: [1, 2] },
    { field: "shocks[0].duration_days.median", range: [1, 2] },
    { field: "shocks[0].duration_days.p90" },
  ]);
  assert.deepEqual(p.rows.map((r) => r.field), ["shocks[0].duration_days.median"]);
  assert.equal(p.jobs.length, 3);
});

test("every row equals the native command's, for every preset and measure", () => {
  const trials = 200;
  const seed = 3;
  for (const preset of presets) {
    // The uncertain figures too, at their 10th and 90th percentiles, as the page plans them.
    const [base] = runAll([preset.scenario], trials, seed);
    const p = plan(preset.scenario, preset.sources, base.summary.uncertain ?? []);
    const replies = runAll(p.jobs, trials, seed);
    for (const metric of METRICS) {
      const mine = tornado(p, replies, metric, trials);
      const native = nativeTornado(preset.scenario, preset.sources, trials, seed, metric);
      assert.deepEqual(mine.rows, native.rows, `${preset.id} ${metric}`);
      assert.equal(mine.baseline, native.baseline);
    }
  }
});

test("an uncertain figure swings from its 10th to its 90th percentile, as the command's row", () => {
  const preset = presets.find((p) => p.id === "tencent-datasection");
  const scenario = structuredClone(preset.scenario);
  scenario.shocks[0].rate_per_year = { distribution: "gamma", events: 0, years: 3.3, prior: "jeffreys" };
  const trials = 300;
  const seed = 2;
  const [base] = runAll([scenario], trials, seed);
  // Japan's and Australia's rates are the register's, Gamma(1/2, 3.718 years), in the preset.
  assert.deepEqual(base.summary.uncertain.map((u) => [u.field, u.p10, u.p90]), [
    ["shocks[0].rate_per_year", 0.00239254, 0.40993083],
    ["shocks[1].rate_per_year", 0.00212356, 0.36384393],
    ["shocks[2].rate_per_year", 0.00212356, 0.36384393],
  ]);
  const p = plan(scenario, preset.sources, base.summary.uncertain);
  // The source's range on the same field is left out (the field is no number here).
  assert.deepEqual(p.rows.filter((r) => r.field === "shocks[0].rate_per_year").map((r) => [r.low, r.high, r.source]), [[0.00239254, 0.40993083, null]]);
  const mine = tornado(p, runAll(p.jobs, trials, seed), "shortfall_7_days", trials);
  const native = nativeTornado(scenario, preset.sources, trials, seed, "shortfall_7_days");
  assert.deepEqual(mine.rows, native.rows);
});

test("the figure that obviously dominates comes first; the CSV has the command's columns", () => {
  const preset = presets.find((p) => p.id === "tencent-datasection");
  const sources = [
    { field: "shocks[0].rate_per_year", range: [0, 52] },
    { field: "sites[0].outages.fraction", range: [0.99, 1] },
  ];
  // The US rule at a number, so that its source's range applies.
  const scenario = structuredClone(preset.scenario);
  scenario.shocks[0].rate_per_year = 0.6;
  const p = plan(scenario, sources);
  const result = tornado(p, runAll(p.jobs, 300, 1), "shortfall_7_days", 300);
  assert.equal(result.rows[0].field, "shocks[0].rate_per_year");
  assert.equal(result.rows[1].within_noise, true);
  assert.match(tornadoCsv(result.rows), /^field,low,high,metric_at_low,metric_at_high,swing,standard_error,within_noise\n"shocks\[0\]\.rate_per_year",0\.0,52\.0,/);
});

test("trials a bar: a round number within the budget", () => {
  assert.equal(trialsFor({ runs: 67, msPerTrial: 0.0111, workers: 2 }), 1000);
  assert.equal(trialsFor({ runs: 67, msPerTrial: 10, workers: 1 }), 100);
  assert.equal(trialsFor({ runs: 1, msPerTrial: 0.0001, workers: 4, max: 20000 }), 20000);
});

test("a scenario compared with itself differs by exactly zero in every future", () => {
  const preset = presets.find((p) => p.id === "two-track");
  const [a, b] = runAll([preset.scenario, structuredClone(preset.scenario)], 500, 9);
  const d = differences(a.figures, b.figures, 500);
  for (const k of ["capacity", "shortfall", "training"]) {
    assert.equal(d[k].same, 1, k);
    assert.ok(d[k].sorted.every((v) => v === 0));
  }
  const changed = structuredClone(preset.scenario);
  changed.shocks[0].rate_per_year = 5;
  const [, c] = runAll([preset.scenario, changed], 500, 9);
  const e = differences(a.figures, c.figures, 500);
  assert.ok(e.capacity.lower > 0 && e.capacity.higher === 0, "more shocks never add compute in a future");
});

test("events: each site online, scheduled shock, requirement step, training start and today, in day order", () => {
  const scenario = {
    start_date: "2026-01-01",
    horizon_days: 365,
    requirement_b200e: [{ day: 0, b200e: 5000 }, { day: 200, b200e: 20000 }],
    training_run: { flop: 1e24, mfu: 0.4, start_day: 90 },
    sites: [{ id: "a", name: "Osaka", online_day: 0 }, { id: "b", name: "Sydney", online_day: 120 }],
    shocks: [{ id: "s", name: "US closes the cloud loophole", scheduled_days: [30, 400] }],
  };
  const events = scenarioEvents(scenario, en, { today: new Date(Date.UTC(2026, 2, 2)) });
  assert.deepEqual(events.map((e) => [e.day, e.kind]), [[30, "shock"], [60, "today"], [90, "training"], [120, "site"], [200, "requirement"]]);
  assert.equal(events.find((e) => e.kind === "requirement").label, "Floor 20k");
  // Cut at a space, never inside a word.
  assert.equal(events.find((e) => e.kind === "shock").label, "US closes the…");
  // With the run's summary: its span, from its start (even on day 0) to its end in a typical
  // future, when at least half the futures finish it.
  const run = (p50, p_unfinished) => ({ metrics: { days_to_train: { p50, p_unfinished } } });
  const spanned = scenarioEvents(scenario, en, { summary: run(33.5, 0.1) });
  assert.deepEqual(spanned.filter((e) => e.kind === "training" || e.kind === "run").map((e) => [e.day, e.end, e.label]), [[90, 123.5, "Training run"]]);
  // In the table, its start and its typical end, each on its own row, in day order.
  const rows = eventRows(spanned, new Date(Date.UTC(2026, 0, 1)), en.fmt);
  assert.deepEqual(rows.filter(([, , what]) => /training run/i.test(what)).map(([day, date, what]) => [day, date, what]), [
    [90, "1 April 2026", "The training run starts"],
    [123, "4 May 2026", "The training run ends in a typical future (the median of the futures where it finishes)"],
  ]);
  const plain = scenarioEvents(scenario, en, { summary: run(33.5, 0.5) });
  assert.deepEqual(plain.filter((e) => e.kind === "training" || e.kind === "run").map((e) => [e.day, e.kind]), [[90, "training"]], "no typical end when half do not finish");
  const fromDay0 = scenarioEvents({ ...scenario, training_run: { start_day: 0 } }, ja, { summary: run(40.6, 0) });
  assert.deepEqual(fromDay0.filter((e) => e.kind === "run").map((e) => [e.day, e.end, e.label]), [[0, 40.6, "学習期間"]]);
  // Drawn as a bar over the plot from its start to its end, with a mark at each end.
  const g = eventOverlay(spanned).nodes({ x: (d) => d * 2, top: 40, base: 200, left: 0, right: 730 })[0].children;
  assert.deepEqual(g.filter((n) => n.attrs.class === "event-span").map((n) => [n.attrs.x1, n.attrs.x2, n.attrs.y1]), [[180, 247, 40]]);
  assert.equal(scenarioEvents({ ...scenario, start_date: undefined }, en, { today: new Date() }).some((e) => e.kind === "today"), false, "no today without a start date");
  // The journalist's annotations: dated from the scenario's start date (or the chart's day 0
  // when it has none), inside the horizon only, placed before every other label.
  const notes = [
    { date: "2026-01-31", text: "New rule" },
    { date: "2025-12-01", text: "Before" },
    { date: "2040-01-01", text: "After" },
  ];
  const marked = scenarioEvents(scenario, en, { notes });
  assert.deepEqual(marked.filter((e) => e.kind === "note").map((e) => [e.day, e.label, e.long]), [[30, "New rule", "New rule"]]);
  assert.deepEqual(marked.slice(0, 2).map((e) => e.kind), ["note", "shock"], "on one day, the annotation first");
  const placed = placeLabels(marked, (d) => d, 0, 60, 1);
  assert.equal(placed.find((e) => e.kind === "note").row, 0, "the annotation keeps its place over the shock's label");
  const undated = scenarioEvents({ ...scenario, start_date: undefined }, en, { notes, start: new Date(Date.UTC(2026, 0, 11)) });
  assert.deepEqual(undated.filter((e) => e.kind === "note").map((e) => e.day), [20]);
  assert.equal(scenarioEvents({ ...scenario, start_date: undefined }, en, { notes }).some((e) => e.kind === "note"), false, "no day 0, no annotation");
  assert.equal(scenarioEvents(scenario, en, { today: new Date(Date.UTC(2030, 0, 1)) }).some((e) => e.kind === "today"), false, "no today past the chart");
  assert.equal(scenarioEvents(scenario, ja, {}).find((e) => e.kind === "site").label, "Sydney稼働");
});

test("events: labels never overlap at 320 px, in English and Japanese; the first to go are the lowest priority", () => {
  for (const tr of [en, ja]) {
    const scenario = {
      horizon_days: 730,
      requirement_b200e: [{ day: 0, b200e: 5000 }, { day: 100, b200e: 20000 }, { day: 110, b200e: 30000 }],
      training_run: { flop: 1e24, mfu: 0.4, start_day: 95 },
      sites: [1, 2, 3, 4].map((k) => ({ id: `s${k}`, name: `Site number ${k}`, online_day: 90 + k * 5 })),
      shocks: [{ id: "x", name: "A shock", scheduled_days: [100] }],
    };
    const events = scenarioEvents(scenario, tr);
    const x = (d) => 44 + (d / 729) * (320 - 54);
    const placed = placeLabels(events, x, 44, 310);
    for (const row of [0, 1]) {
      const spans = placed.filter((e) => e.row === row).map((e) => [e.from, e.from + labelWidth(e.label)]);
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], `${tr.lang} row ${row} overlaps`);
      for (const [a, b] of spans) assert.ok(a >= 44 && b <= 310, "inside the chart");
    }
    assert.notEqual(placed.find((e) => e.kind === "shock").row, null, "the scheduled shock keeps its label");
    assert.ok(placed.some((e) => e.row === null), "some labels are dropped");
    // No mark's line runs through a label: a labelled mark's line goes down from its label.
    for (const e of placed.filter((p) => p.row !== null)) {
      for (const below of placed.filter((p) => p.row !== null && p.row > e.row)) {
        const cx = x(e.day);
        assert.ok(cx <= below.from - 2 || cx >= below.from + labelWidth(below.label) + 2, `${tr.lang}: the line of “${e.label}” crosses “${below.label}”`);
      }
    }
    const nodes = eventOverlay(events).nodes({ x, top: 40, base: 200, left: 44, right: 310 });
    assert.equal(nodes[0].children.filter((n) => n.tag === "line").length, events.length, "every event keeps its mark");
  }
});

test("the tornado's ranges in the reader's units, its swings in points", () => {
  const w = underChartText("en");
  assert.equal(rangeWords("horizon_days", 365, 1095, en, w), "1 to 3 years");
  assert.equal(rangeWords("training_run.start_day", 0, 365, en, w), "0 to 365 days");
  assert.equal(rangeWords("shocks[0].duration_days.median", 7, 90, en, w), "7 to 90 days");
  assert.equal(rangeWords("shocks[0].rate_per_year", 0.1, 0.9123, en, w), "0.1 to 0.91 a year");
  assert.equal(rangeWords("shocks[0].rate_per_year", 0.00239254, 0.40993083, en, w), "0.0024 to 0.41 a year");
  assert.equal(w.uncertainRange("0.0024 to 0.41 a year"), "10–90%: 0.0024 to 0.41 a year");
  assert.equal(rangeWords("shocks[0].comply_probability", 0.5, 1, en, w), "50% to 100%");
  assert.equal(rangeWords("sites[0].gpus", 7500, 20000, en, w), "7,500 to 20,000");
  assert.equal(rangeWords("training_run.flop", 3.4e24, 3.8e25, en, w), "3.4e24 to 3.8e25");
  assert.equal(rangeWords("horizon_days", 365, 1095, ja, underChartText("ja")), "1〜3年");
  assert.equal(w.swing("+5.1", "0.7"), "+5.1 points (±0.7)");
});

test("a drawn duration median swings like a number: the p90 moves with it from the median's mean", () => {
  const preset = presets.find((p) => p.id === "tencent-datasection");
  const scenario = structuredClone(preset.scenario);
  scenario.shocks[0].duration_days = { median: { distribution: "uniform", low: 4, high: 10 }, p90: 90 };
  const trials = 300;
  const seed = 4;
  const [base] = runAll([scenario], trials, seed);
  const drawn = base.summary.uncertain.find((u) => u.field === "shocks[0].duration_days.median");
  assert.deepEqual([drawn.p10, drawn.p90], [4.6, 9.4]);
  const p = plan(scenario, preset.sources, base.summary.uncertain);
  const row = p.rows.findIndex((r) => r.field === "shocks[0].duration_days.median");
  // At the 10th percentile the median is 4.6 and the p90 90 × 4.6 / 7 (7: the median's mean).
  assert.deepEqual(p.jobs[1 + 2 * row].shocks[0].duration_days, { median: 4.6, p90: (90 * 4.6) / 7 });
  const mine = tornado(p, runAll(p.jobs, trials, seed), "shortfall_7_days", trials);
  const native = nativeTornado(scenario, preset.sources, trials, seed, "shortfall_7_days");
  assert.deepEqual(mine.rows, native.rows);
});
