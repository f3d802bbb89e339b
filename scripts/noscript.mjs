// The no-JavaScript fallback: the default preset's headline and a static fan chart, from the
// native command's own output, so a reader without scripts sees the same numbers as everyone
// else. The chart is the page's own renderer (www/views/charts.js) written as an SVG string, dated
// from the scenario's start date (one without has its axis counted from now: the site is
// built once and read later). scripts/site.mjs writes the block into site/index.html and
// site/embed.html.
//   node scripts/noscript.mjs [path to compute-shock binary]   (prints the block)
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { escapeXml, fanChart, toSvg } from "../www/views/charts.js";
import { loadLanguage, presetText, translator } from "../www/words/i18n.js";
import { parseDate } from "../www/words/format.js";
import { sentences } from "../www/words/story.js";
import { eventOverlay, scenarioEvents } from "../www/views/events.js";
import { describeField } from "../www/views/parameters.js";
import { parsePath } from "../www/state/paths.js";
import { editionHtml } from "../www/views/edition.js";
import { learn } from "../www/engine/engine-defaults.js";

/** The sensitivity's rows in the fallback: the largest swings, from `compute-shock sensitivity`. */
const SENSITIVITY_ROWS = 8;
export const SENSITIVITY_TRIALS = 2000;

const root = resolve(fileURLToPath(import.meta.url), "../..");
export const BIN = join(root, "target/release/compute-shock");
export const PRESET = "tencent-datasection";

await loadLanguage("en");
await loadLanguage("ja");
/** The engine's defaults for what a scenario leaves out, from the command (as the page learns
 * them from the engine when it loads). */
const learnt = new Set();
function learnFrom(bin) {
  if (!learnt.has(bin)) learn(JSON.parse(execFileSync(bin, ["limits"], { encoding: "utf8" })));
  learnt.add(bin);
}

/** The fallback's chart for a summary of `scenario`: a standalone SVG document, served beside
 * the pages as noscript-chart.svg (an image inside <noscript> is fetched only by a browser
 * without JavaScript, so readers with it download none of it). In `lang`, with the scenario's
 * names by `nameOf`. */
export function fallbackChart(summary, scenario, { lang = "en", nameOf } = {}) {
  const tr = translator(lang);
  // The scenario's dated events on the chart (not today: the page is built once, read later).
  return toSvg(fanChart(summary, parseDate(summary.start_date ?? scenario.start_date), tr, 640, { overlay: eventOverlay(scenarioEvents(scenario, tr, { summary, nameOf })) }));
}

/** The file name of the fallback's chart, beside the pages. */
export const CHART_FILE = "noscript-chart.svg";

/** The fallback's caption, in each language: what the chart shows and how to read it. */
const CAPTION = {
  en: (name, title, n, seed) =>
    `${name}: ${title} in ${n} simulated futures. Light band: 90% of futures; dark band: the middle half; line: the median; dashed line: the requirement; ` +
    `strip below: the share of futures below the requirement each day. Seed ${seed}. This is the published chart; the interactive version runs where JavaScript and WebAssembly can.`,
  ja: (name, title, n, seed) =>
    `${name}：シミュレーションした${n}通りの未来の${title}。薄い帯は90%の未来、濃い帯は真ん中の50%、線は中央値、破線は必要量（下限）、` +
    `下の帯は各日に必要量を下回る未来の割合。シード${seed}。公開時のグラフです。インタラクティブ版はJavaScriptとWebAssemblyが動く環境で表示されます。`,
};

/** The fallback's HTML for a summary (as printed by `compute-shock run`) of `scenario`, with
 * the chart as an image of `chart` (fallbackChart's SVG, at `file` beside the page), and the
 * sensitivity's table if given; in `lang`, with the preset's name `name` and its sites and
 * shocks named by `nameOf`. Marked with the preset and language it shows. */
