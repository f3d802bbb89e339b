// The headline (www/words/story.js), tested over a grid of simulated worlds built by hand: each is
// a list of futures (final compute, the training run with and without new rules, the longest
// shortfall), summarised as the engine does. Every sentence, in both languages, must (a) state
// only the summary's own figures, formatted, and (b) make only claims the futures bear out,
// none contradicting another.
import { test } from "node:test";
import assert from "node:assert/strict";
import "./engine.mjs";
import { MENTION, amount, cause, headline, horizonWords, lastFloorStep, medianDelay, runWords, sentences, story } from "../../www/words/story.js";
import { loadLanguage, translator } from "../../www/words/i18n.js";

// Each language is loaded on demand, as a widget that speaks it does.
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);

const en = translator("en");
const ja = translator("ja");
const LANGS = [en, ja];
const LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
const hasJapanese = (s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);
const round6 = (x) => Math.round(x * 1e6) / 1e6;

/** Percentiles as the engine reports them: the value of rank q·n (exact among equal values). */
function percentiles(values) {
  if (values.length === 0) return Object.fromEntries(LEVELS.map((q) => [`p${Math.round(q * 100)}`, null]));
  const sorted = [...values].sort((a, b) => a - b);
  return Object.fromEntries(LEVELS.map((q) => [`p${Math.round(q * 100)}`, sorted[Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1]]));
}

/**
 * A summary of a list of futures, each { final, quo, shocked, short }: compute at the end
 * (B200e), days to train without and with new rules (null: not within the horizon), and the
 * longest run of days below the requirement.
 */
function summarise(futures, { horizon = 730, requirement = 10_000, steps } = {}) {
  const n = futures.length;
  const share = (f) => round6(futures.filter(f).length / n);
  const both = futures.filter((x) => x.quo !== null && x.shocked !== null);
  const delays = both.map((x) => x.shocked - x.quo);
  const lateBy = (days) => share((x) => x.quo !== null && (x.shocked === null || x.shocked - x.quo > days));
  return {
    trials: n,
    horizon_days: horizon,
    requirement_b200e: requirement,
    ...(steps ? { requirement_steps: steps } : {}),
    metrics: {
      final_capacity_b200e: { n, ...percentiles(futures.map((x) => x.final)) },
      training_delay_days: {
        n: both.length,
        mean: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : null,
        ...percentiles(delays),
        p_unfinished: share((x) => x.quo !== null && x.shocked === null),
        p_status_quo_unfinished: share((x) => x.quo === null),
      },
    },
    probabilities: {
      any_shortfall: share((x) => x.short > 0),
      shortfall_7_days: share((x) => x.short >= 7),
      training_delay_over_7_days: lateBy(7),
      training_delay_over_30_days: lateBy(30),
    },
  };
}

/** `count` futures from a rule f(i, count), i = 0…count − 1. */
const many = (count, f) => Array.from({ length: count }, (_, i) => f(i, count));

// The corners, each a rule for future i of N.
const N = 1000;
const DELAYS = {
  "no delay at all": () => ({ quo: 34, shocked: 34 }),
  "all unfinished with new rules": () => ({ quo: 34, shocked: null }),
  "the status quo mostly unfinished": (i) => (i < 600 ? { quo: null, shocked: null } : { quo: 100, shocked: 100 + (i % 50) }),
  "the status quo never finishes": () => ({ quo: null, shocked: null }),
  "a spread of delays, some unfinished": (i) => (i < 300 ? { quo: 34, shocked: 34 } : i < 700 ? { quo: 34, shocked: 34 + 3 + (i % 17) } : i < 900 ? { quo: 34, shocked: 34 + 40 + (i % 60) } : { quo: 34, shocked: null }),
  "just under half unfinished": (i) => (i < 499 ? { quo: 34, shocked: null } : { quo: 34, shocked: 34 + (i % 9) }),
  "half unfinished": (i) => (i < 500 ? { quo: 34, shocked: null } : { quo: 34, shocked: 40 }),
  "a few unfinished, the rest on time": (i) => (i < 4 ? { quo: 34, shocked: null } : { quo: 34, shocked: 34 }),
  "a few unfinished, the rest days late": (i) => (i < 30 ? { quo: 34, shocked: null } : { quo: 34, shocked: 34 + (i % 13) }),
  "delays of a few days": (i) => ({ quo: 34, shocked: 34 + (i % 6) }),
  "status quo unfinished in 10%, the rest late": (i) => (i < 100 ? { quo: null, shocked: null } : { quo: 50, shocked: 50 + 10 + (i % 30) }),
};
const ZERO_SHARES = [0, 0.04, 0.1, 0.25, 0.6, 0.92, 1];
const finalOf = (zero) => (i) => (i < zero * N ? 0 : i % 2 ? 24_250 : 14_550);
const SHORTFALLS = {
  none: () => 0,
  "brief only": (i) => (i < 20 ? 3 : 0),
  "a week, often": (i) => (i < 700 ? 7 + (i % 30) : i < 800 ? 2 : 0),
  "a week, rarely": (i) => (i === 0 ? 9 : 0),
};

