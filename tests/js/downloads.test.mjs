// The downloads' pure parts: what was changed from a preset, and text wrapped to a width.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { bandsCsv, changes, csvMetadata, reportsOf, wrap } from "../../www/views/downloads.js";
// The CSV's columns are the engine's (limits().csv_columns), learnt as the page learns them.
import "./engine.mjs";

const golden = (name) => readFileSync(new URL(`../golden/${name}`, import.meta.url), "utf8");

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

test("the page's CSV is the command's, byte for byte (the golden files both are held to)", () => {
  // The same run as the command's CSV (make golden): two-track, 300 trials, seed 12345, day 0
  // on 30 December 2026, so the date column crosses a year's end.
  const summary = JSON.parse(golden("two-track-300-seed12345.json"));
  assert.equal(bandsCsv(summary, new Date(Date.UTC(2026, 11, 30))), golden("two-track-300-seed12345.csv"));
  // Without a date, no date column: the command's own undated rows.
  const undated = golden("two-track-300-seed12345.csv").replace(/^day,date,/, "day,").replace(/^(\d+),\d{4}-\d{2}-\d{2},/gm, "$1,");
  assert.equal(bandsCsv(summary, null), undated);
  // src/output/csv.rs's own cases: whole numbers without ".0", JavaScript's exponent, a missing value.
  const bands = { p5: [0, 1.5], p25: [1, 2], p50: [14550, 3], p75: [4, 4], p95: [5, 1e21], mean: [0.1, 2.25], below_requirement: [0, 0.5] };
  assert.equal(bandsCsv({ bands }, null), "day,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement\n0,0,1,14550,4,5,0.1,0\n1,1.5,2,3,4,1e+21,2.25,0.5\n");
  bands.mean[1] = NaN;
  assert.match(bandsCsv({ bands }, null), /\n1,1\.5,2,3,4,1e\+21,,0\.5\n$/);
  // A band missing would shift every column after it: refused, not written.
  delete bands.mean;
  assert.throws(() => bandsCsv({ bands }, null), /7 columns/);
});

test("a graphic's source names the reports the preset's reported figures come from", () => {
  // The presets as the engine carries them; the page fetches each figure's citation apart
  // (preset-sources.json, which scripts/site.mjs writes from the same files).
  const preset = (id) => JSON.parse(readFileSync(new URL(`../../src/presets/${id}.json`, import.meta.url), "utf8"));
  const of = (id) => {
    const { sources } = preset(id);
    const cited = Object.fromEntries(sources.filter((s) => s.source).map((s) => [s.field, { source: s.source }]));
    return reportsOf(sources.map(({ field, label }) => ({ field, label })), cited);
  };
  assert.deepEqual(of("tencent-datasection"), { reports: ["Financial Times, 21 December 2025"], register: true });
  assert.deepEqual(of("ceo-worst-case"), { reports: ["Financial Times, 21 December 2025"], register: false });
  // No reported figure: the sources of the derived ones, without the register's own words.
  const sea = of("southeast-asia");
  assert.equal(sea.reports.length, 2);
  assert.ok(sea.reports.every((r) => !/evidence register/i.test(r)), sea.reports.join(" | "));
  assert.match(sea.reports[0], /^Malaysian Ministry/);
  // Nothing cited (the notes could not be fetched): nothing named.
  assert.deepEqual(reportsOf(preset("two-track").sources, {}), { reports: [], register: false });
});

test("the CSV's metadata: its file, source, simulation, scenario and every column with its unit", () => {
  const summary = JSON.parse(golden("two-track-300-seed12345.json"));
  const start = new Date(Date.UTC(2026, 11, 30));
  const header = golden("two-track-300-seed12345.csv").split("\n")[0].split(",");
  for (const lang of ["en", "ja"]) {
    const meta = csvMetadata({ csvName: "x.csv", summary, start, lang, title: "T", source: "S", release: "0.2.0", preset: "two-track", asOf: "2026-06-26", changed: [], scenario: summary.scenario });
    assert.deepEqual(Object.keys(meta.columns), header, "one entry a column, in order");
    for (const [name, { unit, description }] of Object.entries(meta.columns)) assert.ok(unit && description, name);
    assert.match(meta.columns.p50_b200e.unit, lang === "en" ? /^B200-equivalents$/ : /B200換算/);
    assert.deepEqual(meta.simulation, { software: "compute-shock", release: "0.2.0", model_version: summary.model_version, seed: 12345, futures: 300 });
    assert.deepEqual(meta.scenario.start_date, "2026-12-30");
    assert.equal(meta.scenario.evidence_as_of, "2026-06-26");
    assert.equal(meta.file, "x.csv");
    assert.match(meta.description, /300/);
  }
  const undated = csvMetadata({ csvName: "x.csv", summary, start: null, lang: "en", title: "T", preset: "two-track", changed: [], scenario: {} });
  assert.ok(!("date" in undated.columns));
  assert.equal(undated.source, null);
});
