// Every preset reads fully in Japanese: each sourced figure has its note, and each site,
// shock and operator its name, taken from the preset files themselves (src/presets/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { PRESETS_JA } from "../../www/words/presets-ja.js";
import { NOTES_JA } from "../../www/words/preset-notes-ja.js";

const dir = new URL("../../src/presets/", import.meta.url);
const presets = readdirSync(dir).map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

test("every preset has a Japanese name, summary, note for each source and name for each id", () => {
  assert.equal(presets.length, Object.keys(PRESETS_JA).length);
  assert.equal(presets.length, Object.keys(NOTES_JA).length);
  for (const p of presets) {
    const ja = { ...PRESETS_JA[p.id], notes: NOTES_JA[p.id] ?? {} };
    assert.ok(ja?.name && ja.summary, p.id);
    const missing = p.sources.filter((s) => !ja.notes[s.field]).map((s) => s.field);
    assert.deepEqual(missing, [], `${p.id}: fields without a Japanese note`);
    const s = p.scenario;
    const ids = [...s.sites, ...(s.shocks ?? []), ...(s.operators ?? [])].map((x) => x.id);
    assert.deepEqual(ids.filter((id) => !ja.names[id]), [], `${p.id}: ids without a Japanese name`);
    // No note for a field the preset does not source (a renumbered shock would leave one).
    const fields = new Set(p.sources.map((x) => x.field));
    assert.deepEqual(Object.keys(ja.notes).filter((f) => !fields.has(f)), [], `${p.id}: notes for fields the preset does not have`);
  }
});