const grid = [];
for (const [delayName, delay] of Object.entries(DELAYS)) {
  for (const zero of ZERO_SHARES) {
    for (const [shortName, short] of Object.entries(SHORTFALLS)) {
      const futures = many(N, (i) => ({ ...delay(i, N), final: finalOf(zero)(i), short: short(i) }));
      grid.push({ name: `${delayName}; ${zero * 100}% end with none; shortfall ${shortName}`, futures, summary: summarise(futures) });
    }
  }
}

/** What the futures say, for checking the sentence's claims. */
function truth(futures) {
  const measured = futures.filter((x) => x.quo !== null);
  const late = measured.map((x) => (x.shocked === null ? Infinity : x.shocked - x.quo)).sort((a, b) => a - b);
  const finished = late.filter(Number.isFinite);
  return {
    finishedMedian: finished.length ? finished[Math.ceil(finished.length / 2) - 1] : null,
    measured: measured.length,
    unfinished: measured.filter((x) => x.shocked === null).length,
    median: late.length ? late[Math.ceil(late.length / 2) - 1] : null,
    zero: futures.filter((x) => x.final === 0).length / futures.length,
    atLeast: (v) => futures.filter((x) => x.final >= v).length / futures.length,
  };
}

/** The scenario the grid's worlds are told of: one site, one rule at 0.6 a year, a run from day 180. */
const SCENARIO = { sites: [{ id: "osaka", name: "Osaka" }], training_run: { flop: 3.8e25, start_day: 180 }, shocks: [{ id: "us", kind: "rule", rate_per_year: 0.6, duration_days: { median: 7, p90: 90 } }] };

/** Words that hold digits but are no figures: the run's size and Llama's name, the unit, a
 * week, a month, the threshold of "almost none", the scenario's own rate and start day. */
const FIXED = {
  en: ["3.8e25 FLOP", "Llama 3.1 405B", "B200-equivalents", "(under 0.5%)", "(under 0.5% of futures)", "0.6 a year", "on day 180"],
  ja: ["3.8e25 FLOP", "Llama 3.1 405B", "B200換算", "1週間", "1か月", "（0.5%未満）", "年0.6回", "180日目"],
};

/** The figures a sentence about `summary` may state, formatted in `tr`'s language. */
function allowed(summary, tr) {
  const { fmt } = tr;
  const d = summary.metrics.training_delay_days;
  const fin = summary.metrics.final_capacity_b200e;
  const p = summary.probabilities;
  const out = new Set();
  for (const q of LEVELS) {
    const key = `p${Math.round(q * 100)}`;
    if (d[key] !== null) out.add(fmt.days(Math.max(0, d[key])));
    out.add(fmt.int(Math.floor(fin[key])));
    // A percentile's level, as the share of futures it speaks of (p25: 25%; at least p10: 90%).
    out.add(fmt.share(q));
  }
  for (const x of [d.p_unfinished, d.p_status_quo_unfinished, ...Object.values(p)]) out.add(fmt.share(x));
  out.add(fmt.int(summary.requirement_b200e));
  for (const s of summary.requirement_steps ?? []) out.add(fmt.int(s.b200e));
  return out;
}

/** The numbers in a text, after the horizon and the fixed words are taken out. */
function numbersIn(text, summary, tr) {
  let rest = text.replaceAll(horizonWords(summary.horizon_days, tr), " ");
  for (const w of FIXED[tr.lang]) rest = rest.replaceAll(w, " ");
  return rest.match(tr.lang === "ja" ? /\d+(?:[万億兆]\d*)*(?:\.\d+)?%?/g : /\d+(?:,\d{3})*(?:\.\d+)?%?/g) ?? [];
}

/** The lead and its details, as one text. */
const told = (summary, tr, scenario = SCENARIO) => {
  const { lead, details } = sentences(summary, scenario, tr);
  return { lead, details, text: [lead, ...details].join(" ") };
};

