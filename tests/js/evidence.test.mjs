// The evidence register (src/evidence/register.json): every event dated, sourced and
// described in both languages, in order; bad entries named by field; the derivation of a
// rate from it by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { REGISTER, check, day, derive, firstDate } from "../../scripts/evidence.mjs";

const doc = JSON.parse(readFileSync(REGISTER, "utf8"));

test("the register is sound: every event dated, sourced, in both languages, in order", () => {
  assert.deepEqual(check(doc), []);
  assert.ok(doc.events.length >= 20);
  // The events the model's story rests on are there.
  const ids = doc.events.map((e) => e.id);
  for (const id of ["us-2022-10-chip-rule", "us-2023-10-chip-rule-update", "us-2024-12-hbm-sme-rule", "us-2025-01-ai-diffusion-rule", "us-2025-04-h20-licence", "us-2026-01-h200-case-by-case", "us-2026-01-hr2683-house-passed", "us-2025-12-s3519-introduced", "my-2025-07-ai-chip-permit", "sg-2025-02-server-fraud-charges", "cn-2025-07-cac-h20-summons", "cn-2025-09-cac-rtx6000d-halt", "cn-2025-11-state-dc-domestic-chips", "cn-2026-01-h200-customs-block"])
    assert.ok(ids.includes(id), id);
  const house = doc.events.find((e) => e.id === "us-2026-01-hr2683-house-passed");
  assert.equal(house.dates.passed, "2026-01-12");
  assert.match(house.title.en, /369–22/);
  // as_of is the latest date the register holds.
  assert.equal(doc.as_of, doc.events.flatMap((e) => Object.values(e.dates)).sort().at(-1));
});

test("each bad entry is named by its field", () => {
  const broken = (edit) => {
    const copy = structuredClone(doc);
    edit(copy);
    return check(copy).map((p) => `${p.field}: ${p.message}`);
  };
  assert.deepEqual(broken((d) => (d.events[2].sources = [])), ["events[2].sources: must list at least one source"]);
  assert.deepEqual(broken((d) => delete d.events[0].sources[0].url), ["events[0].sources[0].url: must be the source's address (http or https)"]);
  assert.deepEqual(broken((d) => (d.events[1].dates.effective = "2023-02-30")), ['events[1].dates.effective: must be a date as YYYY-MM-DD that exists, got "2023-02-30"']);
  assert.deepEqual(broken((d) => (d.events[3].kind = "rumour")), ["events[3].kind: must be one of rule, bill, licence, enforcement, crackdown, reversal"]);
  assert.deepEqual(broken((d) => delete d.events[4].summary.ja), ["events[4].summary.ja: is required (non-empty text)"]);
  assert.deepEqual(broken((d) => (d.events[5].covers = ["cloud"])), ["events[5].covers[0]: must be one of chip_sales, remote_access, imports, chips_in_use"]);
  assert.deepEqual(broken((d) => (d.events[7].eases = "yes")), ["events[7].eases: must be true (an action that lifts a restriction) or left out"]);
  assert.deepEqual(broken((d) => (d.events[6].id = d.events[5].id)), [`events[6].id: duplicate id "${doc.events[5].id}"`]);
  const swapped = broken((d) => ([d.events[0], d.events[1]] = [d.events[1], d.events[0]]));
  assert.equal(swapped.length, 1);
  assert.match(swapped[0], /^events\[1\]\.dates: events must be in order of their first date/);
  assert.equal(day("2026-02-29"), null);
  assert.equal(firstDate({ dates: { effective: "2025-04-09", announced: "2025-04-15" } }), "2025-04-09");
});

test("a rate from the register: the events a filter matches over the exposure, Jeffreys' posterior", () => {
  // No US rule in force restricts remote access (the House has passed a bill; bills and
  // guidance are not rules): 0 events from the first chip rule (7 October 2022) to as_of.
  const d = derive(doc, { jurisdiction: "US", kinds: ["rule"], covers: ["remote_access"], from: "2022-10-07" });
  assert.equal(d.count, 0);
  const years = (Date.parse(`${doc.as_of}T00:00:00Z`) - Date.parse("2022-10-07T00:00:00Z")) / 86_400_000 / 365.25;
  assert.equal(d.years, years);
  assert.deepEqual([d.shape, d.rate, d.mean], [0.5, years, 0.5 / years]);
  // US chip-sale rules in force over the same span, counted by their effective dates.
  const rules = derive(doc, { jurisdiction: "US", kinds: ["rule"], covers: ["chip_sales"], from: "2022-10-07" });
  assert.deepEqual(rules.events, ["us-2022-10-chip-rule", "us-2023-10-chip-rule-update", "us-2024-12-hbm-sme-rule", "us-2025-01-ai-diffusion-rule"]);
  assert.equal(rules.mean, 4.5 / years);
  // A rate is that of a restriction: an action that eases one (the H200 case-by-case review
  // of January 2026) is not counted, though its kind and cover match.
  const licences = derive(doc, { jurisdiction: "US", kinds: ["licence"], covers: ["chip_sales"], from: "2022-10-07" });
  assert.deepEqual(licences.events, ["us-2025-04-h20-licence"]);
  assert.ok(doc.events.find((e) => e.id === "us-2026-01-h200-case-by-case").eases);
  assert.ok(doc.events.filter((e) => e.kind === "reversal").every((e) => e.eases), "a reversal eases");
});

