// The widget's state in the URL (www/state/state.js): what a link writes, what it reads back, and
// what it drops (with a note) when a parameter is bad.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readState, writeState } from "../../www/state/state.js";
import { loadLanguage, translator } from "../../www/words/i18n.js";

// Each language is loaded on demand, as a widget that speaks it does.
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);

const tr = translator("en");
const LIMITS = {
  trials: { min: 1, max: 1_000_000, default: 10_000 },
  seed: { min: 0, max: 2 ** 53 - 1, default: 1 },
  bins: { min: 64, max: 1024, default: 1024 },
};
const PRESETS = [
  {
    id: "alpha",
    scenario: {
      name: "Alpha",
      requirement_b200e: 10_000,
      sites: [
        { id: "osaka", jurisdiction: "JP", gpus: 15_000, availability: 0.97 },
        { id: "sydney", jurisdiction: "AU", gpus: 10_000, availability: 0.97 },
      ],
      shocks: [{ id: "us", rate_per_year: 0.6, comply_probability: 0.9 }],
    },
  },
  { id: "beta", scenario: { name: "Beta", requirement_b200e: 5000, sites: [{ id: "johor", jurisdiction: "MY", gpus: 2000 }], shocks: [] } },
];

const query = (text) => {
  const q = new URLSearchParams(text);
  return (name) => q.get(name);
};
const read = (text, limits = LIMITS) => readState(query(text), PRESETS, limits, tr);
const write = (state, limits = LIMITS) => writeState(state, PRESETS, limits);
const alpha = () => structuredClone(PRESETS[0].scenario);
const DEFAULTS = { preset: "alpha", seed: 1, trials: 10_000, lang: "en", theme: "auto" };

test("an empty query is the first preset with the engine's defaults, and writes back as just the preset", () => {
  const state = read("");
  assert.deepEqual(state, { ...DEFAULTS, scenario: alpha(), notes: [] });
  assert.equal(write({ ...DEFAULTS, scenario: alpha() }), "preset=alpha");
  // The defaults are the engine's: other limits, other defaults.
  const limits = { ...LIMITS, trials: { min: 1, max: 5000, default: 2000 }, seed: { min: 0, max: 100, default: 7 } };
  assert.deepEqual([read("", limits).trials, read("", limits).seed], [2000, 7]);
  assert.equal(write({ ...DEFAULTS, scenario: alpha() }, limits), "preset=alpha&seed=1&trials=10000");
});

test("changed numbers travel as set=path:number and come back", () => {
  const scenario = alpha();
  scenario.shocks[0].comply_probability = 0.5;
  scenario.requirement_b200e = 15_000;
  scenario.sites[1].availability = 0.125;
  const state = { preset: "alpha", seed: 42, trials: 2000, lang: "ja", theme: "dark", scenario };
  const q = write(state);
  assert.equal(q, "preset=alpha&seed=42&trials=2000&lang=ja&theme=dark&set=requirement_b200e:15000,sites.1.availability:0.125,shocks.0.comply_probability:0.5&v=1");
  assert.deepEqual(read(q), { ...state, notes: [] });
  // The URL a browser shows (the query escaped) reads the same.
  assert.deepEqual(read(new URLSearchParams(q).toString()), { ...state, notes: [] });
});

test("a change under a key with set='s separators travels as a whole scenario, and comes back", () => {
  const presets = [{ id: "chips", scenario: { ...alpha(), chips: { "B200 v1.5": { bf16_tflops: 2000 }, H20: { bf16_tflops: 148 } } } }];
  const scenario = structuredClone(presets[0].scenario);
  scenario.chips["B200 v1.5"].bf16_tflops = 2100;
  const q = writeState({ ...DEFAULTS, preset: "chips", scenario }, presets, LIMITS);
  assert.match(q, /scenario=/);
  assert.doesNotMatch(q, /(^|&)set=/);
  assert.deepEqual(readState(query(q), presets, LIMITS, tr).scenario, scenario);
  // A key without them still goes by set.
  const plain = structuredClone(presets[0].scenario);
  plain.chips.H20.bf16_tflops = 150;
  assert.match(writeState({ ...DEFAULTS, preset: "chips", scenario: plain }, presets, LIMITS), /set=chips\.H20\.bf16_tflops:150&/);
});