/** A share of futures as the sentences say it, in `tr`'s language. */
const shareWords = (p, tr) => {
  const { q, share } = amount(p, tr);
  if (q === "share") return tr.lang === "en" ? `${share} of futures` : `全体の${share}`;
  return { en: { none: /in no future|: none|never more/, few: /almost n/, most: /nearly all/, all: /every future|: all/ }, ja: { none: /はない|：なし/, few: /ほとんど/, most: /ほぼすべて/, all: /すべて/ } }[tr.lang][q];
};
const says = (text, words) => (typeof words === "string" ? text.includes(words) : words.test(text));

/** The claims of one world's sentences checked against the futures, and against each other. */
function check(name, futures, summary, tr) {
  const { lead, text } = told(summary, tr);
  const at = `${tr.lang}, ${name}: ${text}`;
  const s = story(summary);
  const real = truth(futures);
  const { fmt } = tr;

  // (a) Every number is one of the summary's figures, formatted; the story's figures are the
  // summary's own. No share is rounded to 0% or 100%: those are said in words.
  const ok = allowed(summary, tr);
  for (const x of numbersIn(text, summary, tr)) assert.ok(ok.has(x), `${at}\n  "${x}" is not a figure of the summary`);
  assert.doesNotMatch(text, /(?<![\d.])0%|100%/, at);
  const d = summary.metrics.training_delay_days;
  const percentileOf = (stat, v) => LEVELS.some((q) => stat[`p${Math.round(q * 100)}`] === v);
  if (s.delay?.median !== undefined) assert.ok(percentileOf(d, s.delay.median), at);
  if (s.delay?.unfinished !== undefined) assert.equal(s.delay.unfinished, d.p_unfinished, at);
  if (s.late) {
    assert.equal(s.late.week, summary.probabilities.training_delay_over_7_days, at);
    assert.equal(s.late.month, summary.probabilities.training_delay_over_30_days, at);
  }
  assert.equal(s.short.week, summary.probabilities.shortfall_7_days, at);
  if (s.kept.keeps) assert.ok(percentileOf(summary.metrics.final_capacity_b200e, s.kept.keeps.value), at);

  // The lead: short enough to take in at once; it names the rule and its assumed rate.
  if (tr.lang === "en") assert.ok(lead.split(/\s+/).length <= 35, `${at}\n  the lead has ${lead.split(/\s+/).length} words`);
  else assert.ok(lead.length <= 100, `${at}\n  the lead has ${lead.length} characters`);
  if (real.measured > 0) assert.ok(lead.includes(tr.lang === "en" ? "new rules come at an assumed 0.6 a year" : "新たな規制が年0.6回（仮定）"), at);

  // (b) The claims hold in the futures themselves.
  if (real.measured === 0) {
    assert.equal(s.delay, null, at);
    assert.ok(lead.includes(tr.lang === "en" ? "no delay can be measured" : "測れない"), at);
  } else {
    // A typical (median) delay in the lead only when every measured future gives it exactly;
    // otherwise the lead gives the share more than a week late.
    const typical = tr.lang === "en" ? /in a typical future/ : /典型的なケースで/;
    if (s.delay.median !== undefined && s.delay.among === "all" && s.delay.median >= 1) {
      assert.equal(s.delay.median, real.median, at);
      assert.match(lead, typical, at);
      assert.ok(lead.includes(fmt.days(s.delay.median)), at);
    } else {
      assert.doesNotMatch(lead, typical, at);
      assert.ok(says(lead, shareWords(s.late.week, tr)), `${at}\n  the lead does not give the share a week late`);
    }
    if (s.delay.median !== undefined) {
      const { median: said, among } = s.delay;
      const actual = among === "finished" ? real.finishedMedian : real.median;
      assert.equal(said, actual, `${at}\n  said ${said} among ${among}, the futures say ${actual}`);
      if (among === "finished") assert.ok(real.unfinished > 0 && real.unfinished < 0.1 * real.measured, at);
      else assert.equal(among === "all", d.p_status_quo_unfinished < MENTION, at);
    }
    // Late shares: a week or more includes a month or more, which includes not finishing.
    assert.ok(s.late.week >= s.late.month && s.late.month >= d.p_unfinished, at);
    if (s.late.week > 0) assert.ok(says(text, shareWords(s.late.month, tr)), at);
    if (d.p_unfinished > 0) assert.ok(says(text, shareWords(d.p_unfinished, tr)), at);
  }
  // The status quo's unfinished share is said when it is worth saying.
  const quoShare = d.p_status_quo_unfinished;
  if (real.measured > 0 && quoShare >= MENTION) assert.ok(text.includes(fmt.share(quoShare)), at);

  // Compute kept: "none in at least L" holds, and L is the tightest level the percentiles
  // prove; "at least V in K" holds.
  const { none, keeps } = s.kept;
  if (none === null) assert.ok(real.zero < 0.05 + 1e-9, at);
  else {
    assert.ok(real.zero >= none - 1e-9, `${at}\n  ${real.zero} end with none, said at least ${none}`);
    const next = LEVELS.find((q) => q > none);
    if (next) assert.ok(real.zero < next, `${at}\n  ${real.zero} end with none, said only at least ${none}`);
    assert.ok(text.includes(fmt.share(none)), at);
  }
  if (keeps) {
    assert.ok(real.atLeast(keeps.value) >= keeps.level - 1e-9, `${at}\n  ${real.atLeast(keeps.value)} keep ${keeps.value}`);
    assert.ok(none === null || none + keeps.level <= 1 + 1e-9, at);
    assert.ok(text.includes(fmt.int(keeps.value)) && says(text, shareWords(keeps.level, tr)), at);
  } else assert.equal(none, 0.95, at);

  // The floor: the share of a week or more in a row is the summary's; "never" only when no
  // future falls short at all; "never for a week" only when none does for a week.
  const p = summary.probabilities;
  const say = tr.t("headline");
  const req = fmt.int(summary.requirement_b200e);
  const pool = { name: say.firm, many: false };
  if (p.any_shortfall === 0) assert.ok(text.includes(say.neverShort(pool, req)), at);
  else if (p.shortfall_7_days === 0) assert.ok(text.includes(say.shortBrief(pool, req, amount(p.any_shortfall, tr))), at);
  else assert.ok(text.includes(say.short(pool, req, amount(p.shortfall_7_days, tr))), at);

  // One language only.
  if (tr.lang === "en") assert.ok(!hasJapanese(text), at);
  else {
    assert.ok(hasJapanese(text), at);
    assert.doesNotMatch(text, /\b(?:the|futures|finish|firm|median|delayed)\b/, at);
  }
  return text;
}

