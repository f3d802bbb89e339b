// The fan chart of daily capacity (and the shared parts of the histogram of days to train,
// histogram.js, loaded when it comes on screen). Each chart is computed
// once as a small tree of SVG nodes, { tag, attrs, text, children }; two writers turn a tree
// into DOM nodes for the page (text only through textContent, so nothing from a scenario is
// ever parsed as markup) or into an escaped SVG string (the no-script fallback, built in Node
// without a DOM). Both therefore have the same ticks, layout and class names.
//
// Shapes carry their class (the page's CSS themes them) and the light theme's colours as
// presentation attributes, which any CSS rule overrides: the static SVG has colours of its
// own, and the page keeps its light, dark and automatic themes. Language comes only from the
// translator `tr`, { lang, t(key), fmt }, passed in.

import { horizonWords } from "../words/story.js";
import { DAY_MS, addDays } from "../words/format.js";

const NS = "http://www.w3.org/2000/svg";

/** The light theme's colours, one palette for every drawing made outside the page's CSS (the
 * fan chart and the histogram here, the events' marks, the downloads, the no-script chart):
 * widget.css's light values (tests/js/charts.test.mjs holds the two together). */
export const LIGHT = { ink: "#1d1d1b", muted: "#5c5a55", paper: "#ffffff", rule: "#d9d5cc", bandOuter: "#9cc3de", bandInner: "#4b8ebf", median: "#0b3d5e", requirement: "#b3261e" };
const TEXT = { "font-size": 11, "font-family": "system-ui, sans-serif", fill: LIGHT.muted };
const PAINT = {
  // Lines in the fan chart's grid group, tick marks and the baseline included (`.grid line`).
  grid: { stroke: LIGHT.rule, "stroke-width": 1 },
  "grid-line": { stroke: LIGHT.rule, "stroke-width": 1 },
  axis: { stroke: LIGHT.muted },
  tick: TEXT,
  "axis-label": TEXT,
  // A halo of the paper's colour under the floor's label keeps it legible where a line passes.
  "requirement-label": { ...TEXT, fill: LIGHT.requirement, "font-weight": 600, stroke: LIGHT.paper, "stroke-width": 3, "stroke-linejoin": "round", "paint-order": "stroke" },
  "strip-label": { ...TEXT, fill: LIGHT.requirement },
  "band-outer": { fill: LIGHT.bandOuter, opacity: 0.55 },
  "band-inner": { fill: LIGHT.bandInner, opacity: 0.65 },
  median: { fill: "none", stroke: LIGHT.median, "stroke-width": 2 },
  requirement: { stroke: LIGHT.requirement, "stroke-width": 1.5, "stroke-dasharray": "5 4" },
  below: { fill: LIGHT.requirement, opacity: 0.75 },
  bar: { fill: LIGHT.bandInner },
  "bar-tail": { fill: LIGHT.bandOuter },
  "bar-unfinished": { fill: LIGHT.requirement },
};

/** A coordinate to a tenth of a unit (the charts are drawn a few hundred units wide). */
export const c = (v) => Math.round(v * 10) / 10;

/** A node: `content` is its text (a string) or its children (an array). */
export function n(tag, attrs = {}, content) {
  const node = { tag, attrs };
  if (typeof content === "string") node.text = content;
  else if (content) node.children = content;
  return node;
}

/** A shape with its class and the light theme's paint for that class (or `paint`). */
export const shape = (tag, cls, attrs, text, paint = PAINT[cls]) => n(tag, { ...attrs, class: cls, ...paint }, text);

/** Round tick steps (1, 2, 2.5, 5 × 10^k) giving about `count` ticks up to `max`. */
export function niceTicks(max, count = 5) {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const ticks = [0];
  while (ticks[ticks.length - 1] < max - step * 1e-9) ticks.push(Math.round(ticks.length * step * 1e6) / 1e6);
  return ticks;
}

const MONTH_DAYS = 30.44;

/** A label's width in units at 11px, roughly: wide (CJK) characters 11, others 7. */
const textWidth = (s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 11 : 7), 0);

/**
 * Month ticks over `days` days, at most about six, and none closer than their labels need at
 * `unitsPerDay`: the first of each month from `start` (a calendar day, format.js), or, with
 * no start (null), every few months counted from now.
 */
