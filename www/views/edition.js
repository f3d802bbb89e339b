// The editor's static edition of an embed: what readers and platforms without scripts get
// (AMP, Apple News, a newsletter, an archive), for the embed's own scenario, seed, language
// and texts, as one ZIP: the chart as PNG (800 px wide, 1,600 pixels) and SVG, `index.html`
// (the chart as a figure, its lead sentence as the image's alt text, the caption, and the
// numbers by month as a table), and the daily numbers as CSV with their metadata. Loaded
// when the journalist asks for it.
import { SIZES, WORDS, bandsCsv, changes, csvMetadata, graphic, pngBlob, reportsOf, sourceOf } from "./downloads.js";
import { escapeXml, toSvg } from "./charts.js";
import { eventOverlay, scenarioEvents } from "./events.js";
import { monthlyRows } from "./monthly.js";
import { sentences } from "../words/story.js";
import { parseDate, today } from "../words/format.js";
import { presetText } from "../words/i18n.js";
import { RELEASE } from "../release.js";
import { zip } from "./zip.js";
import { scenarioTitle } from "../state/controller.js";

const release = () => (/^\d+\.\d+\.\d+$/.test(RELEASE) ? RELEASE : null);

/**
 * The static edition's files. `summary`, `scenario`: the embed's run; `preset`: its preset
 * ({ id, scenario, sources, as_of }); `tr`: the embed's language; `texts`: the embed's
 * (title, dek, headline, note, source, credit); `nameOf`: names in the language; `notes`:
 * the dated notes; `cited`: the preset's citations by field (for the source line).
 * @returns {Promise<{ files: { name: string, data: Uint8Array | string }[], alt: string }>}
 */
export async function editionFiles({ summary, scenario, preset, tr, texts, nameOf, notes = [], cited = {} }) {
  // (A scenario without a start date is dated from today, as the widget dates it.)
  const start = parseDate(summary.start_date) ?? today();
  const said = sentences(summary, scenario, tr, { start, nameOf });
  const reports = reportsOf(preset.sources, cited);
  // The journalist's title, else the preset's name in the language, "(changed)" if it is.
  const name = presetText(tr.lang, preset.id)?.name || preset.name;
  const title = texts.title || scenarioTitle(tr, name, changes(preset.scenario, scenario).length > 0);
  const words = WORDS[tr.lang] ?? WORDS.en;
  const shown = { ...texts, title, headline: texts.headline || said.lead, numbers: texts.headline ? said.lead : "", reports };
  const overlay = eventOverlay(scenarioEvents(scenario, tr, { nameOf, notes, start, summary }));
  const size = { ...SIZES.print, height: null };
  const tree = graphic({ summary, start, tr, overlay, texts: shown, seed: summary.seed, release: release() }, size);
  const png = new Uint8Array(await (await pngBlob(tree, size.density)).arrayBuffer());
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${toSvg(tree)}\n`;
  const source = sourceOf(texts, reports, words);
  const html = editionHtml({
    summary,
    start,
    tr,
    title,
    lead: said.lead,
    caption: [title, texts.dek, texts.note, source && tr.t("sourceLine")(source)].filter(Boolean).join(" "),
    image: { src: "chart.png", width: tree.attrs.width, height: tree.attrs.height },
  });
  const metadata = csvMetadata({ csvName: "data.csv", summary, start, lang: tr.lang, title, source, release: release(), preset: preset.id, asOf: preset.as_of ?? null, changed: changes(preset.scenario, scenario), scenario });
  return {
    alt: said.lead,
    files: [
      { name: "index.html", data: html },
      { name: "chart.png", data: png },
      { name: "chart.svg", data: svg },
      { name: "data.csv", data: `\uFEFF${bandsCsv(summary, start)}` },
      { name: "data.metadata.json", data: `${JSON.stringify(metadata, null, 2)}\n` },
    ],
  };
}

/** A static edition's page: the chart (`image`: { src, width, height }) as a figure with the
 * lead sentence as its alt text and `caption`, then the numbers by month as a table; in the
 * language of `tr`. (The build's editions of the presets are these pages too:
 * scripts/noscript.mjs.) */
export function editionHtml({ summary, start, tr, title, lead, caption, image }) {
  const { t, fmt } = tr;
  const cell = (x) => escapeXml(String(x));
  return [
    "<!doctype html>",
    `<html lang="${tr.lang}">`,
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${cell(title)}</title>`,
    "<figure>",
    `  <img src="${cell(image.src)}" width="${image.width}" height="${image.height}" alt="${cell(lead)}" style="max-width:100%;height:auto">`,
    `  <figcaption>${cell(caption)}</figcaption>`,
    "</figure>",
    "<table>",
    `  <caption>${cell(t("dataTable"))}</caption>`,
    `  <thead><tr>${[t("tableMonth"), "5%", "25%", "50%", "75%", "95%", t("tableBelow")].map((x) => `<th scope="col">${cell(x)}</th>`).join("")}</tr></thead>`,
    "  <tbody>",
    ...monthlyRows(summary, start, fmt).map(([date, ...v]) => `    <tr><th scope="row">${cell(date)}</th>${v.map((x, i) => `<td>${cell(i < 5 ? fmt.int(x) : fmt.share(x))}</td>`).join("")}</tr>`),
    "  </tbody>",
    "</table>",
    "",
  ].join("\n");
}

/** The static edition as one ZIP. */
export async function editionZip(what) {
  const { files } = await editionFiles(what);
  return new Blob([zip(files)], { type: "application/zip" });
}