test("a change of shape (a site removed, a name edited) travels as a whole scenario in base64url", () => {
  const scenario = alpha();
  scenario.sites.pop();
  scenario.name = "大阪だけ <&>";
  const state = { ...DEFAULTS, preset: "alpha", seed: 0, scenario };
  const q = write(state);
  const params = new URLSearchParams(q);
  assert.equal(params.get("set"), null);
  assert.equal(params.get("v"), "1");
  assert.equal(params.get("seed"), "0");
  const encoded = params.get("scenario");
  assert.match(encoded, /^[A-Za-z0-9_-]+$/, "base64url: no +, / or =");
  assert.deepEqual(JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")), scenario);
  assert.deepEqual(read(q), { ...state, notes: [] });
  // `set` applies on top of a whole scenario.
  const both = read(`${q}&set=sites.0.gpus:100`);
  assert.equal(both.scenario.sites[0].gpus, 100);
  assert.equal(both.scenario.sites.length, 1);
});

test("bad parameters are dropped, each with a note naming it, and the rest still applies", () => {
  const state = read(
    "preset=beta&seed=-1&trials=0&lang=fr&theme=pink&v=2&set=requirement_b200e:6000,sites.0.gpus:lots,sites.9.gpus:5,name:1,requirement_b200e:&scenario=not-json",
  );
  assert.equal(state.preset, "beta");
  assert.deepEqual([state.seed, state.trials, state.lang, state.theme], [1, 10_000, "en", "auto"]);
  assert.deepEqual(state.scenario, { ...PRESETS[1].scenario, requirement_b200e: 6000 });
  assert.deepEqual(state.notes, [
    "The link's lang “fr” was ignored: it must be en or ja.",
    "The link's theme “pink” was ignored: it must be light, dark or auto.",
    `The link's seed “-1” was ignored: it must be an integer from 0 to ${2 ** 53 - 1}.`,
    "The link's trials “0” was ignored: it must be an integer from 1 to 1000000.",
    "The link's v “2” was ignored: it must be 1.",
    "The link's scenario “not-json” was ignored: it must be a scenario in JSON, base64url-encoded.",
    "The link's set “sites.0.gpus:lots” was ignored: it must be a number.",
    "The link's set “sites.9.gpus:5” was ignored: it must be a number field of the scenario, as path:number.",
    "The link's set “name:1” was ignored: it must be a number field of the scenario, as path:number.",
    "The link's set “requirement_b200e:” was ignored: it must be a number.",
  ]);
  // A scenario must be a JSON object, not any JSON.
  const list = read(`scenario=${Buffer.from("[1,2]").toString("base64url")}`);
  assert.deepEqual(list.scenario, alpha());
  assert.deepEqual(list.notes, ["The link's scenario “WzEsMl0” was ignored: it must be a scenario in JSON, base64url-encoded."]);
  // The engine's limits decide: 2,000 trials are too many where the engine allows 1,000.
  const few = read("trials=2000&seed=12", { ...LIMITS, trials: { min: 1, max: 1000, default: 500 } });
  assert.deepEqual([few.trials, few.seed], [500, 12]);
  assert.deepEqual(few.notes, ["The link's trials “2000” was ignored: it must be an integer from 1 to 1000."]);
  // A note quotes at most 80 characters of what it dropped.
  const long = read(`theme=${"x".repeat(200)}`);
  assert.ok(long.notes[0].includes(`“${"x".repeat(80)}”`), long.notes[0]);
});

test("an unknown preset falls back to the first, and the note lists the presets; markup stays text", () => {
  const state = read(`preset=${encodeURIComponent("<img src=x onerror=alert(1)>")}&set=requirement_b200e:12000`);
  assert.equal(state.preset, "alpha");
  assert.equal(state.scenario.requirement_b200e, 12_000);
  assert.deepEqual(state.notes, ["The link's preset “<img src=x onerror=alert(1)>” was ignored: there is no such scenario (choose alpha, beta)."]);
  assert.equal(write({ ...DEFAULTS, preset: "beta", scenario: structuredClone(PRESETS[1].scenario) }), "preset=beta");
});

test("the notes are in the reader's language", () => {
  const state = readState(query("theme=pink"), PRESETS, LIMITS, translator("ja"));
  assert.equal(state.notes.length, 1);
  assert.match(state.notes[0], /^リンクのtheme「pink」は無視しました：/);
});

test("a figure the preset draws can be set to a number, and the link says so in `set`", () => {
  const gamma = { distribution: "gamma", events: 0, years: 3.718, prior: "jeffreys" };
  const drawn = [{ id: "gamma", scenario: { ...structuredClone(PRESETS[0].scenario), shocks: [{ id: "us", rate_per_year: gamma, comply_probability: 0.9 }] } }];
  const r = readState(query("preset=gamma&set=shocks.0.rate_per_year:1.5&v=1"), drawn, LIMITS, tr);
  assert.deepEqual(r.notes, []);
  assert.equal(r.scenario.shocks[0].rate_per_year, 1.5);
  // What a slider writes: a number where the preset draws; the link stays short.
  assert.equal(writeState({ ...DEFAULTS, preset: "gamma", scenario: r.scenario }, drawn, LIMITS), "preset=gamma&set=shocks.0.rate_per_year:1.5&v=1");
  // Unchanged: nothing to say. Another distribution: only the whole scenario can say it.
  assert.equal(writeState({ ...DEFAULTS, preset: "gamma", scenario: structuredClone(drawn[0].scenario) }, drawn, LIMITS), "preset=gamma");
  const other = structuredClone(drawn[0].scenario);
  other.shocks[0].rate_per_year = { ...gamma, events: 1 };
  assert.match(writeState({ ...DEFAULTS, preset: "gamma", scenario: other }, drawn, LIMITS), /^preset=gamma&scenario=/);
  // A number the preset has cannot become a distribution by `set` (a number only).
  assert.equal(read("set=requirement_b200e:abc").notes.length, 1);
});

test("the preset's scenario with its keys in another order is the preset's: nothing written, the same scenario", async () => {
  const { sameScenario } = await import("../../www/state/state.js");
  const base = PRESETS[0].scenario;
  // Every object's keys reversed, as a control that rebuilds an object may leave them.
  const reorder = (x) => (Array.isArray(x) ? x.map(reorder) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reorder(v)])) : x);
  const turned = reorder(base);
  assert.notEqual(JSON.stringify(turned), JSON.stringify(base));
  assert.equal(sameScenario(turned, base), true);
  assert.equal(writeState({ preset: "alpha", seed: 1, trials: 10_000, lang: "en", theme: "auto", scenario: turned }, PRESETS, LIMITS), "preset=alpha");
  // A key holding undefined is no key, as in JSON; anything else differs.
  assert.equal(sameScenario({ ...base, extra: undefined }, base), true);
  assert.equal(sameScenario({ ...base, requirement_b200e: 10_001 }, base), false);
  assert.equal(sameScenario({ ...base, sites: base.sites.slice(1) }, base), false);
  assert.equal(sameScenario({ ...base, extra: null }, base), false);
  assert.equal(sameScenario([1, 2], { 0: 1, 1: 2 }), false);
});
