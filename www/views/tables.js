// The sites' table, loaded when it first comes near the screen (widget.js `drawSites`); the
// chart's numbers by month are monthly.js's, loaded when opened.
import { h } from "./dom.js";
import { pointValue, rangeOf } from "../state/quantity.js";

/** The table's words in each language (loaded with it, not with the page; its heading is the
 * widget's). */
export const TABLE_TEXT = {
  en: {
    siteName: "Site",
    siteCountry: "Country",
    siteChip: "Chip",
    siteGpus: "GPUs",
    siteUp: "Share of days up",
    siteWorking: "Share of its full build working",
    sitePermanent: "Chance lost for good",
    sitePools: (chart, run) => `The chart and the floor count ${chart}; the training run draws on ${run}.`,
    everySite: "every site",
    siteList: (names) => names.join(", "),
  },
  ja: {
    siteName: "拠点",
    siteCountry: "国・地域",
    siteChip: "チップ",
    siteGpus: "GPU数",
    siteUp: "稼働日の割合",
    siteWorking: "計画規模に対する稼働の割合",
    sitePermanent: "恒久停止の確率",
    sitePools: (chart, run) => `グラフと下限との比較は${chart}の計算能力を数え、学習には${run}を使う。`,
    everySite: "全拠点",
    siteList: (names) => names.join("、"),
  },
};

/** Fills the sites table: each site of the scenario with its share of days up, the share of
 * its full build that was working (a site frozen part-built is up every day at a fraction of
 * its size), and its chance of being lost for good. `nameOf` gives a site's name in the reader's language. */
export function renderSites(table, summary, scenario, tr, nameOf) {
  const { fmt } = tr;
  const words = TABLE_TEXT[tr.lang] ?? TABLE_TEXT.en;
  const head = h(
    "tr",
    {},
    [words.siteName, words.siteCountry, words.siteChip, words.siteGpus, words.siteUp, words.siteWorking, words.sitePermanent].map((x) => h("th", { scope: "col" }, x)),
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
  const said = poolsCaption(summary, scenario, tr, nameOf);
  const caption = said ? h("caption", { class: "cs-site-pools" }, said) : null;
  table.replaceChildren(...(caption ? [caption] : []), h("thead", {}, head), h("tbody", {}, rows));
}

/** Which sites the chart (and the floor) counts, and which the training run can use, when a
 * scenario names them (summary.requirement_sites, training_run_sites; absent: every site):
 * the table's caption, or null when both count every site. */
export function poolsCaption(summary, scenario, { lang }, nameOf) {
  const words = TABLE_TEXT[lang] ?? TABLE_TEXT.en;
  const pool = (ids) => (ids?.length ? words.siteList(ids.map((id) => nameOf(scenario.sites.find((s) => s.id === id) ?? { id }))) : words.everySite);
  const pools = summary.requirement_sites?.length || summary.training_run_sites?.length;
  return pools ? words.sitePools(pool(summary.requirement_sites), pool(summary.training_run_sites)) : null;
}