test(`the grid: ${grid.length} worlds, every sentence's figures the summary's and its claims true`, () => {
  // Different stories are told in different sentences, in each language.
  for (const tr of LANGS) {
    const told = new Map();
    for (const { name, futures, summary } of grid) {
      const text = check(name, futures, summary, tr);
      const key = JSON.stringify(story(summary));
      assert.equal(told.get(key) ?? text, text, name);
      told.set(key, text);
    }
    assert.equal(new Set(told.values()).size, told.size, tr.lang);
  }
});

test("the grid covers every kind of clause", () => {
  const kinds = new Set();
  for (const { summary } of grid) {
    const s = story(summary);
    kinds.add(s.delay === null ? "unmeasured" : s.delay.unfinished !== undefined ? "unfinished" : s.delay.among);
    kinds.add(`none ${s.kept.none}`);
    kinds.add(`keeps ${s.kept.keeps?.level}`);
    kinds.add(s.statusQuo === null ? "quo finishes" : "quo mentioned");
  }
  for (const k of ["unmeasured", "unfinished", "all", "others", "finished", "none null", "none 0.1", "none 0.25", "none 0.5", "none 0.95", "keeps 0.9", "keeps 0.5", "keeps undefined", "quo mentioned", "quo finishes"]) {
    assert.ok(kinds.has(k), `no world gives ${k}: ${[...kinds].join(", ")}`);
  }
});

/** One world by name. */
const world = (name) => grid.find((x) => x.name === name).summary;

