// The sentences a reader reads (www/words/story.js), over real runs of the engine (pkg/): every
// preset, each of its sliders at the low and the high end of its range, the floor counted on
// one site, each kind of shock, and the CEO's week moved inside its sliders' ranges. In both
// languages, every figure quoted must be one of the summary's, every share under 0.5% or from
// 99.5% short of all said in words, the lead short, its shock named by its kind and its
// subject the pool the figures are of.
import { test } from "node:test";
import assert from "node:assert/strict";
import { engine } from "./engine.mjs";
import { CONTROLS } from "../../www/state/controls.js";
import { parseDate } from "../../www/words/format.js";
import { pointValue } from "../../www/state/quantity.js";
import { loadLanguage, presetText, translator } from "../../www/words/i18n.js";
import { amount, cause, horizonWords, medianFall, sentences, story } from "../../www/words/story.js";
import { presetFiles } from "../../scripts/site.mjs";

/** The presets as the page loads them (presets.json). */
const { presets: PRESETS } = await presetFiles();
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);
const LANGS = [translator("en"), translator("ja")];
const TRIALS = 2000;
const LEVELS = [5, 10, 25, 50, 75, 90, 95];
const clone = (x) => JSON.parse(JSON.stringify(x));

/** Every case: a preset's scenario as it is, then changed one way at a time. */
function cases() {
  const out = [];
  for (const preset of PRESETS) {
    const base = preset.scenario;
    out.push({ name: preset.id, preset: preset.id, scenario: base });
    for (const c of CONTROLS) {
      if (c.enabled && !c.enabled(base)) continue;
      const max = typeof c.max === "function" ? c.max(base, null) : c.max;
      for (const [end, v] of [["low", c.min], ["high", max]]) out.push({ name: `${preset.id}, ${c.id} ${end}`, preset: preset.id, scenario: c.apply(clone(base), v, base) });
    }
    // The floor counted on the first site alone.
    if (base.sites.length > 1) out.push({ name: `${preset.id}, floor on ${base.sites[0].id}`, preset: preset.id, scenario: { ...clone(base), requirement_sites: [base.sites[0].id] } });
    // Each kind of shock for the first shock.
    for (const kind of ["rule", "crackdown", "halt", "outage"]) {
      const s = clone(base);
      s.shocks[0].kind = kind;
      out.push({ name: `${preset.id}, first shock a ${kind}`, preset: preset.id, scenario: s });
    }
  }
  // The CEO's scenario inside its sliders' ranges: every delay is exactly 7 days, or clearly more.
  const ceo = clone(PRESETS.find((p) => p.id === "ceo-worst-case").scenario);
  ceo.sites[0].availability = 0.95;
  ceo.sites[0].gpus = 20_000;
  ceo.shocks[0].scheduled_days = [12.31];
  out.push({ name: "ceo-worst-case inside its ranges", preset: "ceo-worst-case", scenario: ceo });
  return out;
}

/** The figures a text about `summary` may quote, formatted in `tr`'s language. */
function allowed(summary, scenario, tr) {
  const { fmt } = tr;
  const d = summary.metrics.training_delay_days;
  const fin = summary.metrics.final_capacity_b200e;
  const out = new Set();
  for (const q of LEVELS) {
    if (d[`p${q}`] !== null) out.add(fmt.days(Math.max(0, d[`p${q}`])));
    out.add(fmt.int(Math.floor(fin[`p${q}`])));
    out.add(fmt.share(q / 100));
  }
  for (const x of [d.p_unfinished, d.p_status_quo_unfinished, ...Object.values(summary.probabilities)]) out.add(fmt.share(x));
  for (const s of summary.requirement_steps ?? [{ b200e: summary.requirement_b200e }]) out.add(fmt.int(s.b200e));
  if (scenario.requirement_growth) out.add(fmt.int(scenario.requirement_growth.doubling_days));
  // The median line's fall, read off the band itself.
  const fall = medianFall(summary, scenario);
  if (fall) for (const v of [fall.from, fall.to]) out.add(fmt.int(v));
  // The scenario's own words: rates (two significant digits), a fixed halt's length, days.
  for (const k of scenario.shocks ?? []) {
    out.add(fmt.num(Number(pointValue(k.rate_per_year).toPrecision(2)), 2));
    out.add(String(k.duration_days.median));
  }
  return out;
}

