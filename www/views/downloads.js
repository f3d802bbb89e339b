// Files a reader can take away: the daily numbers as CSV (the command's `--format csv`, to the
// byte; saved in UTF-8 with a byte-order mark), the scenario as JSON with what was changed from
// its preset, and the fan chart as a publishable graphic in SVG and PNG. The graphic is a
// small node tree (charts.js): the title, the headline, the legend, the fan chart with its
// event marks, the source and the credit, each text wrapped to the width; the SVG is that
// tree written out, and the PNG is drawn on a canvas from the same tree (no image loading,
// which a strict Content-Security-Policy would block). Graphics are in the light theme.
import { addDays, isoDate } from "../words/format.js";
import { CSV_COLUMNS } from "../engine/engine-defaults.js";
import { LIGHT, fanChart, toSvg } from "./charts.js";
import { RELEASE } from "../release.js";

/** The engine's release, when the page is a built one (a page served from www/ is "dev"). */
const release = () => (/^\d+\.\d+\.\d+$/.test(RELEASE) ? RELEASE : null);

/** How long a saved file's object URL is kept for the browser to read. */
const KEEP_URL_MS = 10 * 1000;

export function save(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), KEEP_URL_MS);
}

/** A file name from the scenario: preset id (marked if changed), seed and trials; `size`: the
 * graphic's size, if any. */
export function fileName({ preset, changed, seed, trials }, ext, size) {
  return `compute-shock_${preset}${changed ? "_changed" : ""}_seed-${seed}_${trials}-futures${size ? `_${size}` : ""}.${ext}`;
}

/** A number as the command's CSV writes it: the shortest digits that read back (JavaScript's
 * and the command's agree), nothing for a missing value. */
const csvNumber = (x) => (typeof x !== "number" || !Number.isFinite(x) ? "" : Object.is(x, -0) ? "-0" : String(x));

/**
 * The daily bands of a summary as CSV, the command's `--format csv` byte for byte (src/output/csv.rs, the columns the engine names;
 * tests/js/downloads.test.mjs holds them to the same golden file): `day`, `date` when `start`
 * (the date of day 0, a UTC midnight `Date`) is given, then the bands, one row a day.
 */
export function bandsCsv(summary, start) {
  const bands = summary.bands;
  // The engine's columns name the summary's bands in their order (src/output/summary.rs).
  const series = Object.values(bands);
  if (series.length !== CSV_COLUMNS.length) throw new Error(`the summary has ${series.length} bands and the CSV ${CSV_COLUMNS.length} columns`);
  let out = `${start ? "day,date," : "day,"}${CSV_COLUMNS.join(",")}\n`;
  for (let t = 0; t < bands.p50.length; t++) {
    out += `${t},${start ? `${isoDate(addDays(start, t))},` : ""}${series.map((b) => csvNumber(b[t])).join(",")}\n`;
  }
  return out;
}

/** The CSV's description, in each language: what the file is and each column's unit and
 * meaning (a percentile is of one day across the futures, not one future's path). */
const ABOUT = {
  en: {
    description: (n) =>
      `The fan chart's numbers: for each day, how much compute the firm has across ${n} simulated futures (percentiles and mean, in B200-equivalents) and the share of futures below the requirement. Each row is one day; a percentile is of that day's futures, not one future's path.`,
    columns: {
      day: ["days", "Days since day 0, the first day simulated."],
      date: ["date (YYYY-MM-DD)", "The calendar date of the day."],
      p5_b200e: ["B200-equivalents", "5th percentile of the day's capacity across the futures: 95% have more."],
      p25_b200e: ["B200-equivalents", "25th percentile of the day's capacity across the futures."],
      p50_b200e: ["B200-equivalents", "Median of the day's capacity across the futures."],
      p75_b200e: ["B200-equivalents", "75th percentile of the day's capacity across the futures."],
      p95_b200e: ["B200-equivalents", "95th percentile of the day's capacity across the futures: 5% have more."],
      mean_b200e: ["B200-equivalents", "Mean of the day's capacity across the futures."],
      share_below_requirement: ["share (0 to 1)", "Share of the futures below the requirement (the chart's floor) that day."],
    },
  },
  ja: {
    description: (n) =>
      `ファンチャートの数値：シミュレーションした${n}通りの未来にわたる、各日の計算能力（パーセンタイルと平均、B200換算）と、必要量を下回る未来の割合。1行が1日で、パーセンタイルはその日の未来の分布であり、1つの未来の推移ではありません。`,
    columns: {
      day: ["日", "0日目（シミュレーションの初日）からの日数。"],
      date: ["日付（YYYY-MM-DD）", "その日の日付。"],
      p5_b200e: ["B200換算", "その日の計算能力の5パーセンタイル（95%の未来はこれより多い）。"],
      p25_b200e: ["B200換算", "その日の計算能力の25パーセンタイル。"],
      p50_b200e: ["B200換算", "その日の計算能力の中央値。"],
      p75_b200e: ["B200換算", "その日の計算能力の75パーセンタイル。"],
      p95_b200e: ["B200換算", "その日の計算能力の95パーセンタイル（5%の未来はこれより多い）。"],
      mean_b200e: ["B200換算", "その日の計算能力の平均。"],
      share_below_requirement: ["割合（0〜1）", "その日に必要量（グラフの下限）を下回る未来の割合。"],
    },
  },
};

