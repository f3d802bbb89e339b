// The sensitivity panel (a tornado) under the chart: after the main run, each figure with a
// stated range is set to its low and high end, one at a time, in the workers (paired.js), with
// the same seed; sensitivity.js turns the runs into the command's rows. The first pass uses as
// many futures a bar as fit in about 0.4 s on the reader's cores (measured from the main run);
// while the panel is on screen and nothing else happens it runs again with four times as
// many, up to the widget's own number of futures, as long as a pass is expected to take at
// most REFINE_MS. Every run keeps its trials' figures, so a change of measure needs no new
// run. The bars have a table equivalent and a CSV download.
import { h } from "./dom.js";
import { toDom } from "./charts.js";
import { parsePath } from "../state/paths.js";
import { twoDigits } from "../words/format.js";
import { DEFAULT_METRIC, METRICS, plan, tornado, tornadoCsv, trialsFor } from "../engine/sensitivity.js";

/** Bars shown before "Show all". */
const SHOWN = 8;
/** The most futures a bar refines to. */
const MAX_TRIALS = 100_000;
/** The longest refining pass started, in milliseconds of wall time (estimated from the pass
 * before it): refinement is background work, and a reader's phone pays for it. */
export const REFINE_MS = 3_000;
const ROW = 36;
/** Room above the bars for the axis's labels. */
const TOP = 22;

const pts = (x, fmt) => fmt.num(x * 100, 1);


/**
 * A figure's range in the reader's units, from the field's name: days ("1–3 years" for a
 * horizon), a rate a year, a share as percentages, GPUs and B200e as whole numbers, FLOP in
 * powers of ten; anything else as numbers.
 */
export function rangeWords(field, low, high, { fmt }, words) {
  const last = field.split(".").at(-1).replace(/\[\d+\]$/, "");
  const both = (f) => words.range(f(low), f(high));
  if (last === "horizon_days" && low % 365 === 0 && high % 365 === 0) return words.years(fmt.num(low / 365), fmt.num(high / 365));
  if (/_days$|^median$|^p90$|^start_day$|^online_day$/.test(last)) return words.days(both((x) => fmt.int(x)));
  // (A rate below 0.01 a year keeps two significant digits: an uncertain rate's 10th
  // percentile can be 0.0024, or 0.0000079.)
  const decimals = (x) => (x > 0 && x < 0.01 ? 1 - Math.floor(Math.log10(x)) : 2);
  if (last === "rate_per_year") return words.perYear(both((x) => fmt.num(twoDigits(x), decimals(x))));
  if (/probability$|^availability$|^share$|^fraction$|^mfu$/.test(last)) return both((x) => fmt.share(x));
  if (last === "flop") return both((x) => x.toExponential(1).replace("e+", "e"));
  return both((x) => fmt.int(x));
}

/** The height of a chart of `rows` bars at `width` (at least 280): a row a bar, taller when
 * narrow (the swing on a line of its own). */
export const tornadoHeight = (rows, width) => TOP + rows * (width < 480 ? ROW + 12 : ROW) + 6;

