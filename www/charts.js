// The fan chart of daily capacity and the histogram of days to train, drawn as SVG with DOM
// calls (no HTML strings, so nothing from a scenario is ever parsed as markup).
import { fmt, t } from "./i18n.js";

const NS = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

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

function frame(width, height, label) {
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": label });
  svg.style.width = "100%";
  svg.style.height = "auto";
  return svg;
}

/** Month ticks from `start` over `days` days, at most about six of them. */
function dateTicks(start, days) {
  const months = days / 30.44;
  const every = [1, 2, 3, 6, 12, 24].find((m) => months / m <= 6) ?? 24;
  const ticks = [];
  const d = new Date(start.getFullYear(), start.getMonth() + 1, 1);
  while (true) {
    const day = Math.round((d - start) / 86_400_000);
    if (day >= days) break;
    if (d.getMonth() % every === 0 || every === 1) ticks.push({ day, date: new Date(d) });
    d.setMonth(d.getMonth() + 1);
  }
  return ticks;
}

/**
 * @param {HTMLElement} host where the chart goes (its width sets the chart's)
 * @param {object} summary the simulation summary
 * @param {Date} start the date of day 0
 */
export function drawFanChart(host, summary, start) {
  const width = Math.max(280, Math.round(host.clientWidth || 640));
  const height = Math.round(Math.min(380, Math.max(230, width * 0.5)));
  const m = { left: width < 420 ? 44 : 58, right: 10, top: 14, bottom: 32 };
  const { p5, p25, p50, p75, p95 } = summary.bands;
  const n = p50.length;
  const req = summary.requirement_b200e;
  const top = Math.max(req, ...p95) * 1.08 || 1;
  const yTicks = niceTicks(top, height < 280 ? 4 : 5);
  const yMax = yTicks[yTicks.length - 1];
  const x = (d) => m.left + (d / Math.max(1, n - 1)) * (width - m.left - m.right);
  const y = (v) => height - m.bottom - (v / yMax) * (height - m.top - m.bottom);
  const end = new Date(start.getTime() + (n - 1) * 86_400_000);
  const svg = frame(width, height, t("fanAria")(fmt.date(start), fmt.date(end), fmt.int(p50[n - 1]), fmt.int(p5[n - 1])));

  const grid = el("g", { class: "grid" });
  for (const v of yTicks) {
    grid.append(el("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v) }));
    grid.append(el("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, fmt.compact(v)));
  }
  for (const { day, date } of dateTicks(start, n)) {
    grid.append(el("line", { x1: x(day), x2: x(day), y1: height - m.bottom, y2: height - m.bottom + 4, class: "axis" }));
    grid.append(el("text", { x: x(day), y: height - m.bottom + 18, "text-anchor": "middle", class: "tick" }, fmt.month(date)));
  }
  grid.append(el("line", { x1: m.left, x2: width - m.right, y1: y(0), y2: y(0), class: "axis" }));
  svg.append(grid);

  const area = (lo, hi) => {
    let d = `M${x(0)},${y(hi[0])}`;
    for (let i = 1; i < n; i++) d += `L${x(i).toFixed(1)},${y(hi[i]).toFixed(1)}`;
    for (let i = n - 1; i >= 0; i--) d += `L${x(i).toFixed(1)},${y(lo[i]).toFixed(1)}`;
    return d + "Z";
  };
  const line = (v) => {
    let d = `M${x(0)},${y(v[0])}`;
    for (let i = 1; i < n; i++) d += `L${x(i).toFixed(1)},${y(v[i]).toFixed(1)}`;
    return d;
  };
  svg.append(el("path", { d: area(p5, p95), class: "band-outer" }));
  svg.append(el("path", { d: area(p25, p75), class: "band-inner" }));
  svg.append(el("path", { d: line(p50), class: "median" }));
  svg.append(el("line", { x1: m.left, x2: width - m.right, y1: y(req), y2: y(req), class: "requirement" }));
  svg.append(el("text", { x: width - m.right - 4, y: y(req) - 6, "text-anchor": "end", class: "requirement-label" }, t("fanRequirement")(fmt.int(req))));
  svg.append(
    el("text", { x: 12, y: (height - m.bottom + m.top) / 2, class: "axis-label", transform: `rotate(-90 12 ${(height - m.bottom + m.top) / 2})`, "text-anchor": "middle" }, t("yAxis")),
  );
  host.replaceChildren(svg);
}

/** Histogram of days to train: the bulk in bars, then the slow tail and the unfinished. */
export function drawHistogram(host, summary) {
  const width = Math.max(280, Math.round(host.clientWidth || 640));
  const height = width < 420 ? 170 : 190;
  const m = { left: 40, right: 10, top: 12, bottom: 34 };
  const stat = summary.metrics.days_to_train;
  const { lo, bin_width: w, counts, above } = stat.histogram;
  const total = summary.trials;
  const extras = [];
  if (above > 0) extras.push({ count: above, label: `> ${fmt.days(lo + counts.length * w)}`, cls: "bar-tail" });
  const unfinished = Math.round(stat.p_unfinished * total);
  if (unfinished > 0) extras.push({ count: unfinished, label: t("histUnfinished"), cls: "bar-unfinished" });
  const slots = counts.length + (extras.length ? 1 + extras.length * 3 : 0);
  const bw = (width - m.left - m.right) / Math.max(slots, 1);
  const maxShare = Math.max(1, ...counts, ...extras.map((e) => e.count)) / total;
  const yTicks = niceTicks(maxShare * 100, 3);
  const yMax = yTicks[yTicks.length - 1] / 100;
  const y = (share) => height - m.bottom - (share / yMax) * (height - m.top - m.bottom);
  const median = stat.p50 === null ? "–" : fmt.days(stat.p50);
  const svg = frame(width, height, t("histAria")(median, fmt.share(stat.p_unfinished)));

  for (const v of yTicks) {
    svg.append(el("line", { x1: m.left, x2: width - m.right, y1: y(v / 100), y2: y(v / 100), class: "grid-line" }));
    svg.append(el("text", { x: m.left - 6, y: y(v / 100) + 4, "text-anchor": "end", class: "tick" }, `${v}%`));
  }
  const bar = (x, count, cls, barWidth) =>
    count > 0 && svg.append(el("rect", { x: x + 0.5, y: y(count / total), width: Math.max(1.5, barWidth - 1), height: height - m.bottom - y(count / total), class: cls }));
  counts.forEach((c, i) => bar(m.left + i * bw, c, "bar", bw));
  extras.forEach((e, k) => {
    const x = m.left + (counts.length + 1 + k * 3) * bw;
    bar(x, e.count, e.cls, bw * 2);
    svg.append(el("text", { x: x + bw, y: height - m.bottom + 16, "text-anchor": "middle", class: "tick" }, e.label));
  });
  // Day ticks at round numbers under the bars.
  if (counts.length > 0 && stat.n > 0) {
    const to = lo + counts.length * w;
    const step = niceTicks(to - lo, width < 420 ? 2 : 4)[1] ?? to - lo;
    for (let d = Math.ceil(lo / step) * step; d <= to + 1e-9; d += step) {
      const px = m.left + ((d - lo) / w) * bw;
      svg.append(el("line", { x1: px, x2: px, y1: height - m.bottom, y2: height - m.bottom + 4, class: "axis" }));
      svg.append(el("text", { x: px, y: height - m.bottom + 16, "text-anchor": "middle", class: "tick" }, fmt.days(d)));
    }
  }
  svg.append(el("text", { x: m.left + (counts.length * bw) / 2, y: height - 2, "text-anchor": "middle", class: "axis-label" }, t("histAxis")));
  svg.append(el("line", { x1: m.left, x2: width - m.right, y1: y(0), y2: y(0), class: "axis" }));
  host.replaceChildren(svg);
}
