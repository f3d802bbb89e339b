// The presets the page loads (site/presets.json, written by scripts/site.mjs): the files of
// src/presets/ in the order given, without their notes, which go apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { presetFiles } from "../../scripts/site.mjs";

const dir = new URL("../../src/presets/", import.meta.url);
const files = Object.fromEntries(readdirSync(dir).map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(new URL(f, dir), "utf8"))]));

test("presets.json holds every preset, in the order given, with scenarios and sources but no notes, citations or summaries", async () => {
  const ids = ["two-track", "tencent-datasection", "ceo-worst-case", "southeast-asia"];
  const { presets, notes, cited, summaries } = await presetFiles(ids);
  assert.deepEqual(presets.map((p) => p.id), ids);
  for (const p of presets) {
    const file = files[p.id];
    assert.deepEqual(p.scenario, file.scenario);
    assert.equal(p.name, file.name);
    // The summary, in English, goes with the English strings (presets-en.js).
    assert.equal(p.summary, undefined);
    assert.deepEqual(summaries[p.id], { summary: file.summary });
    assert.equal(p.sources.length, file.sources.length);
    for (const [i, s] of p.sources.entries()) {
      assert.equal(s.note, undefined, `${p.id} ${s.field}`);
      assert.equal(s.source, undefined, `${p.id} ${s.field}`);
      // Put back together, the file's entry: its note and its citation (and derivation) apart.
      const { source, derivation } = cited[p.id][s.field] ?? {};
      const whole = JSON.parse(JSON.stringify({ ...s, note: file.sources[i].note, source, derivation }));
      assert.deepEqual(Object.fromEntries(Object.entries(whole).sort()), Object.fromEntries(Object.entries(file.sources[i]).sort()));
      assert.equal(notes[p.id][s.field], file.sources[i].note);
    }
  }
});

test("by default the order is the command's, the first its default preset", async () => {
  const { presets } = await presetFiles();
  assert.deepEqual(presets.map((p) => p.id).sort(), Object.keys(files).sort());
  assert.equal(presets[0].id, "tencent-datasection");
});

test("the build minifies modules and stylesheets in every folder, not only the top one", async () => {
  const { mkdtemp, mkdir, writeFile, readFile, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { minifyAll } = await import("../../scripts/site.mjs");
  const dir = await mkdtemp(join(tmpdir(), "cs-minify-"));
  try {
    const js = "// a comment the reader need not download\nexport function twice(longArgumentName) {\n  return longArgumentName * 2;\n}\n";
    const css = "/* a comment */\n.cs-a {\n  color: red;\n}\n";
    for (const sub of ["", "pkg", "views/deep"]) {
      await mkdir(join(dir, sub), { recursive: true });
      await writeFile(join(dir, sub, "m.js"), js);
      await writeFile(join(dir, sub, "s.css"), css);
    }
    await minifyAll(dir);
    for (const sub of ["", "pkg", "views/deep"]) {
      const code = await readFile(join(dir, sub, "m.js"), "utf8");
      assert.doesNotMatch(code, /comment|longArgumentName/, `${sub || "top"}/m.js`);
      assert.match(code, /export\s*\{?\s*\w*\s*(as\s+)?twice|export function twice/, `${sub || "top"}/m.js keeps its export`);
      const { twice } = await import(`data:text/javascript,${encodeURIComponent(code)}`);
      assert.equal(twice(21), 42);
      const sheet = await readFile(join(dir, sub, "s.css"), "utf8");
      assert.doesNotMatch(sheet, /comment|\n/, `${sub || "top"}/s.css`);
      assert.match(sheet, /^\.cs-a\{color: ?red\}$/);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
