// Every string the widget shows, by language: English here, Japanese (i18n-ja.js) with the
// same keys. Numbers and dates are formatted by format.js; the strings receive them formatted.
import { formatter } from "./format.js";
import { ja } from "./i18n-ja.js";

const en = {
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
  fanNow: "now",
  fanMonthsAhead: (months) => `+${months} month${months === 1 ? "" : "s"}`,
  fanAriaAhead: (horizon, p50, p5) =>
    `Fan chart of compute over the next ${horizon}. At the end, the median future has ${p50} B200-equivalents and 1 in 20 futures has ${p5} or less.`,
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
  // The headline's parts (story.js decides which, and formats the numbers).
  horizonYears: (n) => `${n} year${n === 1 ? "" : "s"}`,
  horizonDays: (n) => `${n} days`,
  llamaRun: "Llama-3-scale training run",
  flopRun: (flop) => `${flop} FLOP training run`,
  headline: {
    keepsMost: (kept, horizon) => `In 9 of 10 simulated futures the firm still has at least ${kept} B200-equivalents after ${horizon}`,
    keepsHalf: (kept, horizon) =>
      `In at least 1 of 10 simulated futures the firm has no compute left after ${horizon}; in half it keeps at least ${kept} B200-equivalents`,
    keepsNone: (horizon) => `In half of the simulated futures or more the firm has no compute left after ${horizon}`,
    short: (req, share) => `It falls short of the ${req} it needs for a week or more in ${share} of them.`,
    neverTrains: (run, horizon) => `Its ${run} does not finish within ${horizon} in any of them.`,
    trains: (run, days) => `In half of them its ${run} finishes within ${days} days`,
    allFinish: ".",
    unfinished: (share, horizon) => `; in ${share} it does not finish within ${horizon}.`,
    sentence: (kept, short, train) => `${kept}. ${short} ${train}`,
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
};

/** The languages the widget speaks; English is the default. */
export const LANGS = ["en", "ja"];
export const STRINGS = { en, ja };

/**
 * One language's strings and formatters: `t(key)` gives the string (or the function that
 * phrases it) in that language, English where it has none; `fmt` formats numbers and dates.
 * Each widget has its own, so widgets in different languages can share a page.
 * @param {string | null | undefined} lang "en" or "ja"; anything else is English
 * @returns {{ lang: string, t: (key: string) => any, fmt: ReturnType<typeof formatter> }}
 */
export function translator(lang) {
  const code = LANGS.includes(lang) ? lang : "en";
  const strings = STRINGS[code];
  return Object.freeze({ lang: code, t: (key) => strings[key] ?? en[key], fmt: formatter(code) });
}
