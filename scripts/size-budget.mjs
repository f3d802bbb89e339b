// The page's transfer size, gzipped: what a reader's browser downloads to show site/index.html
// and site/embed.html (as `make site` writes them), in each language. Run by `make test`.
//
// Followed from each page: its stylesheets, icon and module scripts; every module's static
// imports; the worker, the wasm and the data a module names with `new URL(…, import.meta.url)`;
// and what a language loads (LANGUAGES). A dynamic import not listed
// there is loaded on demand (ON_DEMAND, e.g. on a click) and reported, not counted; one
// listed nowhere fails the check, so every module is accounted for.
//
// Budgets: the wasm at most 100 KB and each page, in each language, at most 150 KB
// (1 KB = 1,000 bytes). Over either, the check fails.
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET = { wasm: 100_000, page: 150_000 };
const PAGES = ["index.html", "embed.html"];
/** What each language loads besides the static graph: its strings (a dynamic import), and
 * the presets' texts in it (English: their summaries; Japanese: names and summaries). */
const LANGUAGES = { en: ["words/i18n-en.js", "words/presets-en.js"], ja: ["words/i18n-ja.js", "words/presets-ja.js"] };
const language = (name) => Object.values(LANGUAGES).flat().includes(name);
// views/under-chart-panels.js: the views under the chart (events, sensitivity, comparison),
// loaded by views/under-chart.js as the widget starts, with everything it imports.
/** Loaded on demand: the downloads (a click), the views under the chart and the presets'
 * notes in each language, with their citations and derivations (when they come on screen:
 * views/widget.js `showSources`). Paths from the site's root. */
const ON_DEMAND = ["views/downloads.js", "views/sharing.js", "views/under-chart-panels.js", "preset-notes.json", "preset-sources.json", "words/preset-notes-ja.js", "views/sources.js", "views/monthly.js", "views/tables.js", "views/parameters-panel.js", "views/histogram.js"];

const root = resolve(fileURLToPath(import.meta.url), "../..");
const site = join(root, "site");
const gz = async (path) => gzipSync(await readFile(path), { level: 9 }).length;

/** What a page's HTML loads: stylesheets, the icon, modulepreloads and scripts. */
function pageRefs(html) {
  const refs = [];
  for (const m of html.matchAll(/<(link|script)\b([^>]*)>/g)) {
    const attrs = Object.fromEntries([...m[2].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const url = m[1] === "link" ? attrs.href : attrs.src;
    if (url && (m[1] === "script" || ["stylesheet", "icon", "modulepreload"].includes(attrs.rel))) refs.push(url);
  }
  return refs;
}

/** A module's references: static imports (and re-exports), URLs it resolves against itself
 * (a worker, the wasm), and dynamic imports. */
function moduleRefs(code) {
  const all = (re) => [...code.matchAll(re)].map((m) => m[1]);
  return {
    static: [...all(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g), ...all(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)],
    // (not a folder: `new URL("./", import.meta.url)` is where the site is)
    urls: all(/new URL\(\s*["']([^"']*[^"'/])["']\s*,\s*import\.meta\.url\s*\)/g),
    dynamic: all(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  };
}

/** Every file a page loads in a language: its path (relative to site/) → gzipped bytes. */
async function load(page, lang) {
  const files = new Map();
  const unclassified = [];
  const visit = async (path) => {
    if (files.has(path)) return;
    files.set(path, await gz(path));
    if (!path.endsWith(".js")) return;
    const refs = moduleRefs(await readFile(path, "utf8"));
    for (const ref of refs.static) await visit(resolve(dirname(path), ref));
    for (const ref of refs.urls) {
      const target = resolve(dirname(path), ref);
      const name = relative(site, target);
      if (ON_DEMAND.includes(name)) continue;
      if (!language(name) || LANGUAGES[lang].includes(name)) await visit(target);
    }
    for (const ref of refs.dynamic) {
      const target = resolve(dirname(path), ref);
      const name = relative(site, target);
      if (LANGUAGES[lang].includes(name)) await visit(target);
      else if (!ON_DEMAND.includes(name) && !language(name)) unclassified.push(name);
    }
  };
  const html = join(site, page);
  files.set(html, await gz(html));
  for (const ref of pageRefs(await readFile(html, "utf8"))) await visit(resolve(site, ref));
  if (unclassified.length) throw new Error(`size: ${unclassified.join(", ")}: a dynamic import neither a language's (LANGUAGES) nor on demand (ON_DEMAND)`);
  return files;
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const over = [];
let wasm = 0;
for (const page of PAGES) {
  for (const lang of Object.keys(LANGUAGES)) {
    const files = await load(page, lang);
    const total = [...files.values()].reduce((a, b) => a + b, 0);
    if (page === PAGES[0] && lang === "en") for (const [path, n] of files) console.log(`${kb(n).padStart(9)}  ${relative(root, path)}`);
    for (const [path, n] of files) if (path.endsWith(".wasm")) wasm = n;
    const extra = page === PAGES[0] && lang === "en" ? "" : ` (${[...files.keys()].filter((p) => LANGUAGES[lang].includes(relative(site, p))).map((p) => relative(site, p)).join(", ")})`;
    console.log(`site/${page}?lang=${lang}: ${kb(total)} in ${files.size} files${extra} (budget ${kb(BUDGET.page)})`);
    if (total > BUDGET.page) over.push(`site/${page} in ${lang} is ${kb(total)}, over its budget of ${kb(BUDGET.page)}`);
  }
}
console.log(`wasm ${kb(wasm)} (budget ${kb(BUDGET.wasm)})`);
if (wasm > BUDGET.wasm) over.push(`the wasm is ${kb(wasm)}, over its budget of ${kb(BUDGET.wasm)}`);
if (ON_DEMAND.length) console.log(`loaded on demand, not counted: ${ON_DEMAND.join(", ")}`);
if (over.length) {
  console.error(`size: ${over.join("; ")}`);
  process.exit(1);
}
