// The widget's controller (www/state/controller.js) without a browser: the state a link or a host
// asks for, what each reader's action changes, the queries written, whether a scenario is
// changed, and what a link that cannot run becomes, with the real engine (harness.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { CONTROLS } from "../../www/state/controls.js";
import { nextSeed, readState } from "../../www/state/state.js";
import { sentences } from "../../www/words/story.js";
import { presetText } from "../../www/words/i18n.js";
import { LIMITS, PRESETS, en, widget } from "./harness.mjs";

const control = (id) => CONTROLS.find((x) => x.id === id);
const hasChange = (q) => /(?:^|&)v=/.test(q);

test("a link's state is read, run once, and written back as the same query", async () => {
  const w = await widget({ preset: "two-track", seed: "7", trials: "1000" });
  assert.equal(w.c.state.preset.id, "two-track");
  assert.equal(w.c.query(), "preset=two-track&seed=7&trials=1000");
  assert.deepEqual(w.of("ready")[0], { query: "preset=two-track&seed=7&trials=1000", presets: PRESETS.map((p) => p.id), controls: CONTROLS.map((x) => x.id) });
  assert.equal(w.ran.length, 1);
  assert.deepEqual([w.ran[0].trials, w.ran[0].seed], [1000, 7]);
  assert.deepEqual(w.ran[0].scenario, PRESETS.find((p) => p.id === "two-track").scenario);
  // The first read is not a change: no `change` event.
  assert.deepEqual(w.of("change"), []);
  assert.equal(w.of("layout").length, 1);
});

test("a result is told with the lead story.js writes for it", async () => {
  const w = await widget({ trials: "1000" });
  const [told] = w.of("result");
  const said = sentences(told.summary, w.c.state.preset.scenario, en, { start: w.c.startOf(told.summary), nameOf: w.c.nameOf });
  assert.ok(said.lead.length > 0);
  assert.equal(told.headline, said.lead);
  assert.deepEqual(told.details, said.details);
  assert.equal(told.query, "preset=tencent-datasection&trials=1000");
  assert.equal(w.c.state.summary, told.summary);
  assert.equal(w.c.state.previewing, false);
});

test("choosing a preset is the reader's change, told with its query, and runs it", async () => {
  const w = await widget({ trials: "1000" });
  w.clear();
  const shown = w.next("result");
  w.c.choosePreset("ceo-worst-case");
  const [change] = w.of("change");
  assert.equal(change.by, "reader");
  assert.equal(change.preset, "ceo-worst-case");
  assert.equal(change.changed, false);
  assert.equal(change.query, "preset=ceo-worst-case&trials=1000");
  assert.deepEqual(w.of("state"), ["preset=ceo-worst-case&trials=1000"]);
  await shown;
  assert.equal(w.ran.length, 2);
  assert.deepEqual(w.ran[1].scenario, PRESETS.find((p) => p.id === "ceo-worst-case").scenario);
  // An unknown id is the first preset.
  w.c.choosePreset("no-such-preset");
  assert.equal(w.c.state.preset.id, PRESETS[0].id);
});

test("changed means the scenario differs from its preset's: a slider moved and moved back; the name never 'as reported' once changed", async () => {
  const w = await widget({ trials: "1000" });
  const rate = control("outages");
  const before = rate.read(w.c.state.scenario);
  assert.equal(w.c.isChanged(), false);
  assert.equal(w.c.scenarioName(), "Tencent via Datasection (as reported)");
  w.c.slide(rate, before + 0.5, true);
  assert.equal(w.c.isChanged(), true);
  assert.ok(hasChange(w.c.query()), w.c.query());
  assert.equal(w.c.scenarioName(), "Tencent via Datasection (changed)");
  assert.equal(w.of("change").at(-1).changed, true);
  w.c.slide(rate, before, true);
  assert.equal(w.c.isChanged(), false);
  assert.equal(w.c.query(), "preset=tencent-datasection&trials=1000");
  assert.equal(w.c.scenarioName(), "Tencent via Datasection (as reported)");
  // The policy slider at the preset's own value is still a change: the preset's rates are
  // uncertain (each a distribution), the slider's one number each.
  const policy = control("shock-rate");
  w.c.slide(policy, policy.read(w.c.state.preset.scenario), true);
  assert.equal(w.c.isChanged(), true);
  assert.equal(typeof w.c.state.scenario.shocks[0].rate_per_year, "number");
  assert.equal(typeof w.c.state.preset.scenario.shocks[0].rate_per_year, "object");
});

