// The histogram of days to train, drawn by figures.js when it first comes near the screen
// (under a closed More, or far down the full page, nothing is drawn), with charts.js's
// parts: the same tree of SVG nodes, classes and light-theme colours as the fan chart.
import { c, draw, n, niceTicks, shape } from "./charts.js";

/** The histogram's words in each language (loaded with it, not with the page). */
export const HIST_TEXT = {
  en: {
    histAxis: "days from the start of the run",
    histUnfinished: "not finished",
    histAria: (p50, unfinished) => `Histogram of days to train. Median ${p50} days; ${unfinished} of futures do not finish.`,
  },
  ja: {
    histAxis: "学習開始からの日数",
    histUnfinished: "未完了",
    histAria: (p50, unfinished) => `学習完了までの日数を示すヒストグラム。中央値は${p50}日。${unfinished}の未来では期間内に完了しない。`,
  },
};

/**
 * The histogram of days to train as a tree of SVG nodes: the bulk in bars, then the slow tail
 * and the unfinished runs apart.
 */
export function histogram(summary, tr, width = 640) {
  const { fmt } = tr;
  const words = HIST_TEXT[tr.lang] ?? HIST_TEXT.en;
  width = Math.max(280, Math.round(width || 640));
  const stat = summary.metrics.days_to_train;
  const { lo, bin_width: w, counts, above } = stat.histogram;
  const total = summary.trials;
  const extras = [];
  if (above > 0) extras.push({ count: above, label: `> ${fmt.days(lo + counts.length * w)}`, cls: "bar-tail" });
  const unfinished = Math.round(stat.p_unfinished * total);
  if (unfinished > 0) extras.push({ count: unfinished, label: words.histUnfinished, cls: "bar-unfinished" });
  const slots = counts.length + (extras.length ? 1 + extras.length * 3 : 0);
  const m = { left: 40, right: 10, top: 12, bottom: 34 };
  const bw = (width - m.left - m.right) / Math.max(slots, 1);
  // The labels under the extra bars sit 3 slots apart: when the wider of two would reach its
  // neighbour (about 6.5 px a character at 11 px), the second goes a line lower, ending at
  // the chart's right edge, and the chart grows by that line.
  const wide = Math.max(0, ...extras.map((e) => e.label.length * 6.5));
  const stagger = extras.length > 1 && wide > 3 * bw - 4;
  m.bottom += stagger ? 12 : 0;
  const height = (width < 420 ? 170 : 190) + (stagger ? 12 : 0);
  const maxShare = Math.max(1, ...counts, ...extras.map((e) => e.count)) / total;
  const yTicks = niceTicks(maxShare * 100, 3);
  const yMax = yTicks[yTicks.length - 1] / 100;
  const y = (share) => height - m.bottom - (share / yMax) * (height - m.top - m.bottom);
  const median = stat.p50 === null ? "–" : fmt.days(stat.p50);

  const nodes = [];
  for (const v of yTicks) {
    nodes.push(shape("line", "grid-line", { x1: m.left, x2: width - m.right, y1: c(y(v / 100)), y2: c(y(v / 100)) }));
    nodes.push(shape("text", "tick", { x: m.left - 6, y: c(y(v / 100) + 4), "text-anchor": "end" }, `${v}%`));
  }
  const bar = (x, count, cls, barWidth) => {
    if (count > 0) {
      const top = y(count / total);
      nodes.push(shape("rect", cls, { x: c(x + 0.5), y: c(top), width: c(Math.max(1.5, barWidth - 1)), height: c(height - m.bottom - top) }));
    }
  };
  counts.forEach((count, i) => bar(m.left + i * bw, count, "bar", bw));
  extras.forEach((e, k) => {
    const x = m.left + (counts.length + 1 + k * 3) * bw;
    bar(x, e.count, e.cls, bw * 2);
    const lower = stagger && k > 0;
    const at = lower ? { x: width - m.right, y: height - m.bottom + 28, "text-anchor": "end" } : { x: c(x + bw), y: height - m.bottom + 16, "text-anchor": "middle" };
    nodes.push(shape("text", "tick", at, e.label));
  });
  // Day ticks at round numbers under the bars.
  if (counts.length > 0 && stat.n > 0) {
    const to = lo + counts.length * w;
    const step = niceTicks(to - lo, width < 420 ? 2 : 4)[1] ?? to - lo;
    for (let d = Math.ceil(lo / step) * step; d <= to + 1e-9; d += step) {
      const px = c(m.left + ((d - lo) / w) * bw);
      nodes.push(shape("line", "axis", { x1: px, x2: px, y1: height - m.bottom, y2: height - m.bottom + 4 }));
      nodes.push(shape("text", "tick", { x: px, y: height - m.bottom + 16, "text-anchor": "middle" }, fmt.days(d)));
    }
  }
  nodes.push(shape("text", "axis-label", { x: c(m.left + (counts.length * bw) / 2), y: height - 2, "text-anchor": "middle" }, words.histAxis));
  nodes.push(shape("line", "axis", { x1: m.left, x2: width - m.right, y1: c(y(0)), y2: c(y(0)) }));
  return n("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": words.histAria(median, fmt.share(stat.p_unfinished)) }, nodes);
}

/** Draws the histogram into `host`, at its width. */
export function drawHistogram(host, summary, tr) {
  draw(host, histogram(summary, tr, host.clientWidth || 640));
}
