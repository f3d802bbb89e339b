// Two scenarios side by side: "the status quo" (pinned by the reader, a preset, or the URL's
// `compare` parameter) and "the change" (what is on screen), run over the same futures in the
// workers (paired.js). Both fan charts share one axis, and each trial's difference, the change
// minus the status quo, is shown as its own small distribution: a scenario compared with
// itself differs by exactly zero in every future. `differences` is pure; the panel draws.
import { h } from "./dom.js";
import { fanChart, niceTicks, toDom } from "./charts.js";
import { FIGURE } from "../engine/paired.js";

/** The per-trial differences B − A of two runs' figures over `n` trials: for each measure,
 * the sorted differences; days to train only where both finish, with the unfinished counts. */
export function differences(fa, fb, n) {
  const capacity = new Float64Array(n);
  const shortfall = new Float64Array(n);
  const training = [];
  let unfinishedA = 0;
  let unfinishedB = 0;
  for (let i = 0; i < n; i++) {
    const k = i * FIGURE.size;
    capacity[i] = fb[k + FIGURE.capacity] - fa[k + FIGURE.capacity];
    shortfall[i] = fb[k + FIGURE.shortfallDays] - fa[k + FIGURE.shortfallDays];
    const [ta, tb] = [fa[k + FIGURE.daysToTrain], fb[k + FIGURE.daysToTrain]];
    unfinishedA += Number.isNaN(ta);
    unfinishedB += Number.isNaN(tb);
    if (!Number.isNaN(ta) && !Number.isNaN(tb)) training.push(tb - ta);
  }
  return { n, capacity: describe(capacity), shortfall: describe(shortfall), training: describe(Float64Array.from(training)), unfinishedA, unfinishedB };
}

/** A set of differences: sorted, with the shares lower than, equal to and higher than zero
 * and the 5th, 50th and 95th percentiles (nearest rank). */
export function describe(values) {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const q = (p) => (n ? sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))] : null);
  let lower = 0;
  let higher = 0;
  for (const v of sorted) {
    if (v < 0) lower++;
    else if (v > 0) higher++;
  }
  return { sorted, n, lower: n ? lower / n : 0, same: n ? (n - lower - higher) / n : 0, higher: n ? higher / n : 0, p5: q(0.05), p50: q(0.5), p95: q(0.95) };
}

/** A distribution of differences as a small histogram (charts.js's node format): bins over
 * its range with zero on a bin edge, the zero line marked. */
export function differenceChart(d, { width, fmt }) {
  width = Math.max(240, Math.round(width || 320));
  const height = 64;
  const m = { left: 6, right: 6, top: 4, bottom: 18 };
  const nodes = [];
  const lo = Math.min(0, d.sorted[0] ?? 0);
  const hi = Math.max(0, d.sorted[d.n - 1] ?? 0);
  const span = hi - lo || 1;
  const bins = 24;
  const w = span / bins;
  const counts = new Array(bins + 1).fill(0);
  const bin = (v) => (v === 0 ? -1 : Math.min(bins, Math.floor((v - lo) / w)));
  let zero = 0;
  for (const v of d.sorted) {
    const b = bin(v);
    if (b < 0) zero++;
    else counts[b]++;
  }
  const x = (v) => m.left + ((v - lo) / (span + w)) * (width - m.left - m.right);
  const max = Math.max(zero, ...counts, 1);
  const y = (c) => height - m.bottom - (c / max) * (height - m.top - m.bottom);
  const c = (v) => Math.round(v * 10) / 10;
  counts.forEach((count, k) => {
    if (count) nodes.push({ tag: "rect", attrs: { x: c(x(lo + k * w)), y: c(y(count)), width: c(Math.max(1.5, x(lo + (k + 1) * w) - x(lo + k * w) - 1)), height: c(height - m.bottom - y(count)), class: "diff-bar" } });
  });
  if (zero) nodes.push({ tag: "rect", attrs: { x: c(x(0) - 2), y: c(y(zero)), width: 4, height: c(height - m.bottom - y(zero)), class: "diff-zero" } });
  nodes.push({ tag: "line", attrs: { x1: c(x(0)), x2: c(x(0)), y1: m.top, y2: height - m.bottom + 3, class: "diff-axis" } });
  nodes.push({ tag: "line", attrs: { x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom, class: "diff-axis" } });
  const ticks = [lo, 0, hi].filter((v, i, a) => a.indexOf(v) === i);
  for (const v of ticks) {
    const anchor = v === lo && v !== 0 ? "start" : v === hi && v !== 0 ? "end" : "middle";
    nodes.push({ tag: "text", attrs: { x: c(x(v)), y: height - 4, "text-anchor": anchor, class: "diff-tick" }, text: v === 0 ? "0" : `${v > 0 ? "+" : "−"}${fmt.compact(Math.abs(v))}` });
  }
  return { tag: "svg", attrs: { viewBox: `0 0 ${width} ${height}`, width, height, "aria-hidden": "true" }, children: nodes };
}

/** The peak both fan charts' axes reach. */
export const sharedPeak = (a, b) => niceTicks(Math.max(...a.bands.p95, ...b.bands.p95, a.requirement_b200e ?? 0, b.requirement_b200e ?? 0) * 1.08 || 1).at(-1);

/**
 * The panel. `presets` and `presetName(p)` fill the picker; `onPin()`: pin what is on screen;
 * `onPreset(id)`: compare with a preset; `onStop()`; `startOf(summary)`: day 0;
 * `report(shown)`: the comparison now drawn ({ names, trials, seed, differences }, null when
 * none), for the widget's public object.
 */