/**
 * The metadata file saved beside the CSV (`<name>.metadata.json`): its title, what it holds,
 * its source, the simulation that made it (release, model version, seed, futures: enough to
 * make it again), the scenario (its preset, the evidence's date, what was changed, the whole
 * scenario) and each column's unit and meaning, in the widget's language.
 */
export function csvMetadata({ csvName, summary, start, lang, title, source, release, preset, asOf, changed, scenario }) {
  const about = ABOUT[lang] ?? ABOUT.en;
  const columns = ["day", ...(start ? ["date"] : []), ...CSV_COLUMNS];
  return {
    title,
    description: about.description(summary.trials),
    file: csvName,
    source: source || null,
    simulation: { software: "compute-shock", release: release ?? null, model_version: summary.model_version, seed: summary.seed, futures: summary.trials },
    scenario: { preset, evidence_as_of: asOf ?? null, start_date: start ? isoDate(start) : null, changed, scenario },
    columns: Object.fromEntries(columns.map((c) => [c, { unit: about.columns[c][0], description: about.columns[c][1] }])),
  };
}

/** CSV text as a file: UTF-8 with a byte-order mark, so spreadsheet programs read it as UTF-8. */
export const csvBlob = (text) => new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" });

/** Where two scenarios differ, leaf by leaf: [{ path (dotted, as the `set` parameter's),
 * preset_value, value }]; a leaf only one has gets null on the other side. */
export function changes(before, after, keys = [], out = []) {
  const nested = (x) => x !== null && typeof x === "object";
  if (nested(before) && nested(after) && Array.isArray(before) === Array.isArray(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) changes(before[k], after[k], [...keys, k], out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path: keys.join("."), preset_value: before ?? null, value: after ?? null });
  }
  return out;
}

/** The scenario as JSON: its preset, what was changed from it, and the whole scenario. */
export const scenarioJson = (preset, presetScenario, scenario) =>
  new Blob([`${JSON.stringify({ preset, changed: changes(presetScenario, scenario), scenario }, null, 2)}\n`], { type: "application/json" });

/** The graphic's sizes: `social` is fixed (1200×675); `screen` is the chart's width on screen
 * and `print` a print column's, their heights following. `scale`: the chart's drawing is
 * enlarged this much (its ticks and labels readable in a social card); `density`: pixels a
 * unit in the PNG. */
export const SIZES = {
  social: { width: 1200, height: 675, scale: 1.4, density: 1 },
  screen: { width: null, height: null, scale: 1, density: 2 },
  print: { width: 800, height: null, scale: 1, density: 2 },
};

/** The words only the graphic uses, in each language. */
export const WORDS = {
  en: {
    floor: "Floor",
    simulation: (seed, n, release) => `Simulation: compute-shock${release ? ` ${release}` : ""}, seed ${seed}, ${n} futures`,
    register: "policy rates derived from a register of past rulings",
  },
  ja: {
    floor: "下限",
    simulation: (seed, n, release) => `シミュレーション：compute-shock${release ? ` ${release}` : ""}、シード${seed}、${n}通りの未来`,
    register: "規制の頻度は過去の措置の記録から算出",
  },
};

/** The reports a preset's figures come from, for a graphic's source line: the citations of its
 * reported figures (else of its derived ones, without the register's own), each once, at most
 * two; and whether some rate is derived from the evidence register. `sources`: the preset's
 * [{ field, label }]; `cited`: { field: { source } } (preset-sources.json). */
export function reportsOf(sources = [], cited = {}) {
  const of = (label) => {
    const out = [];
    for (const s of sources) {
      if (s.label !== label) continue;
      for (const part of String(cited[s.field]?.source ?? "").split(/;\s*(?=evidence register)/i)) {
        const text = part.trim();
        if (text && !/^evidence register/i.test(text) && !out.includes(text)) out.push(text);
      }
    }
    return out;
  };
  const reported = of("reported");
  const reports = (reported.length ? reported : of("derived")).slice(0, 2);
  const register = sources.some((s) => s.label === "derived" && /^evidence register/i.test(String(cited[s.field]?.source ?? "")));
  return { reports, register };
}

