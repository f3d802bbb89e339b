// Assembles site/: the page, the embed page, the element script and the built WebAssembly
// package side by side, with the no-script fallback written into the two HTML pages. Any
// static server can host the folder (`cd site && python3 -m http.server`). Run by `make site`
// after `make build` (it needs pkg/ and target/release/compute-shock).
//   node scripts/site.mjs [out dir, default site] [package dir, default pkg]
// The browser tests also assemble target/site-test from the test build of the package
// (target/pkg-test, built with the test-only exports), for the one test that needs them.
//
// Releases: the site is written twice, at its root (the latest release) and under
// v/<version>/ (this release, for good), <version> being Cargo.toml's. Embed code points at
// the versioned copy, so a published article keeps its numbers when a later release changes
// the model. RELEASES=<dir> adds earlier releases' folders (<dir>/v/<version>/, as
// scripts/releases.sh builds them from the git tags) beside this one.
import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { minify } from "terser";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { BIN, CHART_FILE, editions, render } from "./noscript.mjs";
import { REGISTER, firstDate } from "./evidence.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const out = resolve(root, process.argv[2] ?? "site");
const pkg = resolve(root, process.argv[3] ?? "pkg");
/** The files of pkg/ a browser loads; the rest (.d.ts, package.json) is for bundlers. */
const PKG = ["compute_shock.js", "compute_shock_bg.wasm"];

/** CSS without comments and needless whitespace (none inside strings in our sheets). */
export const minifyCss = (css) =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();

/** Every file under `dir`, at any depth, whose name ends with `ext`. */
export async function filesIn(dir, ext) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(ext)).map((e) => join(e.parentPath ?? e.path, e.name)).sort();
}

