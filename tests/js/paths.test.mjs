// Paths to a scenario's values (www/state/paths.js) in the engine's syntax, and the URL's dotted
// form (www/state/state.js), which is published and must not change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePath, pathOf, within } from "../../www/state/paths.js";
import { leaves, locate, numbers, readState, writeState } from "../../www/state/state.js";
import { loadLanguage, translator } from "../../www/words/i18n.js";

// Each language is loaded on demand, as a widget that speaks it does.
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);

test("keys become a path: .key for identifiers, [i] for indices, [\"key\"] for anything else", () => {
  assert.equal(pathOf(["sites", 0, "gpus"]), "sites[0].gpus");
  assert.equal(pathOf(["chips", "H20", "bf16_tflops"]), "chips.H20.bf16_tflops");
  assert.equal(pathOf(["chips", "my chip", "bf16_tflops"]), 'chips["my chip"].bf16_tflops');
  assert.equal(pathOf(["chips", "0", "bf16_tflops"]), 'chips["0"].bf16_tflops');
  assert.equal(pathOf(["chips", "B200-2", "x"]), 'chips["B200-2"].x');
  assert.equal(pathOf(["chips", 'say "hi"\\', "x"]), 'chips["say \\"hi\\"\\\\"].x');
  assert.equal(pathOf(["shocks", 2, "duration_days", "p90"]), "shocks[2].duration_days.p90");
  assert.equal(pathOf(["trials"]), "trials");
  assert.equal(pathOf(["_a1"]), "_a1");
  assert.equal(pathOf(["1a"]), '["1a"]');
  assert.equal(pathOf([3, 1]), "[3][1]");
  assert.equal(pathOf([]), "");
});

test("a path reads back into its keys", () => {
  for (const keys of [["sites", 0, "gpus"], ["chips", "my chip", "bf16_tflops"], ["chips", "0", "x"], ["a", 1, 2, "b"], ['q"uote', 5]]) {
    assert.deepEqual(parsePath(pathOf(keys)), keys);
  }
  assert.deepEqual(parsePath("shocks[0].duration_days"), ["shocks", 0, "duration_days"]);
  for (const bad of [".sites", "sites..gpus", "sites[x]", "sites[0]gpus", "a b", 'chips["x].y']) assert.equal(parsePath(bad), null, bad);
});

test("a field lies within a path", () => {
  assert.ok(within("sites[0].gpus", "sites[0].gpus"));
  assert.ok(within("sites[0].gpus", "sites[0]"));
  assert.ok(within("sites[0].outages.rate_per_year", "sites[0].outages"));
  assert.ok(within("sites[1].gpus", "sites"));
  assert.ok(!within("sites[10].gpus", "sites[1]"));
  assert.ok(!within("sites_extra", "sites"));
});

const scenario = {
  requirement_b200e: 10_000,
  chips: { H20: { bf16_tflops: 148 }, "my chip": { bf16_tflops: 500 } },
  sites: [
    { id: "osaka", gpus: 15_000, outages: { rate_per_year: 0.27 } },
    { id: "sydney", gpus: 10_000 },
  ],
};

test("the panel's paths are the engine's; the URL's stay dotted", () => {
  const found = leaves(scenario);
  assert.deepEqual(
    found.map((x) => x.path),
    ["requirement_b200e", "chips.H20.bf16_tflops", 'chips["my chip"].bf16_tflops', "sites[0].gpus", "sites[0].outages.rate_per_year", "sites[1].gpus"],
  );
  assert.deepEqual(
    found.map((x) => x.dotted),
    ["requirement_b200e", "chips.H20.bf16_tflops", "chips.my chip.bf16_tflops", "sites.0.gpus", "sites.0.outages.rate_per_year", "sites.1.gpus"],
  );
  assert.deepEqual([...numbers(scenario).keys()], found.map((x) => x.dotted));
  const [parent, key] = locate(scenario, found[3].keys);
  assert.equal(parent[key], 15_000);
  assert.deepEqual(locate(scenario, "sites.0.gpus"), [scenario.sites[0], "gpus"]);
});

const limits = { trials: { min: 1, max: 1_000_000, default: 10_000 }, seed: { min: 0, max: 2 ** 53 - 1, default: 1 }, bins: { min: 64, max: 1024, default: 1024 } };
const presets = [{ id: "p", scenario }];

test("the URL's set= keeps its published dotted form, and the engine's limits are the defaults", () => {
  const changed = structuredClone(scenario);
  changed.sites[0].gpus = 5;
  changed.chips.H20.bf16_tflops = 150;
  const q = writeState({ preset: "p", seed: limits.seed.default, trials: limits.trials.default, lang: "en", theme: "auto", scenario: changed }, presets, limits);
  assert.equal(q, "preset=p&set=chips.H20.bf16_tflops:150,sites.0.gpus:5&v=1");
  const params = new URLSearchParams(q);
  const read = readState((k) => params.get(k), presets, limits, translator("en"));
  assert.deepEqual(read.scenario, changed);
  assert.equal(read.seed, 1);
  assert.equal(read.trials, 10_000);
  assert.deepEqual(read.notes, []);
  // Other limits from the engine are the ones checked and defaulted.
  const other = { ...limits, trials: { min: 5, max: 50, default: 20 } };
  assert.equal(writeState({ preset: "p", seed: 1, trials: 20, lang: "en", theme: "auto", scenario }, presets, other), "preset=p");
  const tooMany = readState((k) => ({ trials: "51" })[k] ?? null, presets, other, translator("en"));
  assert.equal(tooMany.trials, 20);
  assert.deepEqual(tooMany.notes, ["The link's trials “51” was ignored: it must be an integer from 5 to 50."]);
  const ja = readState((k) => ({ trials: "51" })[k] ?? null, presets, other, translator("ja"));
  assert.deepEqual(ja.notes, ["リンクのtrials「51」は無視しました：5から50までの整数を指定してください。"]);
});