const FONT = "system-ui, sans-serif";
const { ink: INK, muted: MUTED, paper: PAPER } = LIGHT;
/** Characters that do not begin a line (Japanese line breaking, simply). */
const NO_START = /^[、。，．,.)）」』】！？!?：:；;ー…・]/;

/** Width of `text` at `size` px and `weight`, measured on a canvas (the PNG's own fonts). */
function measurer() {
  const g = document.createElement("canvas").getContext("2d");
  return (text, size, weight = 400) => {
    g.font = `${weight} ${size}px ${FONT}`;
    return g.measureText(text).width;
  };
}

/** `text` in lines no wider than `width`: broken at spaces, or between any two wide (CJK)
 * characters, and inside a word only when the word alone is too wide. */
export function wrap(text, width, measure) {
  const tokens = String(text).match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/g) ?? [];
  // Closing punctuation goes with the token before it.
  const words = [];
  for (const tok of tokens) {
    if (words.length && NO_START.test(tok) && !/^\s/.test(words.at(-1))) words[words.length - 1] += tok;
    else words.push(tok);
  }
  const lines = [];
  let line = "";
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = "";
  };
  for (const word of words) {
    if (measure(line + word) <= width || !line.trim()) {
      if (/^\s+$/.test(word) && !line) continue;
      line += word;
    } else {
      push();
      if (!/^\s+$/.test(word)) line = word;
    }
    // A word wider than the whole line is cut where it must be.
    while (measure(line) > width && [...line].length > 1) {
      const chars = [...line];
      let k = chars.length - 1;
      while (k > 1 && measure(chars.slice(0, k).join("")) > width) k--;
      lines.push(chars.slice(0, k).join(""));
      line = chars.slice(k).join("");
    }
  }
  push();
  return lines;
}

/** The source a download names: the journalist's, else the preset's reports (`reportsOf`), in `words`' language (`WORDS`). */
export const sourceOf = (texts, { reports = [], register = false } = {}, words = WORDS.en) =>
  texts.source || [reports.join("; "), register && words.register].filter(Boolean).join("; ");

const node = (tag, attrs, content) => (typeof content === "string" ? { tag, attrs, text: content } : { tag, attrs, children: content ?? [] });

/**
 * The publishable graphic as a node tree.
 * @param {{ summary, start, tr, overlay, texts: { title, dek?, headline, numbers?, note?, source?,
 *   credit?, reports? }, seed, release? }} what what to draw (the widget's `current()`):
 *   `reports`, as `reportsOf` gives them, name the preset's reports when the journalist gave no
 *   source; `release`, the engine's release when it is one (a page built from www/ has none)
 * @param {{ width: number, height: number | null, scale: number }} size
 */