/** The numbers in a text, after dates, the horizon and fixed words are taken out. */
function numbersIn(text, summary, tr) {
  let rest = text.replaceAll(horizonWords(summary.horizon_days, tr), " ");
  rest = rest.replace(tr.lang === "ja" ? /\d{4}年\d{1,2}月(?:\d{1,2}日)?/g : /(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/g, " ");
  for (const w of ["3.8e25 FLOP", "Llama 3.1 405B", "B200-equivalents", "B200換算", "1週間", "1か月", "0.5%", "7-day", "7日間", "に1回"]) rest = rest.replaceAll(w, " ");
  return rest.match(tr.lang === "ja" ? /\d+(?:[万億兆]\d*)*(?:\.\d+)?%?/g : /\d+(?:,\d{3})*(?:\.\d+)?%?/g) ?? [];
}

const KIND_WORDS = {
  en: { rule: /new rule/, crackdown: /host-country crackdown/, halt: /operator halt/, outage: /outage/ },
  ja: { rule: /新たな規制/, crackdown: /所在国の取り締まり/, halt: /運営会社による停止/, outage: /障害/ },
};

test("the sentences of every preset, its sliders' ends, pools and kinds, in both languages, quote the summary and contradict nothing", () => {
  let checked = 0;
  for (const c of cases()) {
    const summary = engine.simulate(c.scenario, { trials: TRIALS, seed: 1 });
    const s = story(summary);
    for (const tr of LANGS) {
      const names = presetText(tr.lang, c.preset)?.names ?? {};
      const nameOf = (x) => names[x?.id] ?? x?.name ?? x?.id;
      const { lead, details } = sentences(summary, c.scenario, tr, { start: parseDate(summary.start_date), nameOf });
      const text = [lead, ...details].join(" ");
      const at = `${tr.lang}, ${c.name}:\n  ${lead}\n  ${details.join("\n  ")}`;

      // Every figure is the summary's (or the scenario's own rate, length or date).
      const ok = allowed(summary, c.scenario, tr);
      for (const x of numbersIn(text, summary, tr)) assert.ok(ok.has(x), `${at}\n  "${x}" is no figure of the summary`);
      // Nothing rounds to 0% or 100%: those shares are said in words.
      assert.doesNotMatch(text, /(?<![\d.])0%|100%/, at);
      // The lead fits a phone's first screen beside the chart.
      if (tr.lang === "en") assert.ok(lead.split(/\s+/).length <= 35, `${at}\n  ${lead.split(/\s+/).length} words`);
      else assert.ok(lead.length <= 100, `${at}\n  ${lead.length} characters`);
      // The lead's shock is named by its kind.
      const why = cause(c.scenario);
      if (why && s.delay) assert.match(lead, KIND_WORDS[tr.lang][why.kind], at);
      if (!why && s.delay) assert.ok(lead.includes(tr.t("headline").noShocks), at);
      // The week: the share in the lead (or the details) is the summary's, in words at the ends.
      const week = summary.probabilities.training_delay_over_7_days;
      if (s.delay) {
        const q = amount(week, tr);
        if (q.q === "share") assert.ok(text.includes(q.share), `${at}\n  the share a week late, ${q.share}, is not said`);
        if (q.q !== "share" && tr.lang === "en") assert.match(text, { none: /never more than a week|More than a week late[^:]*: none/, few: /almost never more than a week|More than a week late[^:]*: almost none/, most: /nearly all/, all: /every future|More than a week late[^:]*: all/ }[q.q], at);
      }
      // The subject: the sites the floor is counted on, not the firm, when the scenario says so.
      if (summary.requirement_sites?.length) {
        const pool = tr.t("headline").and(c.scenario.sites.filter((x) => summary.requirement_sites.includes(x.id)).map(nameOf));
        assert.ok(details.some((d) => d.includes(pool)), at);
        assert.ok(!details.some((d) => d.includes(tr.t("headline").firm)), at);
      }
      checked++;
    }
  }
  assert.ok(checked >= 100, `${checked} sentences`);
});

test("the median line's fall is said where the band falls, and not for a scheduled halt", () => {
  // The default preset as release 0.1.0 had it (the US rule at a fixed 0.6 a year, Japan and
  // Australia at 0.1, halted GPUs all back): its median falls in the second year, when most
  // futures have lost a site.
  const tencent = structuredClone(PRESETS.find((p) => p.id === "tencent-datasection").scenario);
  tencent.shocks.forEach((k, i) => ((k.rate_per_year = i === 0 ? 0.6 : 0.1), delete k.relet_share));
  const summary = engine.simulate(tencent, { trials: TRIALS, seed: 1 });
  const fall = medianFall(summary, tencent);
  assert.ok(fall, "the median falls in its second year");
  const line = summary.bands.p50;
  assert.equal(fall.from, line[fall.day - 30]);
  assert.equal(fall.to, line[fall.day]);
  assert.ok(fall.day > 365 && fall.from - fall.to >= 0.25 * Math.max(...line), JSON.stringify(fall));
  const ceo = PRESETS.find((p) => p.id === "ceo-worst-case").scenario;
  assert.equal(medianFall(engine.simulate(ceo, { trials: TRIALS, seed: 1 }), ceo), null);
});

test("the CEO's week inside its ranges: a week late, never more than a week late in the lead's figures", () => {
  const c = cases().find((x) => x.name === "ceo-worst-case inside its ranges");
  const summary = engine.simulate(c.scenario, { trials: TRIALS, seed: 1 });
  assert.equal(summary.metrics.training_delay_days.p50, 7);
  assert.ok(summary.probabilities.training_delay_over_7_days < 0.005, String(summary.probabilities.training_delay_over_7_days));
  const { lead, details } = sentences(summary, c.scenario, translator("en"), { start: parseDate(summary.start_date) });
  assert.equal(lead, "A training run on Osaka starting 21 December 2025 finishes 7 days later than without shocks in a typical future, after an operator halt from 2 January 2026 that lasts 7 days.");
  assert.equal(details[0], "More than a week late (runs that never finish included): almost none (under 0.5%).");
});

test("a preset started on its own date in dates runs to the same numbers; started a year on, its sites are further built", async () => {
  const { startOn } = await import("../../www/words/format.js");
  const plain = (s) => JSON.stringify({ ...s, bands: Object.fromEntries(Object.entries(s.bands).map(([k, v]) => [k, [...v]])) });
  for (const p of PRESETS) {
    const start = parseDate(p.scenario.start_date);
    const a = engine.simulate(p.scenario, { trials: 300, seed: 3 });
    const b = engine.simulate(startOn(p.scenario, start), { trials: 300, seed: 3 });
    assert.equal(plain(b), plain(a), p.id);
  }
  // The default preset a year on: Sydney (due on day 180, a 180-day ramp) is built, so day
  // 0 has more capacity than the report's day 0 had.
  const tencent = PRESETS.find((p) => p.id === "tencent-datasection").scenario;
  const then = engine.simulate(tencent, { trials: 300, seed: 3 });
  const now = engine.simulate(startOn(tencent, new Date(Date.UTC(2026, 11, 21))), { trials: 300, seed: 3 });
  assert.ok(now.bands.p50[0] > then.bands.p50[0], `${now.bands.p50[0]} against ${then.bands.p50[0]}`);
  assert.equal(now.start_date, "2026-12-21");
});
