// The downloads' pure parts: what was changed from a preset, and text wrapped to a width.
import { test } from "node:test";
import assert from "node:assert/strict";
import { changes, wrap } from "../../www/downloads.js";

test("changes lists each changed leaf with its dotted path, the preset's value and the new one", () => {
  const preset = { horizon_days: 365, shocks: [{ id: "halt", rate_per_year: 0.5 }], sites: [{ id: "a" }] };
  const scenario = { horizon_days: 365, shocks: [{ id: "halt", rate_per_year: 1.5 }], sites: [{ id: "a" }, { id: "b" }], start_date: "2026-01-01" };
  assert.deepEqual(changes(preset, scenario), [
    { path: "shocks.0.rate_per_year", preset_value: 0.5, value: 1.5 },
    { path: "sites.1", preset_value: null, value: { id: "b" } },
    { path: "start_date", preset_value: null, value: "2026-01-01" },
  ]);
  assert.deepEqual(changes(preset, structuredClone(preset)), []);
});

test("wrap breaks at spaces, between CJK characters (not before closing punctuation), and inside a word only when it must", () => {
  const measure = (s) => [...s].length;
  assert.deepEqual(wrap("the quick brown fox jumps", 10, measure), ["the quick", "brown fox", "jumps"]);
  assert.deepEqual(wrap("規制が変われば、計算能力", 7, measure), ["規制が変われ", "ば、計算能力"]);
  const ja = wrap("あいうえおか、きくけこ", 6, measure);
  assert.ok(ja.every((l) => !/^[、。]/.test(l)), ja.join("|"));
  assert.deepEqual(wrap("abcdefghijkl", 5, measure), ["abcde", "fghij", "kl"]);
});