export function graphic({ summary, start, tr, overlay, texts, seed, release = null }, size) {
  const { t, fmt } = tr;
  const words = WORDS[tr.lang] ?? WORDS.en;
  const measure = measurer();
  const W = Math.round(size.width);
  const k = size.scale;
  const pad = Math.round(Math.max(12, Math.min(32, W * 0.025)));
  const inner = W - 2 * pad;
  // Text sizes follow the width: a phone's column gets the widget's, a social card larger.
  const big = Math.round(Math.max(17, Math.min(34, W / 30)));
  const body = Math.round(Math.max(13, Math.min(22, W / 48)));
  const small = Math.round(Math.max(11, Math.min(17, W / 64)));
  const parts = [];
  let y = pad;
  const para = (text, px, weight, fill, gap = 0.3) => {
    if (!text) return;
    for (const line of wrap(text, inner, (s) => measure(s, px, weight))) {
      y += px * 1.2;
      parts.push(node("text", { x: pad, y: Math.round(y - px * 0.22), "font-size": px, "font-weight": weight, "font-family": FONT, fill }, line));
    }
    y += px * gap;
  };
  para(texts.title, big, 700, INK);
  para(texts.dek, body, 400, MUTED);
  para(texts.headline, body, 400, INK);
  para(texts.numbers, small, 400, MUTED);
  // The legend: each key a swatch and its words, wrapped as a line of text would be.
  const sw = Math.round(small * 1.6);
  const keys = [
    { label: t("fanLegendOuter"), swatch: { tag: "rect", fill: LIGHT.bandOuter, opacity: 0.55 } },
    { label: t("fanLegendInner"), swatch: { tag: "rect", fill: LIGHT.bandInner, opacity: 0.65 } },
    { label: t("fanLegendMedian"), swatch: { tag: "line", stroke: LIGHT.median, "stroke-width": 2 } },
    { label: words.floor, swatch: { tag: "line", stroke: LIGHT.requirement, "stroke-width": 1.5, "stroke-dasharray": "5 4" } },
  ];
  let x = pad;
  let row = y + small * 1.2;
  for (const key of keys) {
    const w = sw + 5 + measure(key.label, small) + small;
    if (x > pad && x + w - small > W - pad) {
      x = pad;
      row += small * 1.5;
    }
    const mid = Math.round(row - small * 0.35);
    const { tag, ...paint } = key.swatch;
    parts.push(
      tag === "rect"
        ? node("rect", { x, y: mid - Math.round(small * 0.35), width: sw, height: Math.round(small * 0.7), class: "legend-swatch", ...paint })
        : node("line", { x1: x, x2: x + sw, y1: mid, y2: mid, class: "legend-swatch", ...paint }),
    );
    parts.push(node("text", { x: x + sw + 5, y: Math.round(row - small * 0.05), "font-size": small, "font-family": FONT, fill: INK, class: "legend-label" }, key.label));
    x += w;
  }
  y = row + small * 0.8;
  // Under the chart: the journalist's note (it may hold the key assumption), then the foot:
  // the source (the journalist's, or the reports the preset's figures come from), the
  // simulation that drew it (release, seed, futures: enough to draw it again) and the credit.
  const noteLines = texts.note ? wrap(texts.note, inner, (s) => measure(s, body)) : [];
  const noteHeight = noteLines.length ? noteLines.length * body * 1.25 + body * 0.3 : 0;
  const source = sourceOf(texts, texts.reports, words);
  const foot = [];
  const footText = [source && t("sourceLine")(source), words.simulation(seed, fmt.int(summary.trials), release), texts.credit && t("creditLine")(texts.credit)].filter(Boolean);
  for (const text of footText) for (const line of wrap(text, inner, (s) => measure(s, small))) foot.push(line);
  const footHeight = foot.length * small * 1.3 + pad * 0.6 + noteHeight;
  // The chart, drawn `k` times smaller than it shows and enlarged, its axis title in the left
  // margin and its right edge on the texts': in a fixed size it takes the height left (its fan
  // at least 140 units).
  const cw = (W - 2 * pad + 10) / k;
  const fanHeight = size.height ? Math.max(140, Math.floor((size.height - y - footHeight - pad * 0.4) / k - 43)) : undefined;
  const chart = fanChart(summary, start, tr, cw, { overlay, height: fanHeight });
  const ch = Number(chart.attrs.height) * k;
  parts.push(node("g", { transform: `translate(${pad - 10} ${Math.round(y)}) scale(${k})`, class: "chart" }, chart.children));
  y += ch + pad * 0.4;
  for (const line of noteLines) {
    y += body * 1.25;
    parts.push(node("text", { x: pad, y: Math.round(y - body * 0.22), "font-size": body, "font-family": FONT, fill: INK, class: "note" }, line));
  }
  if (noteLines.length) y += body * 0.3;
  for (const line of foot) {
    y += small * 1.3;
    parts.push(node("text", { x: pad, y: Math.round(y - small * 0.25), "font-size": small, "font-family": FONT, fill: MUTED, class: "foot" }, line));
  }
  const H = size.height ?? Math.ceil(y + pad * 0.6);
  return node("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": [texts.title, texts.headline].filter(Boolean).join(". ") }, [
    node("rect", { x: 0, y: 0, width: W, height: H, fill: PAPER }),
    ...parts,
  ]);
}