/** Minifies every module and stylesheet under `dir`, folders included. */
export async function minifyAll(dir) {
  for (const path of await filesIn(dir, ".js")) {
    const out = await minify(await readFile(path, "utf8"), { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    await writeFile(path, out.code);
  }
  for (const path of await filesIn(dir, ".css")) await writeFile(path, minifyCss(await readFile(path, "utf8")));
}

/** This release's version: Cargo.toml's package version. */
export async function version() {
  const cargo = await readFile(join(root, "Cargo.toml"), "utf8");
  const found = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms);
  if (!found) throw new Error("Cargo.toml has no [package] version");
  return found[1];
}

/**
 * The presets for the page, in the order readers see them (the command's `presets`, whose
 * first is the default), from src/presets/: `presets` without their notes, and `notes` by
 * preset and field.
 */
/** The evidence register as the page reads it: { as_of, events: [{ date (the event's first
 * date), jurisdiction, kind, title: { en, ja }, url (its first source) }] }. */
export async function slimRegister() {
  const doc = JSON.parse(await readFile(REGISTER, "utf8"));
  return {
    as_of: doc.as_of,
    events: doc.events.map((e) => ({ date: firstDate(e), jurisdiction: e.jurisdiction, kind: e.kind, title: e.title, url: e.sources[0]?.url ?? null })),
  };
}

export async function presetFiles(ids = execFileSync(BIN, ["presets"], { encoding: "utf8" }).trim().split("\n").map((l) => l.split("\t")[0])) {
  const presets = [];
  const notes = {};
  // What only the sources list shows (each figure's citation and, for a rate from the
  // evidence register, its derivation), by preset and field: fetched with the notes.
  const cited = {};
  // Each preset's summary (English, its own language) goes with the English strings
  // (presets-en.js), as the Japanese ones do with the Japanese (presets-ja.js): a page
  // downloads the summaries of its language only.
  const summaries = {};
  for (const id of ids) {
    const { summary, ...preset } = JSON.parse(await readFile(join(root, "src/presets", `${id}.json`), "utf8"));
    notes[id] = Object.fromEntries(preset.sources.map((s) => [s.field, s.note]));
    cited[id] = Object.fromEntries(preset.sources.filter((s) => s.source || s.derivation).map(({ field, source, derivation }) => [field, { source, derivation }]));
    summaries[id] = { summary };
    presets.push({ ...preset, sources: preset.sources.map(({ note, source, derivation, ...rest }) => rest) });
  }
  return { presets, notes, cited, summaries };
}

export async function assemble(dir = out, from = pkg, { release, releases = process.env.RELEASES } = {}) {
  release ??= await version();
  if (!/^\d+\.\d+\.\d+$/.test(release)) throw new Error(`a release version is digits such as 1.2.3, got ${release}`);
  await rm(dir, { recursive: true, force: true });
  await cp(join(root, "www"), dir, { recursive: true });
  // The version the embed code pins (www/release.js says "dev" until it is built).
  // (The static editions', static-chart.js, is written below, once they are drawn.)
  await writeFile(join(dir, "release.js"), `export const RELEASE = ${JSON.stringify(release)};\n`);
  await mkdir(join(dir, "pkg"), { recursive: true });
  for (const f of PKG) await cp(join(from, f), join(dir, "pkg", f));
  // The modules readers download, minified (comments out, names shortened), in every folder
  // (pkg/'s glue too): www/ keeps the readable source. Exported names, and so every import
  // between modules, stay as they are.
  await minifyAll(dir);
  // The presets, as data beside the engine (not in it): presets.json, fetched by the page as
  // it starts, and their notes (the prose beside each sourced figure) apart,
  // { "<preset id>": { "<field>": "<note>" } }, fetched when a reader can see one.
  const { presets, notes, cited, summaries } = await presetFiles();
  await writeFile(join(dir, "presets.json"), JSON.stringify(presets));
  // (beside the strings that load it, words/i18n.js)
  await writeFile(join(dir, "words", "presets-en.js"), `export const PRESETS_EN=${JSON.stringify(summaries)};\n`);
  await writeFile(join(dir, "preset-notes.json"), JSON.stringify(notes));
  await writeFile(join(dir, "preset-sources.json"), JSON.stringify(cited));
  // The evidence register, slim (each event's first date, place, kind, titles and first
  // source), fetched when a dated scenario's table of events is drawn.
  await writeFile(join(dir, "register.json"), JSON.stringify(await slimRegister()));
  const { html: block, chart } = await render();
  await writeFile(join(dir, CHART_FILE), chart);
  // Every preset's static edition in each language (the element's fallback shows its own),
  // and what the editor's snippets need to know of them.
  const made = await editions();
  await mkdir(join(dir, "static"), { recursive: true });
  for (const e of made) {
    await writeFile(join(dir, e.file), e.svg);
    await writeFile(join(dir, e.file.replace(/\.svg$/, ".html")), e.page);
  }
  await writeFile(join(dir, "static-chart.js"), `export const STATIC_EDITIONS=${JSON.stringify(made.map(({ svg, page, block, ...e }) => e))};\n`);
  const marker = /(<!-- noscript -->)/;
  // Each edition's embed page: the embed page with that edition as its no-script block, which
  // embed code points at when the embed shows it (sharing.js `embedPage`).
  const embedPage = await readFile(join(dir, "embed.html"), "utf8");
  if (!marker.test(embedPage)) throw new Error("www/embed.html has no <!-- noscript --> marker");
  for (const e of made) {
    const page = embedPage.replace(marker, () => e.block).replace(/<html lang="en">/, `<html lang="${e.lang}">`);
    await writeFile(join(dir, `embed-${e.preset}.${e.lang}.html`), page);
  }
  for (const file of ["index.html", "embed.html"]) {
    const path = join(dir, file);
    const html = await readFile(path, "utf8");
    if (!marker.test(html)) throw new Error(`www/${file} has no <!-- noscript --> marker`);
    await writeFile(path, html.replace(marker, () => block));
  }
  // This release for good under v/<version>/, then the earlier ones beside it.
  const copy = join(dir, "v", release);
  await mkdir(copy, { recursive: true });
  for (const f of await readdir(dir)) if (f !== "v") await cp(join(dir, f), join(copy, f), { recursive: true });
  if (releases) {
    const earlier = join(resolve(root, releases), "v");
    for (const v of await readdir(earlier).catch(() => [])) {
      if (v !== release && /^\d+\.\d+\.\d+$/.test(v)) await cp(join(earlier, v), join(dir, "v", v), { recursive: true });
    }
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await assemble();
  console.log(`wrote ${dir}: the page, the embed page, the element script, pkg/ and the no-script fallback`);
}