test("the changed test agrees with the query's: every preset, every control at both ends", async () => {
  const w = await widget({ trials: "1000" });
  let checked = 0;
  for (const p of PRESETS) {
    w.c.choosePreset(p.id);
    for (const x of CONTROLS) {
      if (!x.enabled(p.scenario)) continue;
      const top = typeof x.max === "function" ? x.max(p.scenario, null) : x.max;
      for (const value of [x.min, top, x.read(p.scenario, null)]) {
        w.c.slide(x, value, true);
        assert.equal(w.c.isChanged(), hasChange(w.c.query()), `${p.id} ${x.id} at ${value}: ${w.c.query()}`);
        checked += 1;
        w.c.choosePreset(p.id);
      }
    }
  }
  assert.ok(checked > 40, `${checked} checked`);
  // Both answers are seen: a check that only ever says "unchanged" proves nothing.
  const changed = w.of("change").filter((x) => x.changed).length;
  assert.ok(changed > 20 && changed < w.of("change").length, `${changed} changed of ${w.of("change").length}`);
});

test("a moving slider previews with the preset's first futures, then runs in full when it rests", async () => {
  const w = await widget({ trials: "2000" });
  const shown = [];
  w.c.on("shown", ({ preview }) => shown.push(preview));
  const full = w.next("result");
  w.c.slide(control("outages"), 3, false);
  await full;
  assert.deepEqual(shown, [true, false]);
  assert.deepEqual(w.ran.slice(1).map((r) => r.trials), [1000, 2000]);
  assert.equal(w.c.state.previewing, false);
});

test("reset brings back the preset's scenario, seed and futures; a re-roll takes the next seed in its sequence", async () => {
  const w = await widget({ preset: "southeast-asia", seed: "42", trials: "1000" });
  w.c.reroll();
  assert.equal(w.c.state.seed, nextSeed(42, LIMITS.seed));
  w.c.slide(control("outages"), 5, true);
  w.c.setStart(new Date(Date.UTC(2027, 0, 1)));
  assert.equal(w.c.state.scenario.start_date, "2027-01-01");
  w.c.reset();
  assert.equal(w.c.state.seed, LIMITS.seed.default);
  assert.equal(w.c.state.trials, LIMITS.trials.default);
  assert.deepEqual(w.c.state.scenario, PRESETS.find((p) => p.id === "southeast-asia").scenario);
  assert.equal(w.c.query(), "preset=southeast-asia");
});

test("a field set by its path, or a whole scenario, is the reader's change", async () => {
  const w = await widget({ trials: "1000" });
  w.c.setField(["requirement_b200e"], 12345);
  assert.equal(w.c.state.scenario.requirement_b200e, 12345);
  assert.match(w.c.query(), /set=requirement_b200e:12345&v=1/);
  const other = structuredClone(w.c.state.scenario);
  other.sites = other.sites.slice(0, 1);
  w.c.setScenario(other);
  assert.match(w.c.query(), /scenario=[\w-]+&v=1/);
  // The query reads back as the same state.
  const q = new URLSearchParams(w.c.query());
  const read = readState((k) => q.get(k), PRESETS, LIMITS, en);
  assert.deepEqual(read.scenario, other);
  assert.deepEqual(read.notes, []);
});

test("a host's changes apply in place: a seed re-runs the same scenario, a preset is the host's change, texts alone run nothing", async () => {
  const w = await widget({ trials: "1000", layout: "story" });
  const rate = control("shock-rate");
  w.c.slide(rate, 1, true);
  w.clear();
  await w.host({ seed: "9" });
  assert.equal(w.c.state.seed, 9);
  // The reader's change stays: a new seed is not a new scenario.
  assert.equal(w.c.isChanged(), true);
  assert.deepEqual(w.of("change").map((x) => x.by), ["host"]);
  assert.deepEqual(w.of("preset"), []);
  w.clear();
  const result = w.next("result");
  await w.host({ preset: "two-track" });
  assert.equal(w.c.state.preset.id, "two-track");
  assert.equal(w.c.isChanged(), false);
  assert.deepEqual(w.of("change").map((x) => [x.by, x.preset]), [["host", "two-track"]]);
  await result;
  const runs = w.ran.length;
  w.clear();
  await w.host({ title: "A title", headline: "Our headline" });
  assert.equal(w.c.view.texts.title, "A title");
  assert.deepEqual(w.of("change"), []);
  assert.deepEqual(w.of("layout"), []);
  assert.equal(w.of("state").length, 1);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(w.ran.length, runs, "a text changes no run");
  // Another language or layout builds the parts again; a theme only re-themes them.
  w.clear();
  await w.host({ theme: "dark" });
  assert.deepEqual(w.of("theme"), ["dark"]);
  assert.deepEqual(w.of("layout"), []);
  await w.host({ lang: "ja" });
  assert.equal(w.of("layout").length, 1);
  assert.equal(w.c.tr.lang, "ja");
  assert.equal(w.c.scenarioName(), presetText("ja", "two-track").name);
  assert.notEqual(w.c.scenarioName(), PRESETS.find((p) => p.id === "two-track").name);
});