export const svgBlob = (tree) => new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${toSvg(tree)}\n`], { type: "image/svg+xml" });

/** Draws a graphic's tree (groups, paths, lines, rects, texts) on a canvas: a PNG of
 * `density` pixels a unit. */
export function pngBlob(tree, density = 1) {
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(tree.attrs.width * density);
  canvas.height = Math.round(tree.attrs.height * density);
  const g = canvas.getContext("2d");
  g.scale(density, density);
  const draw = (n) => {
    const a = n.attrs ?? {};
    const num = (key, d = 0) => Number(a[key] ?? d);
    g.save();
    const transform = a.transform ?? "";
    for (const [, op, args] of transform.matchAll(/(\w+)\(([^)]*)\)/g)) {
      const v = args.split(/[\s,]+/).map(Number);
      if (op === "translate") g.translate(v[0], v[1] ?? 0);
      else if (op === "scale") g.scale(v[0], v[1] ?? v[0]);
      else if (op === "rotate") {
        g.translate(v[1] ?? 0, v[2] ?? 0);
        g.rotate((v[0] * Math.PI) / 180);
        g.translate(-(v[1] ?? 0), -(v[2] ?? 0));
      }
    }
    g.globalAlpha *= num("opacity", 1);
    g.lineWidth = num("stroke-width", 1);
    g.setLineDash(a["stroke-dasharray"] ? String(a["stroke-dasharray"]).split(/[\s,]+/).map(Number) : []);
    let shape = null;
    if (n.tag === "path") shape = new Path2D(a.d);
    else if (n.tag === "line") {
      shape = new Path2D();
      shape.moveTo(num("x1"), num("y1"));
      shape.lineTo(num("x2"), num("y2"));
    } else if (n.tag === "rect") {
      shape = new Path2D();
      shape.rect(num("x"), num("y"), num("width"), num("height"));
    }
    if (shape) {
      if (a.fill && a.fill !== "none" && n.tag !== "line") {
        g.fillStyle = a.fill;
        g.fill(shape);
      }
      if (a.stroke && a.stroke !== "none") {
        g.strokeStyle = a.stroke;
        g.stroke(shape);
      }
    } else if (n.tag === "text") {
      g.fillStyle = a.fill ?? INK;
      g.font = `${a["font-weight"] ?? 400} ${a["font-size"] ?? 11}px ${a["font-family"] ?? FONT}`;
      g.textAlign = a["text-anchor"] === "middle" ? "center" : a["text-anchor"] === "end" ? "right" : "left";
      // A halo first (SVG's paint-order: stroke), then the letters.
      if (a.stroke && a.stroke !== "none" && a["paint-order"] === "stroke") {
        g.strokeStyle = a.stroke;
        g.lineJoin = a["stroke-linejoin"] ?? "miter";
        g.strokeText(n.text ?? "", num("x"), num("y"));
      }
      g.fillText(n.text ?? "", num("x"), num("y"));
    }
    for (const child of n.children ?? []) draw(child);
    g.restore();
  };
  for (const child of tree.children) draw(child);
  return new Promise((ok) => canvas.toBlob(ok, "image/png"));
}

/** The download buttons' actions. `startOf(summary)`: the date of day 0; `current()`: { summary,
 * names (for fileName), tr, overlay, texts, seed, screenWidth, preset, presetScenario,
 * scenario, asOf (the preset's evidence date), sources (the preset's), cited (a promise of
 * their citations by field) }; `size()`: the graphic's size chosen (a key of SIZES). */
export function downloads({ startOf, current, size = () => "social" }) {
  const tree = async () => {
    const now = current();
    const key = SIZES[size()] ? size() : "social";
    const chosen = { ...SIZES[key] };
    chosen.width ??= now.screenWidth || 640;
    const texts = { ...now.texts, reports: reportsOf(now.sources, await now.cited) };
    return { key, chosen, names: now.names, tree: graphic({ ...now, texts, release: release(), start: startOf(now.summary) }, chosen) };
  };
  return {
    csv() {
      const { summary, names } = current();
      save(fileName(names, "csv"), csvBlob(bandsCsv(summary, startOf(summary))));
    },
    /** The CSV's metadata, named after it. */
    async metadata() {
      const now = current();
      const reports = reportsOf(now.sources, await now.cited);
      const { summary, names, preset, presetScenario, scenario, texts, tr, asOf } = now;
      const words = WORDS[tr.lang] ?? WORDS.en;
      const meta = csvMetadata({
        csvName: fileName(names, "csv"),
        summary,
        start: startOf(summary),
        lang: tr.lang,
        title: texts.title,
        source: sourceOf(texts, reports, words),
        release: release(),
        preset,
        asOf,
        changed: changes(presetScenario, scenario),
        scenario,
      });
      save(fileName(names, "metadata.json"), new Blob([`${JSON.stringify(meta, null, 2)}\n`], { type: "application/json" }));
    },
    json() {
      const { names, preset, presetScenario, scenario } = current();
      save(fileName(names, "json"), scenarioJson(preset, presetScenario, scenario));
    },
    async svg() {
      const { key, names, tree: t } = await tree();
      save(fileName(names, "svg", key), svgBlob(t));
    },
    async png() {
      const { key, chosen, names, tree: t } = await tree();
      save(fileName(names, "png", key), await pngBlob(t, chosen.density));
    },
  };
}