// Every preset figure that says it derives from the register is that derivation: the events
// its filter matches now (so a new event in the register fails here until the preset follows)
// and the record's gamma, years to three decimals.
const presetDir = new URL("../../src/presets/", import.meta.url);
const presets = readdirSync(presetDir).map((f) => JSON.parse(readFileSync(new URL(f, presetDir), "utf8")));

function valueAt(scenario, field) {
  return field.split(/\.|\[(\d+)\]/).filter(Boolean).reduce((v, k) => v?.[k], scenario);
}

test("every preset rate derived from the register equals its derivation", () => {
  let derived = 0;
  for (const p of presets) {
    for (const s of p.sources.filter((x) => x.derivation)) {
      const { events, ...filter } = s.derivation;
      const got = derive(doc, filter);
      assert.deepEqual(got.events, events, `${p.id} ${s.field}: the events the filter matches`);
      assert.equal(s.label, "derived", `${p.id} ${s.field}`);
      assert.equal(filter.to, doc.as_of, `${p.id} ${s.field}: the span runs to the register's as_of`);
      assert.equal(p.as_of, doc.as_of, `${p.id}: a preset that takes a rate from the register is as of its date`);
      assert.deepEqual(valueAt(p.scenario, s.field), { distribution: "gamma", events: got.count, years: Math.round(got.years * 1000) / 1000, prior: "jeffreys" }, `${p.id} ${s.field}`);
      derived++;
    }
    // A policy preset's US cloud rule is one of them.
    if (p.scenario.shocks?.some((x) => x.id === "us_cloud_rule")) assert.ok(p.sources.some((x) => x.field === "shocks[0].rate_per_year" && x.derivation), p.id);
  }
  // The US cloud rule and the host countries' actions in three presets; two-track's Beijing
  // curbs and licence revocation.
  assert.equal(derived, 12);
});

test("a derivation stated in words matches the register's arithmetic", async () => {
  const { derivationWords } = await import("../../www/views/sources.js");
  const { formatter } = await import("../../www/words/format.js");
  const d = presets.find((p) => p.id === "tencent-datasection").sources.find((s) => s.field === "shocks[0].rate_per_year").derivation;
  const words = derivationWords(d, { fmt: formatter("en"), lang: "en" });
  assert.equal(words, "Derived from the evidence register: no such event from 7 October 2022 to 26 June 2026 (3.718 years); with Jeffreys\u2019 prior, a rate drawn from Gamma(0 + 1/2, 3.718 years), 0.134 a year on average.");
});

test("the page's copy of the register gives the year before day 0, newest first", async () => {
  const { slimRegister } = await import("../../scripts/site.mjs");
  const { recentRecord } = await import("../../www/views/record.js");
  const slim = await slimRegister();
  assert.equal(slim.events.length, doc.events.length);
  assert.deepEqual(Object.keys(slim.events[0]).sort(), ["date", "jurisdiction", "kind", "title", "url"]);
  // The default preset's day 0, 26 June 2026: the Cloud Security Act that day, the House's
  // passage of the Remote Access Security Act in January, nothing from before 26 June 2025.
  const start = new Date("2026-06-26T00:00:00Z");
  const { events, checked } = recentRecord(slim, start);
  assert.equal(checked, doc.as_of);
  assert.equal(events.length, 8);
  assert.equal(events[0].date, "2026-06-26");
  assert.ok(events.every((e, i) => i === 0 || e.date <= events[i - 1].date));
  const all = recentRecord(slim, start, { max: 100 }).events;
  assert.ok(all.some((e) => e.title.en.includes("Remote Access Security Act") && e.date === "2026-01-12"), all.map((e) => e.title.en).join("; "));
  assert.ok(all.every((e) => e.date > "2025-06-26" && e.date <= "2026-06-26"));
  // Day 0 before the register's first event: nothing; a later one sees only what came before.
  assert.deepEqual(recentRecord(slim, new Date("2022-01-01T00:00:00Z")).events, []);
  assert.ok(recentRecord(slim, new Date("2026-01-13T00:00:00Z")).events.every((e) => e.date <= "2026-01-13"));
});
