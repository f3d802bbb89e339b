// The headline (www/story.js): every branch in both languages, with the summary's numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { headline, horizonWords, runWords } from "../../www/story.js";
import { translator } from "../../www/i18n.js";

const en = translator("en");
const ja = translator("ja");
const hasJapanese = (s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

/** A summary with just what the headline reads. */
function summary({ p10 = 14550, p50 = 24250, train = 33.63, unfinished = 0.0067, days = 730, requirement = 10_000, shortWeek = 0.6693 } = {}) {
  return {
    horizon_days: days,
    requirement_b200e: requirement,
    probabilities: { shortfall_7_days: shortWeek },
    metrics: { final_capacity_b200e: { p10, p50 }, days_to_train: { p50: train, p_unfinished: unfinished } },
  };
}

test("most futures keep compute; some runs unfinished (English and Japanese)", () => {
  const s = summary();
  assert.equal(
    headline(s, {}, en),
    "In 9 of 10 simulated futures the firm still has at least 14,550 B200-equivalents after 2 years. It falls short of the 10,000 it needs for a week or more in 67% of them. In half of them its Llama-3-scale training run finishes within 33.6 days; in 0.7% it does not finish within 2 years.",
  );
  assert.equal(
    headline(s, {}, ja),
    "シミュレーション上の未来の10回に9回は、2年後もB200換算で少なくとも1万4550基の計算能力が残る。必要量の1万基を1週間以上続けて下回るのは、全体の67%だ。Llama 3級の学習（トレーニング）は、2回に1回は33.6日以内に完了する。2年以内に完了しないのは全体の0.7%だ。",
  );
});

test("one future in ten loses everything, half keep some; unfinished runs too few to mention", () => {
  const s = summary({ p10: 0, p50: 14550, unfinished: 0.0049, days: 365, requirement: 12_000, shortWeek: 0.25 });
  const scenario = { training_run: { flop: 1.2e26 } };
  assert.equal(
    headline(s, scenario, en),
    "In at least 1 of 10 simulated futures the firm has no compute left after 1 year; in half it keeps at least 14,550 B200-equivalents. It falls short of the 12,000 it needs for a week or more in 25% of them. In half of them its 1.2e+26 FLOP training run finishes within 33.6 days.",
  );
  assert.equal(
    headline(s, scenario, ja),
    "シミュレーション上の未来の10回に1回以上は、1年後に計算能力がすべて失われる。2回に1回は、B200換算で少なくとも1万4550基が残る。必要量の1万2000基を1週間以上続けて下回るのは、全体の25%だ。1.2e+26 FLOPの学習は、2回に1回は33.6日以内に完了する。",
  );
});

test("half the futures lose everything; the run never finishes", () => {
  const s = summary({ p10: 0, p50: 0, train: null, unfinished: 1, days: 1000, requirement: 15_000, shortWeek: 1 });
  assert.equal(
    headline(s, {}, en),
    "In half of the simulated futures or more the firm has no compute left after 1000 days. It falls short of the 15,000 it needs for a week or more in 100% of them. Its Llama-3-scale training run does not finish within 1000 days in any of them.",
  );
  assert.equal(
    headline(s, {}, ja),
    "シミュレーション上の未来の2回に1回以上は、1000日後に計算能力がすべて失われる。必要量の1万5000基を1週間以上続けて下回るのは、全体の100%だ。Llama 3級の学習（トレーニング）は、どの未来でも1000日以内に完了しない。",
  );
});

test("the threshold for mentioning unfinished runs is 0.5%, in both languages", () => {
  for (const tr of [en, ja]) {
    const at = headline(summary({ unfinished: 0.005 }), {}, tr);
    const below = headline(summary({ unfinished: 0.004999 }), {}, tr);
    assert.ok(at.includes(tr.fmt.share(0.005)), at);
    assert.ok(!below.includes(tr.fmt.share(0.004999)), below);
    assert.ok(at.length > below.length);
  }
});

test("the sentence's numbers are the summary's, formatted for each language", () => {
  const cases = [
    summary({ p10: 3210.4, p50: 5000, train: 48.26, unfinished: 0.12, requirement: 20_000, shortWeek: 0.4321 }),
    summary({ p10: 0, p50: 98765, train: 120.4, unfinished: 0.5, requirement: 8000, shortWeek: 0.0042 }),
  ];
  for (const tr of [en, ja]) {
    for (const s of cases) {
      const text = headline(s, {}, tr);
      const kept = s.metrics.final_capacity_b200e.p10 > 0 ? s.metrics.final_capacity_b200e.p10 : s.metrics.final_capacity_b200e.p50;
      for (const part of [tr.fmt.int(kept), tr.fmt.int(s.requirement_b200e), tr.fmt.share(s.probabilities.shortfall_7_days), tr.fmt.days(s.metrics.days_to_train.p50), tr.fmt.share(s.metrics.days_to_train.p_unfinished)]) {
        assert.ok(text.includes(part), `${tr.lang}: "${part}" in ${text}`);
      }
    }
  }
  assert.ok(headline(cases[0], {}, ja).includes("3210基"));
  assert.ok(headline(cases[1], {}, ja).includes("9万8765基"));
  assert.ok(headline(cases[1], {}, en).includes("98,765 B200-equivalents"));
});

test("each language's headline is in that language only", () => {
  for (const s of [summary(), summary({ p10: 0 }), summary({ p10: 0, p50: 0, train: null })]) {
    assert.ok(!hasJapanese(headline(s, {}, en)));
    const text = headline(s, {}, ja);
    assert.ok(hasJapanese(text));
    assert.doesNotMatch(text, /simulated|futures|finish|firm/);
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
  assert.match(headline(summary(), {}, en), /Llama-3-scale/);
  assert.match(headline(summary(), { training_run: { flop: 1e24, mfu: 0.4 } }, en), /1\.0e\+24 FLOP training run/);
});