/** The bars as a tree of SVG nodes (charts.js's format). */
export function tornadoChart(result, { width, tr, words, label }) {
  const { fmt } = tr;
  width = Math.max(280, Math.round(width || 640));
  const m = { left: 8, right: 8, top: TOP };
  const values = [result.baseline, ...result.rows.flatMap((r) => [r.metric_at_low, r.metric_at_high])].filter((v) => Number.isFinite(v));
  let lo = Math.floor(Math.min(...values) * 10) / 10;
  let hi = Math.ceil(Math.max(...values) * 10) / 10;
  if (hi - lo < 0.2) [lo, hi] = hi > 0.9 ? [hi - 0.2, hi] : [lo, lo + 0.2];
  lo = Math.max(0, lo);
  hi = Math.min(1, Math.max(hi, lo + 0.1));
  const x = (v) => m.left + ((v - lo) / (hi - lo)) * (width - m.left - m.right);
  const c = (v) => Math.round(v * 10) / 10;
  // Narrow: the swing goes on a line of its own under the name, which then has the width.
  const narrow = width < 480;
  const row = narrow ? ROW + 12 : ROW;
  const bars = narrow ? 27 : 15;
  const height = tornadoHeight(result.rows.length, width);
  const nodes = [];
  const step = hi - lo > 0.5 ? 0.2 : 0.1;
  for (let v = lo; v <= hi + 1e-9; v += step) {
    const px = c(x(v));
    nodes.push({ tag: "line", attrs: { x1: px, x2: px, y1: m.top - 4, y2: height - 4, class: "tornado-grid" } });
    nodes.push({ tag: "text", attrs: { x: px, y: 12, "text-anchor": v === lo ? "start" : v + step > hi + 1e-9 ? "end" : "middle", class: "tornado-tick" }, text: fmt.share(Math.round(v * 100) / 100) });
  }
  // Widths at 11px, roughly: wide (CJK) characters 11 units, others 6.5.
  const wide = (ch) => ch.charCodeAt(0) > 0x2e80;
  const measure = (s) => [...s].reduce((w, ch) => w + (wide(ch) ? 11 : 6.5), 0);
  const fit = (s, room) => {
    if (measure(s) <= room) return s;
    let out = "";
    for (const ch of s) {
      if (measure(`${out}${ch}…`) > room) break;
      out += ch;
    }
    return `${out}…`;
  };
  result.rows.forEach((r, i) => {
    const y = m.top + i * row;
    const noise = r.within_noise ? " within-noise" : "";
    const name = label(r);
    const swing = words.swing(`${r.swing >= 0 ? "+" : "−"}${pts(Math.abs(r.swing), fmt)}`, pts(r.standard_error, fmt)) + (r.within_noise ? ` (${words.noise})` : "");
    const text = fit(name, Math.max(40, width - m.left - m.right - (narrow ? 0 : measure(swing) + 10)));
    nodes.push({ tag: "text", attrs: { x: m.left, y: y + 11, class: `tornado-label${noise}` }, text });
    nodes.push({ tag: "text", attrs: { x: width - m.right, y: y + (narrow ? 23 : 11), "text-anchor": "end", class: `tornado-swing${noise}` }, text: swing });
    const bar = (v, cls) => {
      const [a, b] = [x(Math.min(v, result.baseline)), x(Math.max(v, result.baseline))];
      nodes.push({ tag: "rect", attrs: { x: c(a), y: y + bars, width: c(Math.max(1, b - a)), height: 12, class: `${cls}${noise}` } });
    };
    bar(r.metric_at_low, "tornado-low");
    bar(r.metric_at_high, "tornado-high");
  });
  const bx = c(x(result.baseline));
  nodes.push({ tag: "line", attrs: { x1: bx, x2: bx, y1: m.top - 2, y2: height - 4, class: "tornado-base" } });
  return { tag: "svg", attrs: { viewBox: `0 0 ${width} ${height}`, width, height, "aria-hidden": "true" }, children: nodes };
}

/**
 * The panel. `pool`: the workers (paired.js); `describe(scenario, keys)`: a figure's name;
 * `metric`: the first measure (from the URL); `onMetric(metric)`: the reader chose another;
 * `save(name, text)`: a CSV download; `report(shown)`: the bars now drawn (sensitivity.js
 * `tornado`'s result with the run's seed and elapsed ms; null when none), for the widget's
 * public object.
 */
