// The headline (www/story.js), tested over a grid of simulated worlds built by hand: each is
// a list of futures (final compute, the training run with and without new rules, the longest
// shortfall), summarised as the engine does. Every sentence, in both languages, must (a) state
// only the summary's own figures, formatted, and (b) make only claims the futures bear out,
// none contradicting another.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MENTION, headline, horizonWords, medianDelay, runWords, story } from "../../www/story.js";
import { loadLanguage, translator } from "../../www/i18n.js";

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

/** Words that hold digits but are no figures: the run's name, the unit, a week, a month. */
const FIXED = { en: ["Llama-3-scale", "B200-equivalents"], ja: ["Llama 3級", "B200換算", "1週間", "1カ月"] };

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
    out.add(fmt.int(fin[key]));
    // A percentile's level, as the share of futures it speaks of (p25: 25%; at least p10: 90%).
    out.add(fmt.share(q));
  }
  for (const x of [d.p_unfinished, d.p_status_quo_unfinished, ...Object.values(p)]) out.add(fmt.share(x));
  out.add(fmt.int(summary.requirement_b200e));
  for (const s of summary.requirement_steps ?? []) out.add(fmt.int(s.b200e));
  return out;
}

/** The numbers in a sentence, after the horizon and the fixed words are taken out. */
function numbersIn(text, summary, tr, scenario = {}) {
  let rest = text.replaceAll(horizonWords(summary.horizon_days, tr), " ").replaceAll(runWords(scenario.training_run?.flop ?? 3.8e25, tr), " ");
  for (const w of FIXED[tr.lang]) rest = rest.replaceAll(w, " ");
  return rest.match(tr.lang === "ja" ? /\d+(?:[万億兆]\d*)*(?:\.\d+)?%?/g : /\d+(?:,\d{3})*(?:\.\d+)?%?/g) ?? [];
}

