// The chart's numbers by month, its text equivalent: drawn when a reader opens the data
// table (figures.js loads this module then), not with every result.
import { h } from "./dom.js";
import { addDays } from "../words/format.js";

/** Monthly rows of the bands: the first day, the first of each month and the last day, as
 * [date in words, p5, p25, p50, p75, p95, worst]: `worst` is the highest share of futures
 * below the requirement on any day from the row's date up to the next row's (a halt of a
 * few days between two rows shows in it). */
export function monthlyRows(summary, start, fmt) {
  const rows = [];
  const b = summary.bands;
  const n = b.p50.length;
  for (let d = 0; d < n; d++) {
    const date = addDays(start, d);
    if (d === 0 || date.getUTCDate() === 1 || d === n - 1) rows.push([fmt.date(date), b.p5[d], b.p25[d], b.p50[d], b.p75[d], b.p95[d], 0]);
    rows.at(-1)[6] = Math.max(rows.at(-1)[6], b.below_requirement[d]);
  }
  return rows;
}

/** Fills the monthly table. */
export function renderMonthly(table, summary, start, { t, fmt }) {
  table.replaceChildren(
    h("thead", {}, h("tr", {}, [t("tableMonth"), "5%", "25%", "50%", "75%", "95%", t("tableBelow")].map((x) => h("th", { scope: "col" }, x)))),
    h(
      "tbody",
      {},
      monthlyRows(summary, start, fmt).map(([date, ...values]) =>
        h("tr", {}, h("th", { scope: "row" }, date), values.map((v, i) => h("td", { class: "cs-num" }, i < 5 ? fmt.int(v) : fmt.share(v)))),
      ),
    ),
  );
}