export function comparePanel({ uid, presets, presetName, onPin, onPreset, onStop, startOf, report = () => {} }) {
  let tr = null;
  let words = null;
  let parts = null;
  let element = null;
  let shown = null;
  let status = "";

  function build(translator, text) {
    tr = translator;
    words = text;
    const select = h(
      "select",
      { id: uid("compare-preset"), onchange: (e) => e.target.value && onPreset(e.target.value) },
      h("option", { value: "" }, words.choose),
      presets().map((p) => h("option", { value: p.id }, presetName(p))),
    );
    parts = {
      select,
      pick: h("div", { class: "cs-view-control" }, h("button", { type: "button", onclick: onPin }, words.pin), h("label", { for: select.id }, words.comparePreset), select),
      stop: h("button", { type: "button", onclick: onStop, hidden: true }, words.stop),
      status: h("p", { class: "cs-status", role: "status" }),
      body: h("div", { class: "cs-compare-body" }),
    };
    element = h(
      "section",
      { class: "cs-compare", "aria-labelledby": uid("compare-h") },
      h("h2", { id: uid("compare-h") }, words.compareTitle),
      h("p", { class: "cs-view-intro" }, words.compareIntro),
      parts.pick,
      parts.status,
      parts.body,
      h("p", { class: "cs-view-actions" }, parts.stop),
    );
    new ResizeObserver(() => shown && draw()).observe(parts.body);
    render();
    return element;
  }

  const chart = (summary, peak, width) => {
    const host = h("div", { class: "cs-chart" });
    const svg = toDom(fanChart(summary, startOf(summary), tr, width, { short: true, peak }), parts.body.ownerDocument);
    svg.style.width = "100%";
    svg.style.height = "auto";
    host.append(svg);
    return host;
  };

  function draw() {
    if (!shown || !parts.body.isConnected) return;
    const { a, b, names, diff } = shown;
    const { fmt } = tr;
    const full = parts.body.clientWidth || 640;
    const side = full >= 560;
    const width = side ? Math.floor((full - 16) / 2) : full;
    const peak = sharedPeak(a, b);
    const sign = (v) => (v === 0 ? "0" : `${v > 0 ? "+" : "−"}${fmt.int(Math.abs(v))}`);
    const sides = h(
      "div",
      { class: `cs-compare-charts${side ? " cs-side" : ""}` },
      h("figure", {}, h("figcaption", {}, words.named(words.statusQuo, names.a)), chart(a, peak, width)),
      h("figure", {}, h("figcaption", {}, words.named(words.change, names.b)), chart(b, peak, width)),
    );
    const measures = [
      ["diffCapacity", diff.capacity],
      ["diffShortfall", diff.shortfall],
      ["diffTraining", diff.training],
    ];
    const blocks = measures.map(([key, d]) => {
      const host = h("div", { class: "cs-chart cs-diff-chart" });
      const svg = toDom(differenceChart(d, { width: side ? Math.floor((full - 32) / 3) : full, fmt }), parts.body.ownerDocument);
      svg.style.width = "100%";
      svg.style.height = "auto";
      host.append(svg);
      const line = d.n === 0 ? "–" : d.same === 1 ? words.identical : `${words.split(fmt.share(d.lower), fmt.share(d.same), fmt.share(d.higher))}; ${words.median(sign(d.p50))}`;
      return h("div", { class: "cs-diff" }, h("h3", {}, words[key]), host, h("p", { class: "cs-diff-line" }, line));
    });
    const num = (v) => (v === null ? "–" : sign(v));
    const table = h(
      "table",
      { class: "cs-data" },
      h("thead", {}, h("tr", {}, [words.measure, "5%", "50%", "95%", words.lower, words.same, words.higher].map((x) => h("th", { scope: "col" }, x)))),
      h(
        "tbody",
        {},
        measures.map(([key, d]) => h("tr", {}, h("th", { scope: "row" }, words[key]), [num(d.p5), num(d.p50), num(d.p95), fmt.share(d.lower), fmt.share(d.same), fmt.share(d.higher)].map((x) => h("td", { class: "cs-num" }, x)))),
      ),
    );
    parts.body.replaceChildren(
      sides,
      h("h3", {}, words.differences),
      h("div", { class: `cs-diffs${side ? " cs-side" : ""}` }, ...blocks),
      h("p", { class: "cs-diff-line" }, words.unfinished(fmt.share(diff.unfinishedA / diff.n), fmt.share(diff.unfinishedB / diff.n))),
      h("details", { class: "cs-data-wrap" }, h("summary", {}, words.diffTable), h("div", { class: "cs-table-wrap", tabindex: "0", role: "region", "aria-label": words.diffTable }, table)),
    );
  }

  function render() {
    if (!parts) return;
    parts.status.textContent = status;
    parts.stop.hidden = !status && !shown;
    report(shown && { names: shown.names, trials: shown.diff.n, seed: shown.seed, differences: { capacity: [...shown.diff.capacity.sorted], shortfall: [...shown.diff.shortfall.sorted], training: [...shown.diff.training.sorted] } });
    if (shown) draw();
    else parts.body.replaceChildren();
  }

  return {
    build,
    /** Shows a comparison: both summaries, their names, and both runs' figures. */
    show({ a, b, figuresA, figuresB, names, seed }) {
      shown = { a, b, names, seed, diff: differences(figuresA, figuresB, a.trials) };
      status = words.compared(tr.fmt.int(a.trials), seed);
      if (parts) parts.select.value = "";
      render();
    },
    /** A line of status (running, or why there is no comparison); null clears it. */
    status(text, keep = true) {
      status = text ?? "";
      if (!keep) shown = null;
      render();
    },
    clear() {
      shown = null;
      status = "";
      render();
    },
  };
}