/** The claims of one sentence checked against the futures, and against each other. */
function check(name, futures, summary, tr) {
  const text = headline(summary, {}, tr);
  const at = `${tr.lang}, ${name}: ${text}`;
  const s = story(summary);
  const real = truth(futures);
  const { fmt } = tr;

  // (a) Every number is one of the summary's figures, formatted; the story's figures are the
  // summary's own.
  const ok = allowed(summary, tr);
  for (const x of numbersIn(text, summary, tr)) assert.ok(ok.has(x), `${at}\n  "${x}" is not a figure of the summary`);
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

  // (b) The claims hold in the futures themselves.
  const median = tr.lang === "en" ? /median/ : /中央値/;
  if (real.measured === 0) {
    assert.equal(s.delay, null, at);
    assert.doesNotMatch(text, median, at);
    assert.ok(text.includes(tr.lang === "en" ? "cannot be measured" : "測れない"), at);
  } else if (s.delay.unfinished !== undefined) {
    // The runs that would have finished and do not lead: at least half of them (no median
    // future finishes), or too many (a tenth or more) for a median of the rest to stand alone.
    assert.ok(real.unfinished >= 0.1 * real.measured, at);
    assert.equal(s.delay.unfinished, d.p_unfinished, at);
    assert.doesNotMatch(text, median, at);
    assert.ok(text.includes(fmt.share(d.p_unfinished)), at);
  } else {
    // The median said is the median of the futures it names: all (or all but those where
    // not even the status quo finishes), counting a run that does not finish as the latest;
    // or, when that median falls between two reported percentiles and few runs do not
    // finish, the futures where it finishes.
    assert.ok(real.unfinished < real.measured / 2, at);
    const { median: said, among } = s.delay;
    const actual = among === "finished" ? real.finishedMedian : real.median;
    assert.equal(said, actual, `${at}\n  said ${said} among ${among}, the futures say ${actual}`);
    if (among === "finished") assert.ok(real.unfinished > 0 && real.unfinished < 0.1 * real.measured, at);
    else assert.equal(among === "all", d.p_status_quo_unfinished < MENTION, at);
    assert.ok(text.includes(tr.t("headline").among[among]), at);
    if (said === 0) assert.ok(text.includes(tr.lang === "en" ? "is not delayed" : "遅れずに完了"), at);
    else assert.ok(text.includes(fmt.days(said)), `${at}\n  the median delay ${fmt.days(said)} is not said`);
  }
  // The old contradiction: a median "within" beside a majority that does not finish.
  assert.doesNotMatch(text, tr.lang === "en" ? /finishes within/ : /以内に完了する/, at);
  // Late shares: a week or more includes a month or more, which includes not finishing.
  if (s.late) assert.ok(s.late.week >= s.late.month && s.late.month >= (s.late.including ?? 0), at);
  // The status quo's unfinished share is said when it is worth saying, and then the median is
  // of the other futures.
  const quoShare = d.p_status_quo_unfinished;
  if (real.measured > 0 && quoShare >= MENTION) {
    assert.ok(text.includes(fmt.share(quoShare)), at);
    if (s.delay.median !== undefined) assert.notEqual(s.delay.among, "all", at);
  }

  // Compute kept: "none in at least L" holds, and L is the tightest level the percentiles
  // prove (never "at least 10%" when a quarter end with none); "at least V in K" holds.
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
    assert.ok(text.includes(fmt.int(keeps.value)) && text.includes(fmt.share(keeps.level)), at);
  } else assert.equal(none, 0.95, at);

  // Shortfall: the share of a week or more in a row is the summary's; "never" only when no
  // future falls short at all; "never a week" only when none does for a week.
  const p = summary.probabilities;
  const say = tr.t("headline");
  const req = fmt.int(summary.requirement_b200e);
  if (p.any_shortfall === 0) assert.ok(text.includes(say.neverShort(req)), at);
  else if (p.shortfall_7_days === 0) assert.ok(text.includes(say.shortBrief(req, fmt.share(p.any_shortfall))), at);
  else assert.ok(text.includes(say.short(req, fmt.share(p.shortfall_7_days))), at);

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
  const typical = world("a few unfinished, the rest days late; 25% end with none; shortfall a week, often");
  assert.equal(
    headline(typical, {}, en),
    "Against a world without new rules, the Llama-3-scale training run finishes 6 days later in the median future where it finishes; it is more than a week late in 40% of futures and more than a month late in 3%, including 3% where it does not finish within the 2 years simulated. " +
      "After 2 years the firm has no compute left in at least 25% of the simulated futures; in 50% it keeps at least 14,550 B200-equivalents. " +
      "It is below the floor of 10,000 for a week or more in a row in 70% of them.",
  );
  assert.equal(
    headline(typical, {}, ja),
    "新たな規制がない場合と比べ、Llama 3級の学習（トレーニング）は、完了する未来の中央値で6日遅れて完了する。1週間を超えて遅れるのは全体の40%、1カ月を超えて遅れるのは3%（うち3%は2年の期間内に完了しない）。" +
      "シミュレーション上の未来の25%以上で、2年後に計算能力がすべて失われる。50%では、B200換算で少なくとも1万4550基が残る。" +
      "必要量の1万基を1週間以上続けて下回るのは、全体の70%だ。",
  );
  const calm = world("no delay at all; 0% end with none; shortfall none");
  assert.equal(
    headline(calm, {}, en),
    "Against a world without new rules, the Llama-3-scale training run is not delayed in the median simulated future; it is never more than a week late. " +
      "After 2 years the firm still has at least 14,550 B200-equivalents in 90% of the simulated futures. It is never below the floor of 10,000.",
  );
  assert.equal(
    headline(calm, {}, ja),
    "新たな規制がない場合と比べ、Llama 3級の学習（トレーニング）は、中央値で遅れずに完了する。1週間を超えて遅れる未来はない。" +
      "シミュレーション上の未来の90%で、2年後もB200換算で少なくとも1万4550基の計算能力が残る。必要量の1万基を下回ることはない。",
  );
  // A tenth of the runs do not finish: that leads, not the median of the rest.
  const spread = world("a spread of delays, some unfinished; 10% end with none; shortfall brief only");
  assert.equal(
    headline(spread, {}, en),
    "Against a world without new rules, the Llama-3-scale training run does not finish within the 2 years simulated in 10% of futures, though it would without them; it is more than a week late in 58% of futures and more than a month late in 30%. " +
      "After 2 years the firm has no compute left in at least 10% of the simulated futures; in 75% it keeps at least 14,550 B200-equivalents. " +
      "It is below the floor of 10,000 in 2% of them, never for a week or more in a row.",
  );
  const stuck = world("all unfinished with new rules; 60% end with none; shortfall brief only");
  assert.equal(
    headline(stuck, {}, en),
    "Against a world without new rules, the Llama-3-scale training run does not finish within the 2 years simulated in 100% of futures, though it would without them. " +
      "After 2 years the firm has no compute left in at least 50% of the simulated futures; in 25% it keeps at least 14,550 B200-equivalents. " +
      "It is below the floor of 10,000 in 2% of them, never for a week or more in a row.",
  );
  const quo = world("the status quo mostly unfinished; 100% end with none; shortfall a week, rarely");
  assert.equal(
    headline(quo, {}, en),
    "Even without new rules, the Llama-3-scale training run would not finish within the 2 years simulated in 60% of futures. " +
      "Against a world without new rules, it finishes 24 days later in the median of the other futures; it is more than a week late in 34% of futures and more than a month late in 15%. " +
      "After 2 years the firm has no compute left in at least 95% of the simulated futures. It is below the floor of 10,000 for a week or more in a row in 0.1% of them.",
  );
  assert.equal(
    headline(quo, {}, ja),
    "新たな規制がなくても、Llama 3級の学習（トレーニング）は全体の60%で2年の期間内に完了しない。新たな規制がない場合と比べ、それ以外の未来の中央値で24日遅れて完了する。" +
      "1週間を超えて遅れるのは全体の34%、1カ月を超えて遅れるのは15%。シミュレーション上の未来の95%以上で、2年後に計算能力がすべて失われる。" +
      "必要量の1万基を1週間以上続けて下回るのは、全体の0.1%だ。",
  );
  assert.equal(
    headline(world("a few unfinished, the rest on time; 0% end with none; shortfall none"), {}, en),
    "Against a world without new rules, the Llama-3-scale training run is not delayed in the median simulated future; it is more than a month late in 0.4% of futures, and otherwise no more than a week late. " +
      "After 2 years the firm still has at least 14,550 B200-equivalents in 90% of the simulated futures. It is never below the floor of 10,000.",
  );
  assert.equal(
    headline(world("the status quo never finishes; 10% end with none; shortfall none"), {}, ja),
    "新たな規制がなくても、Llama 3級の学習（トレーニング）はどの未来でも2年の期間内に完了しないため、規制による遅れは測れない。" +
      "シミュレーション上の未来の10%以上で、2年後に計算能力がすべて失われる。75%では、B200換算で少なくとも1万4550基が残る。必要量の1万基を下回ることはない。",
  );
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
  assert.match(headline(s, {}, en), /It is below the floor of 5,000 \(later 10,000\) for a week or more in a row in 30% of them\.$/);
  assert.match(headline(s, {}, ja), /必要量の5000（のちに1万）基を1週間以上続けて下回るのは、全体の30%だ。$/);
  for (const tr of LANGS) for (const x of numbersIn(headline(s, {}, tr), s, tr)) assert.ok(allowed(s, tr).has(x), x);
});