export function monthTicks(start, days, tr, unitsPerDay = Infinity) {
  for (const every of [1, 2, 3, 6, 12, 24]) {
    if (days / MONTH_DAYS / every > 6 && every < 24) continue;
    const ticks = [];
    if (!start) {
      for (let k = 0; Math.round(k * MONTH_DAYS) < days; k += every) {
        ticks.push({ day: Math.round(k * MONTH_DAYS), label: k === 0 ? tr.t("fanNow") : tr.t("fanMonthsAhead")(k) });
      }
    } else {
      const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      for (let day; (day = Math.round((d - start) / DAY_MS)) < days; d.setUTCMonth(d.getUTCMonth() + 1)) {
        if (d.getUTCMonth() % every === 0) ticks.push({ day, label: tr.fmt.month(d) });
      }
    }
    const room = Math.max(0, ...ticks.map((x) => textWidth(x.label))) + 6;
    if (every === 24 || ticks.every((x, i) => i === 0 || (x.day - ticks[i - 1].day) * unitsPerDay >= room)) return ticks;
  }
}

/**
 * A path through (x(i), y(v[i])) for i from `from` to `to` (either way), as "x,y" points, y
 * rounded by `r`; the middle points of a level run are left out (they lie on the line between
 * its ends).
 */
function points(v, x, y, from, to, r = c) {
  const out = [];
  const dir = to >= from ? 1 : -1;
  for (let i = from; i !== to + dir; i += dir) {
    const py = r(y(v[i]));
    const level = i !== from && i !== to && r(y(v[i - dir])) === py && r(y(v[i + dir])) === py;
    if (!level) out.push(`${c(x(i))},${py}`);
  }
  return out;
}

/**
 * The fan chart as a tree of SVG nodes, with a strip under it on the same time axis: the
 * share of futures below the requirement each day (0–100%), where a halt too short to move
 * the bands shows.
 * @param {object} summary the simulation summary
 * @param {Date | null} start the date of day 0; null labels the axis from now ("+6 months")
 * @param {{ lang: string, t: (key: string) => any, fmt: object }} tr the reader's language
 * @param {number} [width] the width in CSS pixels (the height follows)
 * @param {{ short?: boolean, overlay?: { room: number, nodes: Function } | null, peak?: number }} [options]
 *   `short`: lower, 0.4 of the width (story mode, where the chart shares a phone's screen with
 *   the headline and the controls); `overlay`: marks drawn over the bands, `room` units above
 *   them (events.js); `peak`: the y axis reaches at least this (two charts on one axis);
 *   `height`: the fan's own height, fixed (the downloads' graphics)
 */
