// The figures: the fan chart with its legend, progress and status line, its numbers as a
// table, and the histogram of days to train. The charts are drawn by charts.js (and
// histogram.js) in the translator's language.
import { drawFanChart } from "./charts.js";
import { SPLIT_AT } from "../engine/simulator.js";
import { button, h, whenNear } from "./dom.js";

/** The figures, in the translator's language, dated from `startOf(summary)` (day 0);
 * `short()`: whether to draw the fan chart as low as it reads (story mode on a phone);
 * `overlay(summary)`: marks over the fan chart (the scenario's dated events), or null;
 * `choices`: the counts of futures a reader may pick, and `onTrials(n)` picks one (a long
 * run offers fewer); `workers`: how many share a run of SPLIT_AT futures or more. */
export function figuresPanel({ tr, startOf, short = () => false, overlay = () => null, choices = [], onTrials = () => {}, workers = 1 }) {
  const { t, fmt } = tr;
  const fan = h("div", { class: "cs-chart" });
  const hist = h("div", { class: "cs-chart cs-hist" });
  const progress = h("progress", { class: "cs-progress", hidden: true, "aria-label": t("progress") });
  // The status line: what was run, or how far a run is, and for a long one, a button to run
  // fewer futures (kept, not redrawn, so a reader's focus stays on it).
  const said = h("span", {});
  let fewer = 0;
  const fewerButton = button("", () => fewer && onTrials(fewer), "cs-fewer");
  fewerButton.hidden = true;
  const status = h("p", { class: "cs-status" }, said, fewerButton);
  const table = h("table", { class: "cs-data" });
  // The numbers by month: drawn (monthly.js, loaded then) when a reader opens the table, and
  // again with each result while it is open; a closed table costs nothing.
  const drawTable = () =>
    tableBox.open && shown && import("./monthly.js").then(({ renderMonthly }) => tableBox.open && shown && renderMonthly(table, shown, startOf(shown), tr));
  const tableBox = h("details", { class: "cs-data-wrap", ontoggle: drawTable }, h("summary", {}, t("dataTable")), h("p", { class: "cs-table-note" }, t("tableNote")), h("div", { class: "cs-table-wrap" }, table));
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
    table: tableBox,
    hist: [h("h2", {}, t("histTitle")), hist],
  };

  let shown = null;
  // A long run's progress is drawn SHOW_AFTER ms after its first progress message (a
  // worker's first step, about 25 ms into the run), then at most every REDRAW ms: each redraw is a repaint, paid for on the cores the workers are running on
  // (in WebKit on a machine that composites in software, a repaint a message slowed a
  // 100,000-trial run by two thirds). A run done sooner shows no bar at all.
  const SHOW_AFTER = 200;
  const REDRAW = 250;
  // A run expected to take more than SLOW ms more says so, and offers the most futures (of
  // the reader's choices, fewer than the run's) that would take about QUICK ms at its pace,
  // or else the fewest. The state is the run's: `hideProgress` clears it when one starts.
  const SLOW = 5000;
  const QUICK = 3000;
  let since = 0;
  let doneSince = 0;
  let slow = false;
  let drawn = 0;
  const hideProgress = () => {
    progress.hidden = true;
    fewerButton.hidden = true;
    status.classList.remove("cs-slow");
    // A replaced run's "About N s to go." is not the new one's.
    if (slow) said.textContent = "";
    [since, slow, fewer] = [0, false, 0];
  };
  // The histogram: drawn (histogram.js, loaded then) once it comes near the screen, and
  // with each result after; under a closed More, or far down the full page, it waits.
  let histSeen = false;
  let histogram = null;
  const drawHist = () => {
    if (!histSeen || !shown) return;
    histogram ??= import("./histogram.js");
    histogram.then((m) => shown && m.drawHistogram(hist, shown, tr)).catch(() => {});
  };
  const near = whenNear(hist, () => {
    histSeen = true;
    drawHist();
  });
  const draw = () => {
    drawFanChart(fan, shown, startOf(shown), tr, { short: short(fan), overlay: overlay(shown) });
    drawHist();
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
    /** Stops watching the charts' size and place (the panel is being replaced). */
    disconnect: () => {
      resized.disconnect();
      near.disconnect();
    },
    /** The fan chart's <svg> (for the downloads). */
    chart: () => fan.querySelector("svg"),
    /** Draws the charts again (the marks over them, `overlay(summary)`, have changed). */
    redraw: () => shown && draw(),

    /** Shows a run: the charts, the table and the status line (a preview says so). */
    show({ summary, elapsed }, preview) {
      shown = summary;
      hideProgress();
      draw();
      said.textContent = preview ? t("preview") : `${t("ranIn")(fmt.int(summary.trials), fmt.int(elapsed))} · ${t("seed")} ${summary.seed}`;
      drawTable();
    },

    /** A long run's progress (drawn as SHOW_AFTER and REDRAW above allow); true once the
     * run is found slow. */
    progress(done, total) {
      const now = performance.now();
      if (!since) [since, doneSince] = [now, done];
      if (now - since < SHOW_AFTER || now - drawn < REDRAW) return slow;
      drawn = now;
      progress.hidden = false;
      progress.max = total;
      progress.value = done;
      // Milliseconds a future at the pace since the first report (its first step excluded).
      const per = (now - since) / Math.max(1, done - doneSince);
      const left = per * (total - done);
      // Once said, said until the run ends (a button must not move away from a reader).
      slow ||= left > SLOW;
      // A run of n futures at this pace, on the workers it would have (fewer than SPLIT_AT
      // run on one).
      const across = (n) => (n >= SPLIT_AT ? workers : 1);
      const takes = (n) => (n * per * across(total)) / across(n);
      if (slow && !fewer) fewer = choices.filter((n) => n < total && takes(n) <= QUICK).pop() ?? choices.find((n) => n < total) ?? 0;
      said.textContent = t("running")(fmt.int(done), fmt.int(total)) + (slow ? ` ${t("slow")(fmt.int(Math.max(1, Math.round(left / 1000))))}` : "");
      fewerButton.textContent = fewer ? t("fewer")(fmt.int(fewer)) : "";
      fewerButton.hidden = !fewer;
      // Story mode keeps the status line hidden, but for this.
      status.classList.toggle("cs-slow", slow);
      return slow;
    },

    hideProgress,
  };
}
