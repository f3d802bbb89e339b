// The reader's sliders: each is a view of the working scenario. Moving one rewrites the
// fields it stands for, always relative to the preset, so proportions between shock types
// survive a trip to zero and back. The words come from the widget's translator (`tr`).
import { addDays, parseDate, twoDigits } from "../words/format.js";
import { SCENARIO, horizonOf } from "../engine/engine-defaults.js";
import { isDrawn, pointValue } from "./quantity.js";

const byId = (list = [], id) => list.find((x) => x.id === id);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => (xs.length ? sum(xs) / xs.length : 0);
const DEFAULT_OUTAGE = { rate_per_year: 0.27, duration_days: { median: 0.5, p90: 3 }, fraction: 1 };
const DEFAULT_RELOCATION_DELAY = { median: 120, p90: 365 };
const MONTH_DAYS = 30.44;

/** A log-scale slider position (0–1000) for values from `lo` to `hi`. */
export const logScale = (lo, hi) => ({
  toPosition: (v) => Math.round((1000 * Math.log(Math.max(lo, v) / lo)) / Math.log(hi / lo)),
  fromPosition: (p) => {
    const v = lo * Math.exp((p / 1000) * Math.log(hi / lo));
    return v < 10 ? Math.round(v * 10) / 10 : Math.round(v);
  },
});

/** A probability every shock type has (`field`, `fallback` when absent): the slider shows
 * their mean and sets them all; its words are the `<key>Value` string. */
const shockShare = (id, key, field, fallback) => ({
  id,
  key,
  min: 0,
  max: 1,
  step: 0.05,
  source: `shocks[0].${field}`,
  enabled: (s) => (s.shocks ?? []).length > 0,
  read: (s) => mean((s.shocks ?? []).map((k) => pointValue(k[field] ?? fallback))),
  apply(s, v) {
    for (const k of s.shocks ?? []) k[field] = v;
    return s;
  },
  text: (v, s, { t, fmt }) => t(`${key}Value`)(fmt.share(v)),
});

/**
 * Each control: `id`, its name in an embed's `controls` parameter; `key`, its strings';
 * `read(scenario, engine)` gives the value shown (`engine`: the latest summary,
 * for what the engine fills in when the scenario leaves a field out); `apply(scenario, value,
 * preset)` returns the new scenario; `text(value, scenario, tr)` says the value in words and
 * units in the translator's language. `max` is a number, or `max(scenario, engine)` when it
 * depends on the scenario.
 */