test("a few sentences in full, English and Japanese", () => {
  const pick = ({ lead, details }) => ({ lead, details });
  const typical = world("a few unfinished, the rest days late; 25% end with none; shortfall a week, often");
  assert.deepEqual(pick(told(typical, en)), {
  "lead": "A training run on Osaka starting on day 180 is more than a week late in 40% of futures, if new rules come at an assumed 0.6 a year.",
  "details": [
    "In a typical future where it finishes, it is 6 days late.",
    "More than a month late (runs that never finish included): 3% of futures.",
    "Never finished within the 2 years because of the shocks (counted as late above): 3% of futures.",
    "After 2 years, the firm still has at least 14,550 B200-equivalents in 50% of futures.",
    "After 2 years, the firm has no compute left in at least 25% of futures.",
    "The firm is below the floor of 10,000 for a week or more in a row in 70% of futures.",
    "The run needs 3.8e25 FLOP, about what Meta's Llama 3.1 405B took."
  ]
});
  assert.deepEqual(pick(told(typical, ja)), {
  "lead": "新たな規制が年0.6回（仮定）のペースで導入される場合、180日目にOsakaで始まる学習が1週間を超えて遅れる未来は全体の40%。",
  "details": [
    "完了する未来の典型的なケースでは6日遅れて完了する。",
    "1か月を超えて遅れる未来（完了しないものを含む）：全体の3%。",
    "ショックのために2年の期間内に完了しない未来（上の遅れに含む）：全体の3%。",
    "2年後もこの企業にB200換算で少なくとも1万4550基の計算能力が残る未来：全体の50%。",
    "2年後にこの企業の計算能力がすべて失われる未来：少なくとも全体の25%。",
    "この企業の計算能力が下限（B200換算1万基）を1週間以上続けて下回る未来：全体の70%。",
    "学習に要する計算量は3.8e25 FLOPで、メタのLlama 3.1 405Bとほぼ同じ。"
  ]
});
  const calm = world("no delay at all; 0% end with none; shortfall none");
  assert.deepEqual(pick(told(calm, en)), {
  "lead": "A training run on Osaka starting on day 180 is never more than a week late, if new rules come at an assumed 0.6 a year.",
  "details": [
    "In a typical future, it is not delayed.",
    "After 2 years, the firm still has at least 14,550 B200-equivalents in 90% of futures.",
    "The firm is never below the floor of 10,000.",
    "The run needs 3.8e25 FLOP, about what Meta's Llama 3.1 405B took."
  ]
});
  assert.deepEqual(pick(told(calm, ja)), {
  "lead": "新たな規制が年0.6回（仮定）のペースで導入される場合、180日目にOsakaで始まる学習が1週間を超えて遅れる未来はない。",
  "details": [
    "典型的なケースでは遅れない。",
    "2年後もこの企業にB200換算で少なくとも1万4550基の計算能力が残る未来：全体の90%。",
    "この企業の計算能力が下限（B200換算1万基）を下回ることはない。",
    "学習に要する計算量は3.8e25 FLOPで、メタのLlama 3.1 405Bとほぼ同じ。"
  ]
});
  const spread = world("a spread of delays, some unfinished; 10% end with none; shortfall brief only");
  assert.deepEqual(pick(told(spread, en)), {
  "lead": "A training run on Osaka starting on day 180 is more than a week late in 58% of futures, if new rules come at an assumed 0.6 a year.",
  "details": [
    "More than a month late (runs that never finish included): 30% of futures.",
    "Never finished within the 2 years because of the shocks (counted as late above): 10% of futures.",
    "After 2 years, the firm still has at least 14,550 B200-equivalents in 75% of futures.",
    "After 2 years, the firm has no compute left in at least 10% of futures.",
    "The firm is below the floor of 10,000 on some days in 2% of futures, never for a week in a row.",
    "The run needs 3.8e25 FLOP, about what Meta's Llama 3.1 405B took."
  ]
});
  const quo = world("the status quo mostly unfinished; 100% end with none; shortfall a week, rarely");
  assert.deepEqual(pick(told(quo, en)), {
  "lead": "A training run on Osaka starting on day 180 is more than a week late in 34% of futures, if new rules come at an assumed 0.6 a year.",
  "details": [
    "In a typical future where it can finish, it is 24 days late.",
    "More than a month late (runs that never finish included): 15% of futures.",
    "Not finished within the 2 years even without shocks: 60% of futures.",
    "After 2 years, the firm has no compute left in at least 95% of futures.",
    "The firm is below the floor of 10,000 for a week or more in a row in almost no future (under 0.5%).",
    "The run needs 3.8e25 FLOP, about what Meta's Llama 3.1 405B took."
  ]
});
  assert.deepEqual(pick(told(world("the status quo never finishes; 10% end with none; shortfall none"), ja)), {
  "lead": "180日目にOsakaで始まる学習は、ショックがなくても2年の期間内にどの未来でも完了しないため、遅れは測れない。",
  "details": [
    "2年後もこの企業にB200換算で少なくとも1万4550基の計算能力が残る未来：全体の75%。",
    "2年後にこの企業の計算能力がすべて失われる未来：少なくとも全体の10%。",
    "この企業の計算能力が下限（B200換算1万基）を下回ることはない。",
    "学習に要する計算量は3.8e25 FLOPで、メタのLlama 3.1 405Bとほぼ同じ。"
  ]
});
  // A week-long halt on a scheduled day, on one site whose floor is counted alone.
  const ceo = { sites: [{ id: "osaka", name: "Osaka" }, { id: "home", name: "Home" }], training_run: { start_day: 0, sites: ["osaka"] }, shocks: [{ id: "halt", kind: "halt", rate_per_year: 0, scheduled_days: [14], duration_days: { median: 7, p90: 7 } }] };
  const week = { ...summarise(many(N, (i) => ({ quo: 34, shocked: i < 2 ? 45 : 41, final: 14_550, short: 7 }))), requirement_sites: ["osaka"] };
  assert.deepEqual(sentences(week, ceo, en, { start: new Date(Date.UTC(2025, 11, 21)) }), {
  "lead": "A training run on Osaka starting 21 December 2025 finishes 7 days later than without shocks in a typical future, after an operator halt from 4 January 2026 that lasts 7 days.",
  "details": [
    "More than a week late (runs that never finish included): almost none (under 0.5%).",
    "More than a month late (runs that never finish included): none.",
    "After 2 years, Osaka still has at least 14,550 B200-equivalents in 90% of futures.",
    "Osaka is below the floor of 10,000 for a week or more in a row in every future.",
    "The run needs 3.8e25 FLOP, about what Meta's Llama 3.1 405B took."
  ]
});
  assert.deepEqual(sentences(week, ceo, ja, { start: new Date(Date.UTC(2025, 11, 21)), nameOf: (x) => ({ osaka: "大阪" })[x.id] ?? x.name }), {
  "lead": "2026年1月4日から7日間の運営会社による停止がある場合、2025年12月21日に大阪で始まる学習は、典型的なケースでショックがない場合より7日遅れて完了する。",
  "details": [
    "1週間を超えて遅れる未来（完了しないものを含む）：ほとんどなし（0.5%未満）。",
    "1か月を超えて遅れる未来（完了しないものを含む）：なし。",
    "2年後も大阪にB200換算で少なくとも1万4550基の計算能力が残る未来：全体の90%。",
    "大阪の計算能力が下限（B200換算1万基）を1週間以上続けて下回る未来：すべて。",
    "学習に要する計算量は3.8e25 FLOPで、メタのLlama 3.1 405Bとほぼ同じ。"
  ]
});
});

