// Every word table the page, the editor and the downloads speak from, in English and in
// Japanese: the same keys at every depth, the same kind of entry under each (a phrase, or a
// function taking as many arguments), nothing empty, and Japanese in the Japanese. One test
// over all of them, so a table added or a key forgotten in one language fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { LANGS, STRINGS, loadLanguage } from "../../www/words/i18n.js";
import { EDITOR_TEXT } from "../../www/words/editor-text.js";
import { UNDER_CHART_TEXT } from "../../www/words/under-chart-text.js";
import { EVENT_TEXT } from "../../www/views/events.js";
import { RECORD_TEXT } from "../../www/views/record.js";
import { WORDS as DOWNLOAD_WORDS } from "../../www/views/downloads.js";
import { WORDS as SOURCE_WORDS } from "../../www/views/sources.js";
import { TABLE_TEXT } from "../../www/views/tables.js";
import { HIST_TEXT } from "../../www/views/histogram.js";

await Promise.all(LANGS.map((lang) => loadLanguage(lang)));
// The watchdog (fallback.js) is a plain script that cannot export its one sentence: read it.
const watchdog = readFileSync(new URL("../../www/fallback.js", import.meta.url), "utf8").match(/const TEXT = (\{[\s\S]*?\n  \});/)[1];
const FALLBACK_TEXT = Function(`return ${watchdog}`)();

const TABLES = { i18n: STRINGS, editor: EDITOR_TEXT, views: UNDER_CHART_TEXT, events: EVENT_TEXT, record: RECORD_TEXT, downloads: DOWNLOAD_WORDS, sources: SOURCE_WORDS, tables: TABLE_TEXT, histogram: HIST_TEXT, fallback: FALLBACK_TEXT };
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
/** A phrase with a word of prose in it (three lowercase letters or more), which Japanese must
 * translate; codes, units and names (B200e, BF16 TFLOP/s, CSV) may stay as they are. */
const PROSE = /\b(?!compute-shock\b)[a-z]{3,}\b/;

/** Every entry of a table: [path, value], depth first. */
function* entries(x, path = []) {
  if (typeof x === "object" && x !== null && !Array.isArray(x)) for (const [k, v] of Object.entries(x)) yield* entries(v, [...path, k]);
  else yield [path.join("."), x];
}

test("every word table has both languages, with the same keys and kinds of entry", () => {
  assert.deepEqual(LANGS, ["en", "ja"]);
  let leaves = 0;
  const untranslated = [];
  for (const [name, table] of Object.entries(TABLES)) {
    assert.deepEqual(Object.keys(table).sort(), [...LANGS].sort(), name);
    const en = new Map(entries(table.en));
    const ja = new Map(entries(table.ja));
    assert.deepEqual([...ja.keys()].sort(), [...en.keys()].sort(), `${name}: the same keys`);
    for (const [key, e] of en) {
      const j = ja.get(key);
      const where = `${name}.${key}`;
      assert.equal(typeof j, typeof e, `${where}: the same kind`);
      if (typeof e === "function") assert.equal(j.length, e.length, `${where}: as many arguments`);
      if (typeof e === "string") {
        // (A space between sentences is nothing in Japanese: "sentenceGap".)
        assert.ok(e.trim() ? j.trim() : !j.trim(), `${where}: not empty`);
        if (PROSE.test(j.replace(/https?:\/\/\S+/g, "")) && !JAPANESE.test(j)) untranslated.push(`${where}: ${j}`);
      }
      if (Array.isArray(e)) assert.equal(j.length, e.length, `${where}: as many items`);
      leaves += 1;
    }
  }
  assert.deepEqual(untranslated, [], "Japanese entries in English");
  assert.ok(leaves > 300, `${leaves} entries checked`);
});