test("a link whose changes make no valid scenario: noted, and the preset shown instead", async () => {
  const w = await widget({ trials: "1000", set: "requirement_b200e:-5", v: "1" });
  assert.equal(w.c.state.preset.id, "tencent-datasection");
  assert.equal(w.c.isChanged(), false);
  const notes = w.of("notes").flat();
  assert.ok(notes.some((n) => /requirement_b200e/.test(n) && /ignored/.test(n)), notes.join("\n"));
  // The refused run was tried once; the preset's ran after it.
  assert.equal(w.ran.length, 2);
  assert.equal(w.ran[0].scenario.requirement_b200e, -5);
  assert.deepEqual(w.of("error").filter(Boolean), []);
});

test("a link too large at its futures runs with the fewest, once, and says so; a reader's own choice past the ceiling is refused", async () => {
  const outages = { rate_per_year: 365, duration_days: { median: 0.001, p90: 36500 }, fraction: 0.5 };
  const scenario = { horizon_days: 3650, sites: Array.from({ length: 16 }, (_, i) => ({ id: `s${i}`, jurisdiction: "JP", route: "r", chip: "B200", gpus: 1, outages })) };
  const w = await widget({ scenario: Buffer.from(JSON.stringify(scenario)).toString("base64url"), v: "1" });
  assert.deepEqual(w.ran.map((r) => r.trials), [10_000, 1000]);
  assert.equal(w.c.state.trials, 1000);
  assert.equal(w.c.state.scenario.sites.length, 16);
  assert.ok(w.of("notes").flat().some((n) => /too large to run at the number of futures asked for; it is shown with 1,000\./.test(n)));
  const refused = w.next("error");
  w.c.setTrials(10_000);
  const error = await refused;
  assert.equal(error.field, "trials");
  assert.match(error.message, /allows at most \d+ trials/);
  assert.equal(w.c.state.trials, 10_000);
});

test("what a link asks for and cannot have is noted: an unknown parameter, a theme, a preset", async () => {
  const w = await widget({ trials: "1000", theme: "purple", preset: "nowhere", colour: "red" });
  const notes = w.of("notes").flat().join("\n");
  assert.match(notes, /colour/);
  assert.match(notes, /theme/);
  assert.match(notes, /nowhere/);
  assert.equal(w.c.state.theme, "auto");
  assert.equal(w.c.state.preset.id, PRESETS[0].id);
});

test("the embed's query: the state's and the embed's own parameters; a theme only when one was asked for", async () => {
  const w = await widget({ trials: "1000", layout: "story", controls: "outages,duration", title: "T" }, { layout: "story" });
  assert.deepEqual(w.c.controls(), ["outages", "duration"]);
  assert.equal(w.c.embedQuery(), "preset=tencent-datasection&trials=1000&layout=story&controls=outages%2Cduration&title=T");
  await w.host({ theme: "dark" });
  assert.equal(w.c.embedQuery(), "preset=tencent-datasection&trials=1000&theme=dark&layout=story&controls=outages%2Cduration&title=T");
  const full = await widget({ trials: "1000" });
  assert.deepEqual(full.c.controls(), CONTROLS.map((x) => x.id));
});

test("futures chosen in the run settings run without redrawing the other inputs; offered elsewhere, they redraw them", async () => {
  const w = await widget({ trials: "1000" });
  const drawn = [];
  w.c.on("inputs", (d) => drawn.push(d));
  w.c.setTrials(10_000, true);
  assert.equal(w.c.state.trials, 10_000);
  assert.deepEqual(drawn, []);
  assert.equal(w.of("change").at(-1).trials, 10_000);
  w.c.setTrials(1000);
  assert.deepEqual(drawn, [{}]);
  assert.equal(w.of("change").at(-1).trials, 1000);
});