test("the median delay: exact on a pile, bracketed by percentiles otherwise, none past half unfinished", () => {
  const d = (o) => ({ n: 1000, p5: 0, p10: 0, p25: 1, p50: 2, p75: 4, p90: 8, p95: 16, p_unfinished: 0, p_status_quo_unfinished: 0, ...o });
  assert.deepEqual(medianDelay(d(), 1000), { lo: 2, hi: 2 });
  // 20% unfinished: the median is the finished runs' 62.5th percentile, between p50 and p75.
  assert.deepEqual(medianDelay(d({ n: 800, p_unfinished: 0.2 }), 1000), { lo: 2, hi: 4 });
  // 48% unfinished: the finished runs' 96th percentile, beyond the 95th.
  assert.deepEqual(medianDelay(d({ n: 520, p_unfinished: 0.48 }), 1000), { lo: 16, hi: null });
  assert.equal(medianDelay(d({ n: 500, p_unfinished: 0.5 }), 1000), null);
  // 40% where not even the status quo finishes: the median of the other 60%.
  assert.deepEqual(medianDelay(d({ n: 600, p_status_quo_unfinished: 0.4 }), 1000), { lo: 2, hi: 2 });
  assert.equal(medianDelay(d({ n: 0, p_unfinished: 0.3, p_status_quo_unfinished: 0.7 }), 1000), null);
});

test("a requirement in steps is said with both levels", () => {
  const futures = many(N, (i) => ({ quo: 34, shocked: 34, final: 14_550, short: i < 300 ? 10 : 0 }));
  const s = summarise(futures, { requirement: 5000, steps: [{ day: 0, b200e: 5000 }, { day: 180, b200e: 10_000 }] });
  assert.match(told(s, en).text, /The firm is below the floor of 5,000 \(later 10,000\) for a week or more in a row in 30% of futures\./);
  assert.match(told(s, ja).text, /この企業の計算能力が下限（B200換算5000基、のちに1万基）を1週間以上続けて下回る未来：全体の30%。/);
  for (const tr of LANGS) for (const x of numbersIn(told(s, tr).text, s, tr)) assert.ok(allowed(s, tr).has(x), x);
});