export function tornadoPanel({ pool, uid, describe, metric = DEFAULT_METRIC, onMetric, save, report = () => {} }) {
  let tr = null;
  let words = null;
  let element = null;
  let parts = null;
  let all = false;
  /** The last finished pass: its plan, replies, trials, seed and scenario. */
  let done = null;
  let pass = null;
  let message = "";
  /** The scenario has no ranges to vary: no bars will come. */
  let nothing = false;

  const rowsFor = () => (done ? tornado(done.plan, done.replies, metric, done.trials) : null);
  /** A bar's label: the figure and its range (an uncertain figure's 10th to 90th percentile). */
  const label = (r) => {
    const range = rangeWords(r.field, r.low, r.high, tr, words);
    const uncertain = done.plan.rows.some((p) => p.field === r.field && p.source === null);
    return `${describe(done.scenario, parsePath(r.field))} (${uncertain ? words.uncertainRange(range) : range})`;
  };

  function build(translator, text) {
    tr = translator;
    words = text;
    const select = h(
      "select",
      { id: uid("metric"), onchange: (e) => setMetric(e.target.value, true) },
      METRICS.map((k) => h("option", { value: k }, words.metrics[k])),
    );
    select.value = metric;
    parts = {
      select,
      legend: h(
        "p",
        { class: "cs-legend", "aria-hidden": "true" },
        h("span", { class: "cs-key" }, h("span", { class: "cs-swatch cs-swatch-low" }), words.atLow),
        h("span", { class: "cs-key" }, h("span", { class: "cs-swatch cs-swatch-high" }), words.atHigh),
        h("span", { class: "cs-key" }, h("span", { class: "cs-swatch cs-swatch-base" }), words.asIs),
      ),
      chart: h("div", { class: "cs-chart cs-tornado-chart" }),
      status: h("p", { class: "cs-status", role: "status" }),
      // Until the bars are known, the button holds its place (every preset has more than
      // SHOWN rows), as the chart does, so the view does not grow when they arrive.
      more: h("button", { type: "button", class: "cs-more-bars", onclick: () => ((all = !all), render()) }),
      table: h("table", { class: "cs-data cs-tornado-table" }),
      csv: h("button", { type: "button", onclick: download }, words.downloadCsv),
    };
    element = h(
      "section",
      { class: "cs-tornado", "aria-labelledby": uid("tornado-h") },
      h("h2", { id: uid("tornado-h") }, words.tornadoTitle),
      h("p", { class: "cs-view-intro" }, words.tornadoIntro),
      h("p", { class: "cs-view-control" }, h("label", { for: select.id }, words.metric), select),
      parts.legend,
      parts.chart,
      parts.more,
      h("p", { class: "cs-table-note" }, words.noiseNote),
      parts.status,
      h("details", { class: "cs-data-wrap" }, h("summary", {}, words.tableTitle), h("div", { class: "cs-table-wrap", tabindex: "0", role: "region", "aria-label": words.tableTitle }, parts.table)),
      h("p", { class: "cs-view-actions" }, parts.csv),
    );
    // Redrawn (or its room kept) at the next frame, not in the observer's callback: a height
    // changed there would be a change the observer cannot deliver in the same frame (an error
    // some browsers report).
    let frame = 0;
    new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => (done ? draw() : nothing ? null : reserve()));
    }).observe(parts.chart);
    render();
    return element;
  }

  function setMetric(next, byReader) {
    if (!METRICS.includes(next)) return;
    metric = next;
    if (parts) parts.select.value = next;
    if (byReader) onMetric?.(next);
    render();
  }

  /** Keeps the height of a chart of SHOWN bars at the chart's width for the bars to come (a
   * box narrower than the narrowest chart shows it scaled down, as `draw` does). */
  function reserve() {
    const box = parts.chart.clientWidth;
    const width = Math.max(280, Math.round(box));
    if (box) parts.chart.style.minHeight = `${(tornadoHeight(SHOWN, width) * box) / width}px`;
  }

  function draw() {
    const result = rowsFor();
    if (!result || !parts.chart.isConnected) return;
    parts.chart.style.minHeight = "";
    const shown = all ? result.rows : result.rows.slice(0, SHOWN);
    const svg = toDom(tornadoChart({ ...result, rows: shown }, { width: parts.chart.clientWidth || 640, tr, words, label }), parts.chart.ownerDocument);
    svg.style.width = "100%";
    svg.style.height = "auto";
    parts.chart.replaceChildren(svg);
  }

  function render() {
    if (!parts) return;
    const result = rowsFor();
    report(result && { ...result, seed: done.seed, elapsed: done.elapsed });
    parts.status.textContent = message;
    if (!result) {
      parts.chart.replaceChildren();
      parts.table.replaceChildren();
      // Bars to come keep their room; a scenario with no ranges has no bars, and no room.
      if (nothing) parts.chart.style.minHeight = "";
      else reserve();
      parts.more.hidden = nothing;
      parts.more.style.visibility = "hidden";
      parts.more.textContent = words.showFewer;
      parts.csv.disabled = true;
      return;
    }
    parts.csv.disabled = result.rows.length === 0;
    parts.more.style.visibility = "";
    parts.more.hidden = result.rows.length <= SHOWN;
    parts.more.textContent = all ? words.showFewer : words.showAll(result.rows.length);
    draw();
    const { fmt } = tr;
    const cell = (text, cls = "cs-num") => h("td", { class: cls }, text);
    parts.table.replaceChildren(
      h("caption", {}, words.metrics[metric]),
      h("thead", {}, h("tr", {}, [words.field, words.low, words.high, words.valueLow, words.valueHigh, words.swingHead, words.seHead, words.noiseHead].map((x) => h("th", { scope: "col" }, x)))),
      h(
        "tbody",
        {},
        result.rows.map((r) =>
          h(
            "tr",
            { class: r.within_noise ? "within-noise" : undefined },
            h("th", { scope: "row" }, describe(done.scenario, parsePath(r.field))),
            cell(fmt.num(r.low, 3)),
            cell(fmt.num(r.high, 3)),
            cell(fmt.share(r.metric_at_low)),
            cell(fmt.share(r.metric_at_high)),
            cell(`${r.swing >= 0 ? "+" : "−"}${pts(Math.abs(r.swing), fmt)}`),
            cell(pts(r.standard_error, fmt)),
            cell(r.within_noise ? words.yes : "–", undefined),
          ),
        ),
      ),
    );
  }

  function download() {
    const result = rowsFor();
    if (result) save(`compute-shock_sensitivity_${metric}_seed-${done.seed}_${done.trials}-futures.csv`, tornadoCsv(result.rows));
  }

  /** Runs passes with more futures a bar, each replacing the last on screen, from `from`
   * futures until `max` (or until the next pass would take longer than REFINE_MS). */
  async function passes({ scenario, sources, uncertain, seed, from, max, key }) {
    const token = (pass = {});
    const p = plan(scenario, sources, uncertain);
    nothing = p.rows.length === 0;
    if (nothing) {
      done = null;
      message = words?.noRanges ?? "";
      render();
      return;
    }
    for (let n = from; ; n = Math.min(max, n * 4)) {
      message = done ? `${words.status(tr.fmt.int(done.trials), done.seed, tr.fmt.int(done.elapsed))}${words.refining(tr.fmt.int(n))}` : words.computing(tr.fmt.int(n));
      if (parts) parts.status.textContent = message;
      const replies = await pool.run(p.jobs.map((s) => ({ scenario: s, trials: n, seed })));
      if (!replies || pass !== token) return;
      done = { plan: p, replies, trials: n, seed, scenario, elapsed: replies.elapsed, key, max };
      const refused = tornado(p, replies, metric, n).refused.length;
      message = words.status(tr.fmt.int(n), seed, tr.fmt.int(replies.elapsed)) + (refused ? ` ${words.refused(refused)}` : "");
      render();
      const next = Math.min(max, n * 4);
      if (n >= max || (replies.elapsed * next) / n > REFINE_MS) return;
    }
  }

  return {
    build,
    setMetric,
    get metric() {
      return metric;
    },
    /** A finished main run, or the panel back on screen: runs (or goes on refining) for its
     * scenario; resolves when the passes stop. `msPerTrial`: what a trial of it cost on one
     * core; `workers`: how many the pool has. */
    start({ scenario, sources, uncertain = [], seed, trials, msPerTrial, workers }) {
      const key = `${seed} ${trials} ${JSON.stringify(scenario)} ${JSON.stringify(sources)}`;
      if (done?.key === key) {
        // The same run, interrupted: go on from the last finished pass.
        const next = Math.min(done.max, done.trials * 4);
        if (done.trials >= done.max || (done.elapsed * next) / done.trials > REFINE_MS) return Promise.resolve();
        return passes({ scenario, sources, uncertain, seed, from: next, max: done.max, key });
      }
      const jobs = 1 + 2 * plan(scenario, sources, uncertain).rows.length;
      const first = Math.min(trials, trialsFor({ runs: jobs, msPerTrial, workers }));
      return passes({ scenario, sources, uncertain, seed, from: first, max: Math.min(MAX_TRIALS, Math.max(first, trials)), key });
    },
    /** Stops any pass under way (the scenario is changing). */
    stop() {
      pass = null;
    },
  };
}