export function fallback(summary, scenario, sensitivity = null, chart = fallbackChart(summary, scenario), { lang = "en", preset = PRESET, file = CHART_FILE, name = scenario.name, nameOf, table = null } = {}) {
  const tr = translator(lang);
  const size = chart.match(/^<svg[^>]* width="(\d+)" height="(\d+)"/);
  const alt = chart.match(/aria-label="([^"]*)"/)?.[1] ?? "";
  const caption = (CAPTION[lang] ?? CAPTION.en)(name, tr.t("fanTitle"), tr.fmt.int(summary.trials), summary.seed);
  const said = sentences(summary, scenario, tr, { start: parseDate(summary.start_date ?? scenario.start_date), nameOf });
  return [
    // Marked with what it shows, so a page whose engine cannot load shows it only where it
    // tells the truth (widget.js `staticEdition`, fallback.js).
    `<noscript data-preset="${preset}" data-lang="${lang}">`,
    '  <figure class="noscript-figure">',
    `    <p class="noscript-headline"><strong>${escapeXml(said.lead)}</strong></p>`,
    `    <ul class="noscript-details">${said.details.map((d) => `<li>${escapeXml(d)}</li>`).join("")}</ul>`,
    `    <img class="noscript-chart" src="${file}" width="${size?.[1] ?? 640}" height="${size?.[2] ?? 360}" alt="${alt}">`,
    `    <figcaption>${escapeXml(caption)}${table ? ` <a href="${table}">${escapeXml(tr.t("dataTable"))}</a>` : ""}</figcaption>`,
    "  </figure>",
    ...(sensitivity ? [sensitivityTable(sensitivity, scenario, tr)] : []),
    "</noscript>",
  ].join("\n");
}

/** The sensitivity (as printed by `compute-shock sensitivity`) as a table: the largest swings. */
export function sensitivityTable(result, scenario, tr) {
  const pts = (x) => `${x >= 0 ? "+" : "−"}${(Math.abs(x) * 100).toFixed(1)}`;
  const share = (x) => `${(x * 100).toFixed(1)}%`;
  const name = (field) => describeField(scenario, parsePath(field), tr, (x) => x?.name ?? x?.id);
  const rows = result.rows.slice(0, SENSITIVITY_ROWS).map(
    (r) =>
      `      <tr><th scope="row">${escapeXml(name(r.field))}</th><td>${r.low}</td><td>${r.high}</td><td>${share(r.metric_at_low)}</td><td>${share(r.metric_at_high)}</td><td>${pts(r.swing)} ± ${(r.standard_error * 100).toFixed(1)}${r.within_noise ? " (within noise)" : ""}</td></tr>`,
  );
  return [
    '  <table class="noscript-sensitivity">',
    `    <caption>What the answer depends on: the chance of a week or more below the requirement (${share(result.baseline)} as set) with each figure at the low and the high end of its range, one at a time; the ${SENSITIVITY_ROWS} largest swings of ${result.rows.length}, in percentage points, ${tr.fmt.int(result.trials)} futures each, seed ${result.seed}.</caption>`,
    "    <thead><tr><th>Figure</th><th>Low</th><th>High</th><th>At low</th><th>At high</th><th>Swing ± s.e.</th></tr></thead>",
    "    <tbody>",
    ...rows,
    "    </tbody>",
    "  </table>",
  ].join("\n");
}