export function fanChart(summary, start, tr, width = 640, { short = false, overlay = null, peak: shared = 0, height: fixed = 0 } = {}) {
  const { t, fmt } = tr;
  width = Math.max(280, Math.round(width || 640));
  const fanHeight = fixed || Math.round(Math.min(380, short ? Math.max(140, width * 0.4) : Math.max(230, width * 0.5)));
  const { p5, p25, p50, p75, p95, below_requirement: below } = summary.bands;
  const days = p50.length;
  // The requirement: one level, or steps (each from its day on).
  const steps = summary.requirement_steps?.length > 1 ? summary.requirement_steps : [{ day: 0, b200e: summary.requirement_b200e }];
  const req = steps.at(-1).b200e;
  let peak = Math.max(shared, ...steps.map((s) => s.b200e));
  for (const v of p95) peak = Math.max(peak, v);
  const yTicks = niceTicks(peak * 1.08 || 1, fanHeight < 280 ? 4 : 5);
  // Room for the tick labels between the y axis's title and the axis: more for wide (CJK)
  // characters, as in Japanese's 4万.
  const wide = yTicks.some((v) => /[^\u0000-\u00ff]/.test(fmt.compact(v)));
  const m = { left: width < 420 ? (wide ? 50 : 46) : wide ? 62 : 58, right: 10, top: 14 + (overlay?.room ?? 0), bottom: 32 };
  const yMax = yTicks[yTicks.length - 1];
  const base = fanHeight - m.bottom;
  // The strip: its label under the fan's baseline, then 0% to 100% from its bottom up.
  const stripTop = base + 21;
  const stripBottom = stripTop + (width < 420 ? 24 : 30);
  const height = stripBottom + 24;
  const x = (d) => m.left + (d / Math.max(1, days - 1)) * (width - m.left - m.right);
  const y = (v) => base - (v / yMax) * (base - m.top);
  const ys = (share) => stripBottom - share * (stripBottom - stripTop);
  const last = days - 1;
  let worst = 0;
  for (const v of below) worst = Math.max(worst, v);
  const label =
    (start
      ? t("fanAria")(fmt.date(start), fmt.date(addDays(start, last)), fmt.int(p50[last]), fmt.int(p5[last]))
      : tr.t("fanAriaAhead")(horizonWords(summary.horizon_days ?? days, tr), fmt.int(p50[last]), fmt.int(p5[last]))) +
    t("fanAriaBelow")(fmt.share(worst));

  const grid = [];
  for (const v of yTicks) {
    grid.push(shape("line", undefined, { x1: m.left, x2: width - m.right, y1: c(y(v)), y2: c(y(v)) }, undefined, PAINT.grid));
    grid.push(shape("text", "tick", { x: m.left - 6, y: c(y(v) + 4), "text-anchor": "end" }, fmt.compact(v)));
  }
  for (const { day, label: text } of monthTicks(start, days, tr, (width - m.left - m.right) / Math.max(1, days - 1))) {
    grid.push(shape("line", "axis", { x1: c(x(day)), x2: c(x(day)), y1: stripBottom, y2: stripBottom + 4 }, undefined, PAINT.grid));
    grid.push(shape("text", "tick", { x: c(x(day)), y: stripBottom + 18, "text-anchor": "middle" }, text));
  }
  grid.push(shape("line", "axis", { x1: m.left, x2: width - m.right, y1: c(y(0)), y2: c(y(0)) }, undefined, PAINT.grid));
  for (const [share, at] of [[1, stripTop], [0, stripBottom]]) {
    grid.push(shape("line", share ? "strip-top" : "axis", { x1: m.left, x2: width - m.right, y1: at, y2: at }, undefined, PAINT.grid));
    grid.push(shape("text", "tick", { x: m.left - 6, y: at + 4, "text-anchor": "end" }, fmt.share(share)));
  }

  const marks = overlay ? overlay.nodes({ x, top: m.top, base, left: m.left, right: width - m.right }) : [];
  const floorLabel = t("fanRequirement")(fmt.int(req));
  const floorAt = floorLabelPlace({ label: floorLabel, level: y(req), from: steps.length > 1 ? x(steps.at(-1).day) : m.left, to: width - m.right, top: m.top, base, marks, median: (d) => y(p50[d]), x, days });
  const area = (lo, hi) => `M${[...points(hi, x, y, 0, last), ...points(lo, x, y, last, 0)].join("L")}Z`;
  const line = (v) => `M${points(v, x, y, 0, last).join("L")}`;
  return n("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": label }, [
    n("g", { class: "grid" }, grid),
    shape("path", "band-outer", { d: area(p5, p95) }),
    shape("path", "band-inner", { d: area(p25, p75) }),
    shape("path", "median", { d: line(p50) }),
    steps.length === 1
      ? shape("line", "requirement", { x1: m.left, x2: width - m.right, y1: c(y(req)), y2: c(y(req)) })
      : shape("path", "requirement", { d: `M${steps.map((s) => `${c(x(s.day))},${c(y(s.b200e))}`).join("H").replace(/H([\d.]+),([\d.]+)/g, "H$1V$2")}H${width - m.right}` }, undefined, { ...PAINT.requirement, fill: "none" }),
    ...marks,
    shape("text", "requirement-label", { x: c(floorAt.x), y: c(floorAt.y), "text-anchor": floorAt.anchor }, floorLabel),
    // The value axis's title, centred on the fan; a fan lower than the title (a phone's short
    // chart) has it rising from the baseline instead, clear of the strip's ticks below.
    yTitle(t("yAxis"), base, m.top),
    // The strip is a few dozen units high: half a unit is fine enough, and keeps the path short.
    shape("path", "below", { d: `M${points(below, x, ys, 0, last, (v) => Math.round(v * 2) / 2).join("L")}L${c(x(last))},${stripBottom}L${c(x(0))},${stripBottom}Z` }),
    shape("text", "strip-label", { x: m.left, y: base + 15 }, t("fanBelow")),
  ]);
}

/**
 * Where the floor's label goes: on the floor's last level (`level`, from x `from` to `to`),
 * right-aligned at its right end or further left, above the line or under it: the first place
 * whose box no event mark crosses and the median does not enter (`marks`: the overlay's nodes; `median(d)`:
 * the median's y on day d). None clear: the first, over its halo.
 * @returns {{ x: number, y: number, anchor: "start" | "end" }}
 */
