// The sliders' model (www/state/controls.js): what the training-start control reads, writes and says.
import { test } from "node:test";
import assert from "node:assert/strict";
import "./engine.mjs";
import { CONTROLS, ranged } from "../../www/state/controls.js";
import { loadLanguage, translator } from "../../www/words/i18n.js";

// Each language is loaded on demand, as a widget that speaks it does.
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);

const en = translator("en");
const ja = translator("ja");
const start = CONTROLS.find((c) => c.key === "trainingStart");

test("the training run's start: any day of the simulated span, read from the scenario", () => {
  assert.equal(start.source, "training_run.start_day");
  assert.equal(start.read({ training_run: { flop: 1e25, mfu: 0.3, start_day: 90 } }), 90);
  assert.equal(start.read({}), 0);
  assert.equal(start.max({ horizon_days: 365 }), 364);
  // A scenario without a horizon: the engine's, from its summary, else its default.
  assert.equal(start.max({}, { horizon_days: 500 }), 499);
  assert.equal(start.max({}), 729);
});

test("moving it keeps the run's other figures, and gives a scenario without a run the engine's", () => {
  assert.deepEqual(start.apply({ training_run: { flop: 1e25, mfu: 0.3, start_day: 0 } }, 120).training_run, { flop: 1e25, mfu: 0.3, start_day: 120 });
  assert.deepEqual(start.apply({ sites: [] }, 30).training_run, { flop: 3.8e25, mfu: 0.4, start_day: 30 });
});

test("it says when in words: days, months, and the date when the scenario has one", () => {
  const dated = { start_date: "2026-12-01" };
  assert.equal(start.text(0, {}, en), "at the start (day 0)");
  assert.equal(start.text(1, {}, en), "in 1 day (day 1)");
  assert.equal(start.text(45, {}, en), "in 45 days (day 45)");
  assert.equal(start.text(90, {}, en), "in 3 months (day 90)");
  assert.equal(start.text(90, dated, en), "in 3 months (day 90, 1 March 2027)");
  assert.equal(start.text(365, dated, en), "in 12 months (day 365, 1 December 2027)");
  assert.equal(start.text(0, dated, ja), "初日（0日目、2026年12月1日）");
  assert.equal(start.text(90, dated, ja), "3か月後（90日目、2027年3月1日）");
  assert.equal(start.text(45, {}, ja), "45日後（45日目）");
  assert.equal(en.t("trainingStart"), "The training run starts");
  assert.equal(ja.t("trainingStart"), "学習の開始");
});

test("the requirement's slider stands aside when the requirement comes in steps", () => {
  const req = CONTROLS.find((c) => c.key === "requirement");
  const steps = { requirement_b200e: [{ day: 0, b200e: 5000 }, { day: 180, b200e: 10_000 }] };
  assert.equal(req.enabled(steps), false);
  assert.equal(req.read(steps), 5000);
  assert.equal(req.enabled({ requirement_b200e: 10_000 }), true);
  assert.match(en.t(req.off), /steps/);
});

test("a journalist's range narrows a slider: its ends, its log scale, a top the scenario sets", () => {
  const byId = (id) => CONTROLS.find((c) => c.id === id);
  const rate = ranged(byId("shock-rate"), [0.5, 3]);
  assert.deepEqual([rate.min, rate.max, rate.step, rate.id], [0.5, 3, 0.05, "shock-rate"]);
  assert.equal(ranged(byId("shock-rate"), undefined), byId("shock-rate"));
  const duration = ranged(byId("duration"), [7, 90]);
  assert.equal(duration.scale.toPosition(7), 0);
  assert.equal(duration.scale.toPosition(90), 1000);
  assert.equal(duration.scale.fromPosition(0), 7);
  assert.equal(duration.scale.fromPosition(1000), 90);
  const startAt = ranged(byId("training-start"), [30, 400]);
  assert.equal(startAt.max({ horizon_days: 730 }), 400);
  assert.equal(startAt.max({ horizon_days: 200 }), 199, "never past the scenario's last day");
  assert.equal(startAt.max({ horizon_days: 10 }), 30, "never below the range's low end");
});

test("the duration slider: a fixed halt is exactly its length; at its top every duration stays within the engine's 100 years", () => {
  const duration = CONTROLS.find((c) => c.id === "duration");
  const fixed = { shocks: [{ id: "halt", rate_per_year: 0, duration_days: { median: 7, p90: 7 } }] };
  assert.equal(duration.text(7, fixed, en), "exactly 7 days");
  assert.equal(duration.text(7, fixed, ja), "ちょうど7日");
  const spread = { shocks: [{ id: "a", rate_per_year: 1, duration_days: { median: 7, p90: 90 } }, { id: "b", rate_per_year: 1, duration_days: { median: 90, p90: 365 } }] };
  assert.equal(duration.text(7, spread, en), "7 days (1 in 10 longer than 90)");
  const top = duration.apply(JSON.parse(JSON.stringify(spread)), duration.max, spread);
  for (const k of top.shocks) assert.ok(k.duration_days.median <= 36_500 && k.duration_days.p90 <= 36_500 && k.duration_days.median <= k.duration_days.p90, JSON.stringify(k));
});

test("the shock rate reads with two significant digits", () => {
  const rate = CONTROLS.find((c) => c.id === "shock-rate");
  const s = { shocks: [{ id: "a", rate_per_year: 3.95, duration_days: { median: 7, p90: 90 } }] };
  assert.match(rate.text(3.95, s, en), /^4 /);
  assert.match(rate.text(0.8, s, en), /^0\.8 /);
  assert.match(rate.text(0.05, s, en), /^0\.05 /);
});

test("with several kinds of shock, the rate says it is their sum", async () => {
  const rate = CONTROLS.find((c) => c.id === "shock-rate");
  const kind = (id, r) => ({ id, rate_per_year: r, duration_days: { median: 7, p90: 90 } });
  const one = { shocks: [kind("a", 0.5)] };
  const three = { shocks: [kind("a", 0.5), kind("b", 1), kind("c", 0.9)] };
  assert.equal(rate.text(rate.read(one), one, en), "0.5 a year on average");
  assert.equal(rate.text(rate.read(three), three, en), "2.4 a year on average, all 3 kinds together");
  const { translator } = await import("../../www/words/i18n.js");
  assert.equal(rate.text(rate.read(three), three, translator("ja")), "3種類の合計で年平均2.4回");
});
