// Every string the widget shows, and number and date formatting for the reader's language.
// English is the default; Japanese (i18n-ja.js) has the same keys.
import { ja } from "./i18n-ja.js";

export const STRINGS = {
  en: {
    loading: "Loading the simulation…",
    progress: "Progress of the run",
    scenario: "Scenario",
    sliders: "What if…",
    shockRate: "Policy shocks",
    shockRateValue: (v) => `${v} a year on average`,
    comply: "Host countries comply",
    complyValue: (v) => `${v} of the time`,
    duration: "A temporary shutdown lasts",
    durationValue: (median, p90) => `${median} days (1 in 10 longer than ${p90})`,
    permanent: "Shutdown is permanent",
    permanentValue: (v) => `${v} of the time`,
    outages: "Site outages",
    outagesValue: (v) => `${v} a site a year`,
    relocation: "GPUs moved home after a permanent loss",
    relocationValue: (v) => `${v} of them`,
    requirement: "The firm needs",
    requirementValue: (v) => `${v} B200-equivalents`,
    noShocks: "this scenario has no policy shocks",
    seed: "Random seed",
    reroll: "Re-roll",
    trials: "Simulated futures",
    reset: "Reset",
    allParameters: "All parameters",
    editJson: "Edit the whole scenario as JSON",
    applyJson: "Apply",
    running: (done, total) => `Simulating ${done} of ${total} futures…`,
    preview: "Preview: refining…",
    ranIn: (n, ms) => `${n} simulated futures in ${ms} ms`,
    fanTitle: "B200-equivalents available each day",
    fanLegendOuter: "90% of futures",
    fanLegendInner: "Middle half",
    fanLegendMedian: "Median",
    fanRequirement: (v) => `Needs ${v}`,
    fanAria: (start, end, p50, p5) =>
      `Fan chart of compute from ${start} to ${end}. At the end, the median future has ${p50} B200-equivalents and 1 in 20 futures has ${p5} or less.`,
    yAxis: "B200-equivalents",
    histTitle: "Days to train the model",
    histAxis: "days from the start of the run",
    histUnfinished: "not finished",
    histAria: (p50, unfinished) => `Histogram of days to train. Median ${p50} days; ${unfinished} of futures do not finish.`,
    sitesTitle: "Sites",
    siteName: "Site",
    siteCountry: "Country",
    siteChip: "Chip",
    siteGpus: "GPUs",
    siteUp: "Share of days up",
    sitePermanent: "Chance lost for good",
    sourcesTitle: "Where the defaults come from",
    label: { reported: "reported", derived: "derived", assumed: "assumption" },
    engineError: (m) => `The simulation stopped because of a bug: ${m}. The last results stay on screen; change a setting to try again.`,
    inputError: (m) => `Not run: ${m}`,
    horizon: (days) => (days % 365 === 0 ? `${days / 365} year${days === 365 ? "" : "s"}` : `${days} days`),
    trainingRun: (flop) => (Math.abs(flop / 3.8e25 - 1) < 0.01 ? "Llama-3-scale training run" : `${flop.toExponential(1)} FLOP training run`),
    headline: ({ keepP10, keepP50, horizon, req, shortWeek, trainP50, run, unfinished }) => {
      const kept =
        keepP10 > 0
          ? `In 9 of 10 simulated futures the firm still has at least ${fmt.int(keepP10)} B200-equivalents after ${horizon}`
          : keepP50 > 0
            ? `In at least 1 of 10 simulated futures the firm has no compute left after ${horizon}; in half it keeps at least ${fmt.int(keepP50)} B200-equivalents`
            : `In half of the simulated futures or more the firm has no compute left after ${horizon}`;
      const short = `It falls short of the ${fmt.int(req)} it needs for a week or more in ${fmt.share(shortWeek)} of them.`;
      const train =
        trainP50 === null
          ? `Its ${run} does not finish within ${horizon} in any of them.`
          : `In half of them its ${run} finishes within ${fmt.days(trainP50)} days` +
            (unfinished >= 0.005 ? `; in ${fmt.share(unfinished)} it does not finish within ${horizon}.` : ".");
      return `${kept}. ${short} ${train}`;
    },
    share: "Copy link",
    shareDone: "Link copied",
    embed: "Copy embed code",
    embedDone: "Embed code copied: an iframe, and a script tag for pages that allow scripts",
    embedTitle: "Simulation: how much AI compute survives a change in export rules",
    copyFallback: "Copy this:",
    download: "Download",
    downloadCsv: "Data (CSV)",
    downloadSvg: "Chart (SVG)",
    downloadPng: "Chart (PNG)",
    dataTable: "The chart's numbers as a table",
    tableMonth: "Date",
    tableNote: "First day of each month; B200-equivalents.",
    csvDay: "day",
    csvDate: "date",
    csvMean: "mean",
    csvMetric: "figure",
    csvMetrics: {
      final_capacity_b200e: "B200-equivalents on the last day",
      delivered_b200e_days: "B200-equivalent days delivered",
      shortfall_days: "days below the requirement",
      longest_shortfall_days: "longest run of days below the requirement",
      days_to_train: "days to train (runs that finish)",
      policy_shocks: "policy shocks",
    },
    csvProbabilities: {
      any_shortfall: "chance of any day below the requirement",
      shortfall_7_days: "chance of a week or more below the requirement",
      training_unfinished: "chance the training run does not finish",
      any_policy_shutdown: "chance a policy shock halts a site",
    },
    ignored: (name, value, reason) => `The link's ${name} “${value}” was ignored: ${reason}.`,
    unknownPreset: (ids) => `there is no such scenario (choose ${ids})`,
    mustBe: (what) => `it must be ${what}`,
    langChoices: "en or ja",
    themeChoices: "light, dark or auto",
    fields: {
      horizon_days: "Days simulated",
      requirement_b200e: "Requirement (B200e)",
      flop: "Training compute (FLOP)",
      mfu: "Model FLOP utilisation (0–1)",
      start_day: "Training starts on day",
      gpus: "GPUs",
      online_day: "Online from day",
      ramp_days: "Ramp to full (days)",
      availability: "Availability (0–1)",
      rate_per_year: "Rate a year",
      fraction: "Share of site down (0–1)",
      comply_probability: "Compliance probability",
      permanent_probability: "Permanence probability",
      share: "Share moved (0–1)",
      median: "median (days)",
      p90: "1 in 10 longer than (days)",
      bf16_tflops: "BF16 TFLOP/s",
      training_run: "training run",
      outages: "outages",
      distress: "distress",
      duration_days: "duration",
      lag_days: "lag",
      online_delay_days: "construction delay",
      delay_days: "delay",
      relocation: "relocation",
    },
    intRange: (min, max) => `an integer from ${min} to ${max}`,
    aNumber: "a number",
    aScenarioJson: "a scenario in JSON, base64url-encoded",
    aNumberField: "a number field of the scenario, as path:number",
  },
};

