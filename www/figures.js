// The figures: the fan chart with its legend, progress and status line, its numbers as a
// table, and the histogram of days to train. The charts are drawn by charts.js in the
// translator's language.
import { drawFanChart, drawHistogram } from "./charts.js";
import { h } from "./dom.js";
import { renderMonthly } from "./tables.js";

/** The figures, in the translator's language, dated from `startOf(summary)` (day 0);
 * `short()`: whether to draw the fan chart as low as it reads (story mode on a phone);
 * `overlay(summary)`: marks over the fan chart (the scenario's dated events), or null. */
export function figuresPanel({ tr, startOf, short = () => false, overlay = () => null }) {
  const { t, fmt } = tr;
  const fan = h("div", { class: "cs-chart" });
  const hist = h("div", { class: "cs-chart cs-hist" });
  const progress = h("progress", { class: "cs-progress", hidden: true, "aria-label": t("progress") });
  const status = h("p", { class: "cs-status" });
  const table = h("table", { class: "cs-data" });
  const legend = h(
    "p",
    { class: "cs-legend", "aria-hidden": "true" },
    // Each swatch stays with its words when the legend wraps.
    ...["outer", "inner", "median"].map((k) => h("span", { class: "cs-key" }, h("span", { class: `cs-swatch cs-swatch-${k}` }), t(`fanLegend${k[0].toUpperCase()}${k.slice(1)}`))),
  );
  // The parts, placed by the widget: the fan chart with its legend and status line; its
  // numbers as a table; the histogram.
  const parts = {
    fan: [h("h2", {}, t("fanTitle")), legend, progress, fan, status],
    table: h("details", { class: "cs-data-wrap" }, h("summary", {}, t("dataTable")), h("p", { class: "cs-table-note" }, t("tableNote")), h("div", { class: "cs-table-wrap" }, table)),
    hist: [h("h2", {}, t("histTitle")), hist],
  };

  let shown = null;
  // A long run's progress is drawn SHOW_AFTER ms after its first progress message (a
  // worker's first step, about 25 ms into the run), then at most every REDRAW ms: each redraw is a repaint, paid for on the cores the workers are running on
  // (in WebKit on a machine that composites in software, a repaint a message slowed a
  // 100,000-trial run by two thirds). A run done sooner shows no bar at all.
  const SHOW_AFTER = 200;
  const REDRAW = 250;
  let since = 0;
  let drawn = 0;
  const hideProgress = () => {
    progress.hidden = true;
    since = 0;
  };
  const draw = () => {
    drawFanChart(fan, shown, startOf(shown), tr, { short: short(fan), overlay: overlay(shown) });
    drawHistogram(hist, shown, tr);
  };
  // The charts are drawn to their box's width: redrawn when it changes.
  // (A chart under a closed "More" has no width: it is drawn when it is shown.)
  let pending = 0;
  const resized = new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => shown && draw());
  });
  resized.observe(fan);
  resized.observe(hist);

  return {
    parts,
    /** Stops watching the charts' size (the panel is being replaced). */
    disconnect: () => resized.disconnect(),
    /** The fan chart's <svg> (for the downloads). */
    chart: () => fan.querySelector("svg"),
    /** Draws the charts again (the marks over them, `overlay(summary)`, have changed). */
    redraw: () => shown && draw(),

    /** Shows a run: the charts, the table and the status line (a preview says so). */
    show({ summary, elapsed }, preview) {
      shown = summary;
      hideProgress();
      draw();
      status.textContent = preview ? t("preview") : `${t("ranIn")(fmt.int(summary.trials), fmt.int(elapsed))} · ${t("seed")} ${summary.seed}`;
      renderMonthly(table, summary, startOf(summary), tr);
    },

    /** A long run's progress (drawn as SHOW_AFTER and REDRAW above allow). */
    progress(done, total) {
      const now = performance.now();
      since ||= now;
      if (now - since < SHOW_AFTER || now - drawn < REDRAW) return;
      drawn = now;
      progress.hidden = false;
      progress.max = total;
      progress.value = done;
      status.textContent = t("running")(fmt.int(done), fmt.int(total));
    },

    hideProgress,
  };
}
