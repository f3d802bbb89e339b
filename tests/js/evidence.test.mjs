// The evidence register (src/evidence/register.json): every event dated, sourced and
// described in both languages, in order; bad entries named by field; the derivation of a
// rate from it by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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
});