/** The text of XML-escaped text (escapeXml's inverse). */
const unescapeXml = (s) => s.replace(/&(lt|gt|quot|apos|#39|amp);/g, (_, e) => ({ lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", amp: "&" })[e]);

/** Runs the default preset natively: `{ html, chart, image }`, the block for the pages, the SVG
 * for CHART_FILE beside them, and what an element's fallback shows of it. */
export async function render({ bin = BIN } = {}) {
  learnFrom(bin);
  const presets = execFileSync(bin, ["presets"], { encoding: "utf8" });
  if (!presets.startsWith(`${PRESET}\t`)) throw new Error(`${PRESET} is no longer the default preset`);
  const summary = JSON.parse(execFileSync(bin, ["run", "--preset", PRESET], { encoding: "utf8", maxBuffer: 1 << 26 }));
  const scenario = JSON.parse(await readFile(join(root, `src/presets/${PRESET}.json`), "utf8")).scenario;
  const sensitivity = JSON.parse(execFileSync(bin, ["sensitivity", "--preset", PRESET, "--trials", String(SENSITIVITY_TRIALS)], { encoding: "utf8" }));
  const chart = fallbackChart(summary, scenario);
  const size = chart.match(/^<svg[^>]* width="(\d+)" height="(\d+)"/);
  // What the element's fallback shows of it (element-code.js): the image, its description and
  // the lead sentence.
  const image = {
    file: CHART_FILE,
    width: Number(size?.[1] ?? 640),
    height: Number(size?.[2] ?? 360),
    alt: unescapeXml(chart.match(/aria-label="([^"]*)"/)?.[1] ?? ""),
    lead: sentences(summary, scenario, translator("en"), { start: parseDate(summary.start_date ?? scenario.start_date) }).lead,
    preset: PRESET,
    lang: "en",
  };
  return { html: fallback(summary, scenario, sensitivity, chart), chart, image };
}

/** The static editions of the presets, each in each language: the chart as SVG (the file
 * `static/<preset>.<lang>.svg`), its description and its lead sentence, from the native
 * command's default run (seed 1, 10,000 futures), which the element's snippet shows inside
 * `<compute-shock>` (element-code.js) where it is what the embed shows:
 * [{ file, svg, page, block, width, height, alt, lead, preset, lang, default }] (`page`:
 * its own page, `static/<preset>.<lang>.html`, the chart with the lead as its alt text and
 * the numbers by month as a table; `block`: the embed page's no-script block for it). */
export async function editions({ bin = BIN } = {}) {
  learnFrom(bin);
  const ids = execFileSync(bin, ["presets"], { encoding: "utf8" }).trim().split("\n").map((l) => l.split("\t")[0]);
  const out = [];
  for (const [k, id] of ids.entries()) {
    const summary = JSON.parse(execFileSync(bin, ["run", "--preset", id], { encoding: "utf8", maxBuffer: 1 << 26 }));
    const preset = JSON.parse(await readFile(join(root, `src/presets/${id}.json`), "utf8"));
    const scenario = preset.scenario;
    const start = parseDate(summary.start_date ?? scenario.start_date);
    for (const lang of ["en", "ja"]) {
      const tr = translator(lang);
      // A preset's name, and its sites and shocks, in the language (presets-ja.js).
      const name = presetText(lang, id)?.name ?? preset.name;
      const names = presetText(lang, id)?.names ?? {};
      const nameOf = (x) => (x && names[x.id]) ?? x?.name ?? x?.id;
      const svg = fallbackChart(summary, scenario, { lang, nameOf });
      const size = svg.match(/^<svg[^>]* width="(\d+)" height="(\d+)"/);
      const [width, height] = [Number(size?.[1] ?? 640), Number(size?.[2] ?? 360)];
      const file = `static/${id}.${lang}.svg`;
      const lead = sentences(summary, scenario, tr, { start, nameOf }).lead;
      out.push({
        file,
        svg,
        // Its page: the chart, the lead as its alt text, a caption and the numbers by month.
        page: editionHtml({
          summary,
          start,
          tr,
          title: name,
          lead,
          caption: (CAPTION[lang] ?? CAPTION.en)(name, tr.t("fanTitle"), tr.fmt.int(summary.trials), summary.seed),
          image: { src: `${id}.${lang}.svg`, width, height },
        }),
        // The no-script block of the embed page that shows this edition (embed-<id>.<lang>.html).
        block: fallback(summary, scenario, null, svg, { lang, preset: id, file, name, nameOf, table: `static/${id}.${lang}.html` }),
        width,
        height,
        alt: unescapeXml(svg.match(/aria-label="([^"]*)"/)?.[1] ?? ""),
        lead,
        preset: id,
        lang,
        default: k === 0,
      });
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await render({ bin: process.argv[2] ?? BIN }));
}