export function floorLabelPlace({ label, level, from, to, top, base, marks, median, x, days }) {
  const w = textLength(label) * 1.05;
  const lines = [];
  const walk = (nodes) => {
    for (const node of nodes ?? []) {
      if (node.tag === "line" && /event-mark/.test(node.attrs?.class ?? "") && node.attrs.x1 === node.attrs.x2) lines.push(node.attrs);
      walk(node.children);
    }
  };
  walk(marks);
  // From the right end leftwards, 8 units a step: above the line, then under it.
  const candidates = [];
  const sides = [[-6, level - 17 >= top], [15, level + 17 <= base]].filter(([, fits]) => fits);
  for (let right = to - 4; right - w >= from + 4 || right === to - 4; right -= 8) {
    for (const [dy] of sides) candidates.push({ x: right, y: level + dy, anchor: "end", x0: right - w, x1: right });
  }
  if (candidates.length === 0) return { x: to - 4, y: level - 6, anchor: "end" };
  const clear = (b) => {
    const [y0, y1] = [b.y - 11, b.y + 3];
    if (lines.some((l) => l.x1 >= b.x0 - 3 && l.x1 <= b.x1 + 3 && Math.max(l.y1, l.y2) >= y0 && Math.min(l.y1, l.y2) <= y1)) return false;
    for (let d = 0; d < days; d++) {
      const px = x(d);
      if (px >= b.x0 - 2 && px <= b.x1 + 2) {
        const py = median(d);
        if (py >= y0 - 2 && py <= y1 + 2) return false;
      }
    }
    return true;
  };
  const { x: bx, y: by, anchor } = candidates.find(clear) ?? candidates[0];
  return { x: bx, y: by, anchor };
}

/** A text's length in units at 11px, generously: wide (CJK) characters 11.5, others 7. */
const textLength = (s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 11.5 : 7), 0);

/** The fan's value-axis title, rotated, between the baseline `base` and the top `top`. */
function yTitle(text, base, top) {
  const fits = textLength(text) <= base - top;
  const [y, anchor] = fits ? [(base + top) / 2, "middle"] : [base, "start"];
  return shape("text", "axis-label", { x: 12, y, transform: `rotate(-90 12 ${y})`, "text-anchor": anchor }, text);
}

const NAME = /^[a-z][a-zA-Z0-9-]*$/;

/** A tree as DOM nodes (in the SVG namespace); text is set with textContent, never parsed. */
export function toDom(node, doc = document) {
  const el = doc.createElementNS(NS, node.tag);
  for (const [k, v] of Object.entries(node.attrs ?? {})) if (v !== undefined) el.setAttribute(k, String(v));
  if (node.text !== undefined) el.textContent = node.text;
  for (const child of node.children ?? []) el.append(toDom(child, doc));
  return el;
}

/** Text for markup: safe inside elements and inside double-quoted attributes. */
export const escapeXml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A tree as an SVG string, every text and attribute value escaped; the root gets xmlns. */
export function toSvg(node, root = true) {
  if (!NAME.test(node.tag)) throw new Error(`not an SVG tag name: ${node.tag}`);
  const attrs = root ? { xmlns: NS, ...node.attrs } : (node.attrs ?? {});
  let open = node.tag;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    if (!NAME.test(k)) throw new Error(`not an SVG attribute name: ${k}`);
    open += ` ${k}="${escapeXml(v)}"`;
  }
  const inner = node.text !== undefined ? escapeXml(node.text) : (node.children ?? []).map((child) => toSvg(child, false)).join("");
  return inner ? `<${open}>${inner}</${node.tag}>` : `<${open}/>`;
}

/** Draws a tree into `host`, scaled to its width. */
export function draw(host, tree) {
  const svg = toDom(tree, host.ownerDocument);
  svg.style.width = "100%";
  svg.style.height = "auto";
  host.replaceChildren(svg);
}

/**
 * @param {HTMLElement} host where the chart goes (its width sets the chart's)
 * @param {object} summary the simulation summary
 * @param {Date | null} start the date of day 0
 * @param {{ lang: string, t: (key: string) => any, fmt: object }} tr the reader's language
 * @param {{ short?: boolean }} [options] as fanChart's
 */
export function drawFanChart(host, summary, start, tr, options) {
  draw(host, fanChart(summary, start, tr, host.clientWidth || 640, options));
}