test("a growing requirement is said with its pace and its last step", () => {
  const futures = many(N, (i) => ({ quo: 34, shocked: 34, final: 14_550, short: i < 300 ? 10 : 0 }));
  const steps = [0, 180, 360, 540].map((day) => ({ day, b200e: 9700 * 2 ** (day / 180) }));
  const s = summarise(futures, { requirement: 9700, steps });
  const scenario = { ...SCENARIO, requirement_growth: { doubling_days: 180 } };
  assert.match(told(s, en, scenario).text, /The firm is below the floor of 9,700 \(doubling every 180 days, to 77,600\) for a week or more in a row in 30% of futures\./);
  assert.match(told(s, ja, scenario).text, /この企業の計算能力が下限（B200換算9700基から180日ごとに倍増し、最後は7万7600基）を1週間以上続けて下回る未来：全体の30%。/);
  // The pace is the scenario's own figure; every other number is the summary's.
  for (const tr of LANGS) for (const x of numbersIn(told(s, tr, scenario).text, s, tr)) assert.ok(allowed(s, tr).has(x) || x === "180", x);
});

test("a run's fallback is named with the share of capacity it gives", () => {
  const futures = many(N, () => ({ quo: 34, shocked: 40, final: 14_550, short: 0 }));
  const s = summarise(futures);
  const scenario = {
    ...SCENARIO,
    sites: [...SCENARIO.sites, { id: "home", name: "Ascend fleet", jurisdiction: "CN", route: "domestic", chip: "Ascend 910B", gpus: 20000 }],
    training_run: { ...SCENARIO.training_run, fallback: { sites: ["home"], efficiency: 0.6 } },
  };
  assert.ok(told(s, en, scenario).details.includes("On any day its own sites give it less, the run moves to Ascend fleet and gets 60% of the capacity there."));
  assert.ok(told(s, ja, scenario).details.includes("自社の拠点で得られる計算能力が少ない日は、Ascend fleetに移って学習を続ける（その計算能力の60%を利用できる）。"));
  assert.ok(!told(s, en).text.includes("moves to"));
});

test("the threshold for mentioning the status quo's unfinished runs is 0.5%, in both languages", () => {
  const at = (k) => summarise(many(N, (i) => ({ quo: i < k ? null : 34, shocked: i < k ? null : 34, final: 1, short: 0 })));
  for (const tr of LANGS) {
    assert.ok(told(at(5), tr).text.includes(tr.fmt.share(0.005)));
    assert.ok(!told(at(4), tr).text.includes(tr.fmt.share(0.004)));
  }
});

test("horizon and training run in words", () => {
  assert.equal(horizonWords(730, en), "2 years");
  assert.equal(horizonWords(365, en), "1 year");
  assert.equal(horizonWords(400, en), "400 days");
  assert.equal(horizonWords(730, ja), "2年");
  assert.equal(horizonWords(400, ja), "400日");
  assert.equal(runWords(3.8e25, en), "The run needs 3.8e25 FLOP, about what Meta's Llama 3.1 405B took.");
  assert.equal(runWords(3.83e25, en), "The run needs 3.8e25 FLOP, about what Meta's Llama 3.1 405B took.");
  assert.equal(runWords(3.9e25, en), "The run needs 3.9e25 FLOP.");
  assert.equal(runWords(3.9e25, ja), "学習に要する計算量は3.9e25 FLOP。");
  // A scenario without a training run gets the engine's default, Llama 3.1's size.
  const s = world("no delay at all; 0% end with none; shortfall none");
  assert.match(told(s, en, {}).text, /Llama 3\.1 405B/);
  assert.match(told(s, en, { training_run: { flop: 1e24 } }).text, /The run needs 1\.0e24 FLOP\./);
});

test("with the summary's exact count of futures left with nothing, the share is said exactly", () => {
  const typical = world("a few unfinished, the rest days late; 25% end with none; shortfall a week, often");
  // The percentiles only show that at least 25% end with nothing; the count says 42%.
  const counted = { ...typical, probabilities: { ...typical.probabilities, no_capacity_at_end: 0.42 } };
  const text = told(counted, en).text;
  assert.match(text, /After 2 years, the firm has no compute left in 42% of futures\./);
  assert.doesNotMatch(text, /at least 42%|at least 25%/);
  assert.match(told(counted, ja).text, /2年後にこの企業の計算能力がすべて失われる未来：全体の42%。/);
  // None at all, counted: only the futures that keep compute are spoken of.
  const none = { ...typical, probabilities: { ...typical.probabilities, no_capacity_at_end: 0 } };
  assert.doesNotMatch(told(none, en).text, /no compute left/);
});