test("the threshold for mentioning the status quo's unfinished runs is 0.5%, in both languages", () => {
  const at = (k) => summarise(many(N, (i) => ({ quo: i < k ? null : 34, shocked: i < k ? null : 34, final: 1, short: 0 })));
  for (const tr of LANGS) {
    assert.ok(headline(at(5), {}, tr).includes(tr.fmt.share(0.005)));
    assert.ok(!headline(at(4), {}, tr).includes(tr.fmt.share(0.004)));
  }
});

test("horizon and training run in words", () => {
  assert.equal(horizonWords(730, en), "2 years");
  assert.equal(horizonWords(365, en), "1 year");
  assert.equal(horizonWords(400, en), "400 days");
  assert.equal(horizonWords(730, ja), "2年");
  assert.equal(horizonWords(400, ja), "400日");
  assert.equal(runWords(3.8e25, en), "Llama-3-scale training run");
  assert.equal(runWords(3.83e25, en), "Llama-3-scale training run");
  assert.equal(runWords(3.9e25, en), "3.9e+25 FLOP training run");
  assert.equal(runWords(3.9e25, ja), "3.9e+25 FLOPの学習");
  // A scenario without a training run gets the engine's default, Llama-3-scale.
  const s = world("no delay at all; 0% end with none; shortfall none");
  assert.match(headline(s, {}, en), /Llama-3-scale/);
  assert.match(headline(s, { training_run: { flop: 1e24, mfu: 0.4 } }, en), /the 1\.0e\+24 FLOP training run is not delayed/);
  const numbers = numbersIn(headline({ ...s, horizon_days: 400 }, { training_run: { flop: 1.2e26 } }, en), { ...s, horizon_days: 400 }, en, { training_run: { flop: 1.2e26 } });
  for (const x of numbers) assert.ok(allowed(s, en).has(x), x);
});

test("with the summary's exact count of futures left with nothing, the share is said exactly", () => {
  const typical = world("a few unfinished, the rest days late; 25% end with none; shortfall a week, often");
  // The percentiles only show that at least 25% end with nothing; the count says 42%.
  const counted = { ...typical, probabilities: { ...typical.probabilities, no_capacity_at_end: 0.42 } };
  const text = headline(counted, {}, en);
  assert.match(text, /no compute left in 42% of the simulated futures; in 50% it keeps at least 14,550/);
  assert.doesNotMatch(text, /at least 42%|at least 25%/);
  assert.match(headline(counted, {}, ja), /シミュレーション上の未来の42%で、2年後に計算能力がすべて失われる。/);
  // None at all, counted: the sentence is the one for futures that keep compute.
  const none = { ...typical, probabilities: { ...typical.probabilities, no_capacity_at_end: 0 } };
  assert.doesNotMatch(headline(none, {}, en), /no compute left/);
});
