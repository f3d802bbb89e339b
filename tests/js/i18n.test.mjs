// Each widget's own translator (www/words/i18n.js): no language shared between them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LANGS, STRINGS, loadLanguage, translator } from "../../www/words/i18n.js";

// Each language is loaded on demand, as a widget that speaks it does.
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);

const hasJapanese = (s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

test("two translators in two languages at once do not interfere", () => {
  const ja = translator("ja");
  const en = translator("en");
  // Interleaved, in both orders, after each other is made and used.
  assert.equal(ja.t("scenario"), "シナリオ");
  assert.equal(en.t("scenario"), "Scenario");
  assert.equal(ja.fmt.int(14550), "1万4550");
  assert.equal(en.fmt.int(14550), "14,550");
  const jaAgain = translator("ja");
  assert.equal(en.t("running")(en.fmt.int(500), en.fmt.int(10000)), "Simulating 500 of 10,000 futures…");
  assert.equal(ja.t("running")(ja.fmt.int(500), ja.fmt.int(10000)), "1万通りの未来のうち500通りを計算中…");
  assert.equal(jaAgain.t("reroll"), "振り直す");
  assert.equal(en.t("reroll"), "Re-roll");
  assert.equal(en.lang, "en");
  assert.equal(ja.lang, "ja");
});

test("a translator cannot be changed into another language", () => {
  const en = translator("en");
  assert.throws(() => {
    en.lang = "ja";
  }, TypeError);
  assert.equal(en.t("seed"), "Random seed");
});

test("an unknown or missing language is English", () => {
  for (const lang of ["fr", "", null, undefined, "JA"]) {
    const tr = translator(lang);
    assert.equal(tr.lang, "en", String(lang));
    assert.equal(tr.t("scenario"), "Scenario");
  }
});

test("Japanese has every key English has, and its strings are Japanese", () => {
  assert.deepEqual(LANGS, ["en", "ja"]);
  assert.deepEqual(Object.keys(STRINGS.ja).sort(), Object.keys(STRINGS.en).sort());
  assert.deepEqual(Object.keys(STRINGS.ja.headline).sort(), Object.keys(STRINGS.en.headline).sort());
  const ja = translator("ja");
  for (const key of ["loading", "scenario", "sliders", "trials", "seed", "share", "sitesTitle", "more"]) {
    assert.ok(hasJapanese(ja.t(key)), `${key}: ${ja.t(key)}`);
    assert.ok(!hasJapanese(translator("en").t(key)), key);
  }
});