test("a scheduled shock is told by its first day, whatever the order of its days", () => {
  const s = world("no delay at all; 0% end with none; shortfall none");
  const scenario = { sites: [{ id: "osaka", name: "Osaka" }], training_run: { start_day: 0 }, shocks: [{ id: "h", kind: "halt", rate_per_year: 0, scheduled_days: [400, 30], duration_days: { median: 7, p90: 7 } }] };
  assert.match(sentences(s, scenario, en).lead, /after an operator halt from day 30 that lasts 7 days\.$/);
});

test("a shock scheduled by date is told by that date, as the engine places it", () => {
  const s = world("no delay at all; 0% end with none; shortfall none");
  const halt = { id: "h", kind: "halt", rate_per_year: 0, duration_days: { median: 7, p90: 7 } };
  const scenario = { start_date: "2025-12-21", sites: [{ id: "osaka", name: "Osaka" }], training_run: { start_day: 0 }, shocks: [{ ...halt, scheduled_dates: ["2025-12-01", "2026-01-04"] }] };
  const start = new Date(Date.UTC(2025, 11, 21));
  assert.match(sentences(s, scenario, en, { start }).lead, /after an operator halt from 4 January 2026 that lasts 7 days\.$/);
  // Dated before day 0 only: history, not a shock of the run.
  const past = { ...scenario, shocks: [{ ...halt, scheduled_dates: ["2025-12-01"] }] };
  assert.equal(cause(past), null);
});

test("a floor in steps is defined with its last step, as the chart labels it", () => {
  // The default preset's: 11,600 doubling every 730 days, a step every 30 days, the last from
  // day 720; the chart labels that last step, so the note says it.
  const steps = Array.from({ length: 25 }, (_, k) => ({ day: 30 * k, b200e: 11_600 * 2 ** ((30 * k) / 730) }));
  const last = lastFloorStep({ requirement_b200e: 11_600, requirement_steps: steps });
  assert.equal(Math.round(last), 22_981);
  assert.equal(
    en.t("floorDefinition")("11,600", 730, null, "22,981"),
    ": the least compute the firm needs to keep developing its AI models, taken as 11,600 B200-equivalents at the start, doubling every 730 days, in steps up to 22,981 (an assumption).",
  );
  assert.equal(
    ja.t("floorDefinition")("1万1600", 730, null, "2万2981"),
    "：この企業がAIモデルの開発を続けるのに最低限必要な計算能力。初めはB200換算1万1600基で、730日ごとに倍増するペースで段階的に引き上げ、最後の段階は2万2981基とした（仮定）。",
  );
  assert.match(en.t("floorDefinition")("12,125", 730, ["4,850", "19,400"], "24,000"), /12,125 on average at the start, doubling every 730 days, in steps up to 24,000 on average \(an assumption\)\.$/);
  // Steps of its own, no growth: said as steps, with the last; one step: nothing more.
  assert.equal(
    en.t("floorDefinition")("11,600", null, null, "15,000"),
    ": the least compute the firm needs to keep developing its AI models, taken as 11,600 B200-equivalents at the start, then in steps, the last 15,000 (an assumption).",
  );
  assert.equal(
    ja.t("floorDefinition")("1万1600", null, null, "1万5000"),
    "：この企業がAIモデルの開発を続けるのに最低限必要な計算能力。初めはB200換算1万1600基で、その後段階的に変わり、最後の段階は1万5000基とした（仮定）。",
  );
  assert.equal(lastFloorStep({ requirement_steps: [{ day: 0, b200e: 1 }] }), null);
  assert.equal(lastFloorStep({}), null);
});

test("an uncertain floor is said as its mean, and defined by its range", () => {
  const futures = many(N, (i) => ({ quo: 34, shocked: 34, final: 14_550, short: i < 300 ? 10 : 0 }));
  const s = summarise(futures, { requirement: 12_125 });
  const scenario = { ...SCENARIO, requirement_b200e: { distribution: "uniform", low: 4850, high: 19_400 } };
  assert.match(told(s, en, scenario).text, /The firm is below the floor of 12,125 on average for a week or more in a row in 30% of futures\./);
  assert.match(told(s, ja, scenario).text, /この企業の計算能力が下限（B200換算平均1万2125基）を1週間以上続けて下回る未来：全体の30%。/);
  assert.equal(
    en.t("floorDefinition")("12,125", null, ["4,850", "19,400"]),
    ": the least compute the firm needs to keep developing its AI models, taken as a different figure in each future, between 4,850 and 19,400 B200-equivalents and 12,125 on average (an assumption).",
  );
});