STRINGS.ja = ja;

/** The languages the widget speaks; English is the default. */
export const LANGS = ["en", "ja"];
export let lang = "en";
export function setLang(code) {
  lang = LANGS.includes(code) ? code : "en";
}
export const t = (key) => STRINGS[lang]?.[key] ?? STRINGS.en[key];

const locale = () => (lang === "ja" ? "ja-JP" : "en-GB");

/** Whole numbers the way Japanese newspapers write them: 1万4550, 2億. */
function manStyle(n) {
  const sign = n < 0 ? "-" : "";
  let rest = Math.abs(Math.round(n));
  if (rest < 10_000) return sign + String(rest);
  const parts = [];
  for (const [unit, size] of [["兆", 1e12], ["億", 1e8], ["万", 1e4]]) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return sign + parts.join("") + (rest > 0 ? String(rest) : "");
}

export const fmt = {
  int: (x) => (lang === "ja" ? manStyle(x) : new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(Math.round(x))),
  compact: (x) => new Intl.NumberFormat(locale(), { notation: "compact", maximumFractionDigits: 1 }).format(x),
  days: (x) => new Intl.NumberFormat(locale(), { maximumFractionDigits: x < 100 ? 1 : 0 }).format(x),
  share: (p) => new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: p > 0 && p < 0.01 ? 1 : 0 }).format(p),
  num: (x, digits = 2) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(x),
  month: (d) => new Intl.DateTimeFormat(locale(), { month: "short", year: "numeric" }).format(d),
  date: (d) => new Intl.DateTimeFormat(locale(), { day: "numeric", month: "long", year: "numeric" }).format(d),
};
