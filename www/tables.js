// The tables: the chart's numbers by month (the chart's text equivalent), and the sites.
import { h } from "./dom.js";
import { addDays } from "./format.js";
import { pointValue, rangeOf } from "./quantity.js";

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

/** Fills the sites table: each site of the scenario with its share of days up, the share of
 * its full build that was working (a site frozen part-built is up every day at a fraction of
 * its size), and its chance of being lost for good. `nameOf` gives a site's name in the reader's language. */
export function renderSites(table, summary, scenario, { t, fmt }, nameOf) {
  const head = h(
    "tr",
    {},
    [t("siteName"), t("siteCountry"), t("siteChip"), t("siteGpus"), t("siteUp"), t("siteWorking"), t("sitePermanent")].map((x) => h("th", { scope: "col" }, x)),
  );
  const rows = summary.sites.map((site, i) => {
    const s = scenario.sites[i];
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, nameOf(s)),
      h("td", {}, s.jurisdiction),
      h("td", {}, s.chip),
      // Uncertain GPUs: the range each trial draws from.
      h("td", { class: "cs-num" }, rangeOf(s.gpus) ? rangeOf(s.gpus).map((x) => fmt.int(x)).join("–") : fmt.int(pointValue(s.gpus))),
      h("td", { class: "cs-num" }, site.share_of_days_up === null ? "–" : fmt.share(site.share_of_days_up)),
      h("td", { class: "cs-num" }, site.share_of_full_capacity == null ? "–" : fmt.share(site.share_of_full_capacity)),
      h("td", { class: "cs-num" }, fmt.share(site.p_permanent_shutdown)),
    );
  });
  // Which sites the chart (and the floor) counts, and which the training run can use, when a
  // scenario names them (summary.requirement_sites, training_run_sites; absent: every site).
  const pool = (ids) => (ids?.length ? t("siteList")(ids.map((id) => nameOf(scenario.sites.find((s) => s.id === id) ?? { id }))) : t("everySite"));
  const pools = summary.requirement_sites?.length || summary.training_run_sites?.length;
  const caption = pools ? h("caption", { class: "cs-site-pools" }, t("sitePools")(pool(summary.requirement_sites), pool(summary.training_run_sites))) : null;
  table.replaceChildren(...(caption ? [caption] : []), h("thead", {}, head), h("tbody", {}, rows));
}