export const CONTROLS = [
  {
    id: "shock-rate",
    key: "shockRate",
    min: 0,
    max: 5,
    step: 0.05,
    source: "shocks[0].rate_per_year",
    enabled: (s) => (s.shocks ?? []).length > 0,
    read: (s) => sum((s.shocks ?? []).map((k) => pointValue(k.rate_per_year))),
    apply(s, v, preset) {
      const shocks = s.shocks ?? [];
      const base = shocks.map((k) => pointValue(byId(preset.shocks, k.id)?.rate_per_year ?? k.rate_per_year));
      const total = sum(base);
      shocks.forEach((k, i) => (k.rate_per_year = total > 0 ? (v * base[i]) / total : v / shocks.length));
      return s;
    },
    // Two significant digits: a rate scaled by the slider reads 4 a year, not 3.95.
    // (With several kinds of shock the slider sets their sum, and says so: the lead may name
    // one kind's rate.)
    text: (v, s, { t, fmt }) => t("shockRateValue")(fmt.num(twoDigits(v)), (s.shocks ?? []).length),
  },
  shockShare("comply", "comply", "comply_probability", 1),
  {
    id: "duration",
    key: "duration",
    min: 1,
    max: 730,
    scale: logScale(1, 730),
    source: "shocks[0].duration_days",
    // (A drawn median counts at its mean, the median its p90 is given for.)
    enabled: (s) => (s.shocks ?? []).some((k) => pointValue(k.duration_days.median) > 0),
    read: (s) => pointValue((s.shocks ?? []).find((k) => pointValue(k.duration_days.median) > 0)?.duration_days.median ?? 1),
    apply(s, v, preset) {
      // Median and p90 scale together (the shape of the tail stays), for every shock type.
      const lead = (s.shocks ?? []).find((k) => pointValue(k.duration_days.median) > 0);
      if (!lead) return s;
      const leadBase = byId(preset.shocks, lead.id)?.duration_days ?? lead.duration_days;
      const factor = v / pointValue(leadBase.median);
      for (const k of s.shocks) {
        const base = byId(preset.shocks, k.id)?.duration_days ?? k.duration_days;
        // Within the engine's limit for a duration (100 years), the tail's shape kept as far as it goes.
        const most = SCENARIO.max_duration_days;
        k.duration_days = { median: Math.min(pointValue(base.median) * factor, most), p90: Math.min(base.p90 * factor, most) };
      }
      return s;
    },
    text: (v, s, { t, fmt }) => {
      const lead = (s.shocks ?? []).find((k) => pointValue(k.duration_days.median) > 0);
      return t("durationValue")(fmt.days(v), fmt.days(lead ? lead.duration_days.p90 : v));
    },
  },
  shockShare("permanent", "permanent", "permanent_probability", 0),
  {
    id: "outages",
    key: "outages",
    min: 0,
    max: 12,
    step: 0.01,
    source: "sites[0].outages.rate_per_year",
    enabled: () => true,
    read: (s) => mean(s.sites.map((x) => pointValue(x.outages?.rate_per_year ?? 0))),
    apply(s, v) {
      for (const site of s.sites) site.outages = { ...(site.outages ?? DEFAULT_OUTAGE), rate_per_year: v };
      return s;
    },
    text: (v, s, { t, fmt }) => t("outagesValue")(fmt.num(v)),
  },
  {
    id: "relocation",
    key: "relocation",
    min: 0,
    max: 1,
    step: 0.05,
    source: "relocation.share",
    enabled: () => true,
    read: (s) => s.relocation?.share ?? 0,
    apply(s, v) {
      s.relocation = { delay_days: DEFAULT_RELOCATION_DELAY, ...(s.relocation ?? {}), share: v };
      return s;
    },
    text: (v, s, { t, fmt }) => t("relocationValue")(fmt.share(v)),
  },
  {
    id: "requirement",
    key: "requirement",
    min: 0,
    max: 60_000,
    step: 100,
    source: "requirement_b200e",
    // A requirement in steps is edited under all parameters.
    // Not for a floor in steps or an uncertain one (the reader can move it in the editor).
    enabled: (s) => !Array.isArray(s.requirement_b200e) && !isDrawn(s.requirement_b200e),
    off: "requirementSteps",
    // A scenario without a requirement gets the engine's default, which its summary reports.
    read: (s, engine) => (Array.isArray(s.requirement_b200e) ? s.requirement_b200e[0]?.b200e : s.requirement_b200e) ?? engine?.requirement_b200e ?? 0,
    apply(s, v) {
      s.requirement_b200e = v;
      return s;
    },
    text: (v, s, { t, fmt }) => t("requirementValue")(fmt.int(v)),
  },
  {
    id: "training-start",
    key: "trainingStart",
    min: 0,
    // Any day of the simulated span (the engine's range).
    max: (s, engine) => (s.horizon_days ?? engine?.horizon_days ?? horizonOf(s)) - 1,
    step: 1,
    source: "training_run.start_day",
    enabled: () => true,
    read: (s) => s.training_run?.start_day ?? 0,
    apply(s, v) {
      s.training_run = { ...SCENARIO.training_run, ...s.training_run, start_day: v };
      return s;
    },
    // "in 3 months (day 90, 1 March 2027)": days under two months, else months; the date
    // when the scenario has one.
    text: (v, s, { t, fmt }) => {
      const start = parseDate(s.start_date);
      const when = v === 0 ? null : v < 60 ? t("inDays")(fmt.int(v)) : t("inMonths")(fmt.num(v / MONTH_DAYS, 0));
      return t("trainingStartValue")(when, fmt.int(v), start && fmt.date(addDays(start, v)));
    },
  },
];

/** The controls' ids, in the order the full view shows them. */
export const CONTROL_IDS = CONTROLS.map((c) => c.id);

/** A control narrowed to a journalist's range [lo, hi] (embedding.js checks it lies inside the
 * control's own): the slider runs from lo to hi, on the same kind of scale; a top that
 * depends on the scenario stays under it. */
export function ranged(c, range) {
  if (!range) return c;
  const [lo, hi] = range;
  const max = typeof c.max === "function" ? (s, engine) => Math.max(lo, Math.min(hi, c.max(s, engine))) : hi;
  return { ...c, min: lo, max, scale: c.scale ? logScale(lo, hi) : undefined };
}
