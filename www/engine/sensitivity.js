// What the answer depends on, computed as the native `compute-shock sensitivity` computes it
// (src/paired.rs): each figure with a range (the preset's sources) set to its low and its high
// end, one at a time, run with the same seed; the metric at each end is that run's own
// probability, and the swing's standard error is paired, from the two runs' trials. Pure (no
// DOM, no engine): the runs are the caller's (tornado.js, in the workers).
import { parsePath } from "../state/paths.js";
import { FIGURE } from "./paired.js";
import { isDrawn, pointValue } from "../state/quantity.js";

/** The metrics a tornado ranks by (probabilities, whose paired standard error is exact). */
export const METRICS = ["shortfall_7_days", "any_shortfall", "training_delay_over_7_days", "training_delay_over_30_days", "training_unfinished"];
export const DEFAULT_METRIC = "shortfall_7_days";

const at = (f, i, k) => f[i * FIGURE.size + k];
/** Whether trial `i` of a run's figures `f` has each event (as src/paired.rs EVENTS). */
export const EVENTS = {
  any_shortfall: (f, i) => at(f, i, FIGURE.shortfallDays) > 0,
  shortfall_7_days: (f, i) => at(f, i, FIGURE.longest) >= 7,
  training_unfinished: (f, i) => Number.isNaN(at(f, i, FIGURE.daysToTrain)),
  // Infinity (only the status quo finishes) counts; NaN (neither finishes) does not.
  training_delay_over_7_days: (f, i) => at(f, i, FIGURE.delay) > 7,
  training_delay_over_30_days: (f, i) => at(f, i, FIGURE.delay) > 30,
};

/** Rounds to `decimals` places as Rust's f64::round does: halves away from zero. */
export function round(x, decimals) {
  const scale = 10 ** decimals;
  const v = x * scale;
  return (v < 0 ? -Math.round(-v) : Math.round(v)) / scale;
}

/** The paired difference B − A of an event over `n` trials and its standard error (rounded
 * to 6 places, as the command prints them). */
export function pairedDifference(fa, fb, n, event) {
  let aOnly = 0;
  let bOnly = 0;
  for (let i = 0; i < n; i++) {
    const a = event(fa, i);
    const b = event(fb, i);
    if (a && !b) aOnly++;
    else if (b && !a) bOnly++;
  }
  const nf = Math.max(n, 1);
  const mean = (bOnly - aOnly) / nf;
  const second = (bOnly + aOnly) / nf;
  const variance = n > 1 ? (Math.max(second - mean * mean, 0) * nf) / (nf - 1) : 0;
  return { difference: round(mean, 6), standardError: round(Math.sqrt(variance / nf), 6) };
}

/** The value at a path (`shocks[0].rate_per_year`) in a scenario, or undefined. */
function resolve(obj, keys) {
  let node = obj;
  for (const k of keys) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, k)) return undefined;
    node = node[k];
  }
  return node;
}

/** The scenario with `field` set to `x`; a duration's median moves its 90th percentile in
 * proportion (so the pair stays a valid lognormal), as the command and the duration slider do. */
export function setTo(scenario, field, x) {
  const copy = structuredClone(scenario);
  const keys = parsePath(field);
  if (field.endsWith(".median")) {
    const d = resolve(copy, keys.slice(0, -1));
    if (d && typeof d === "object") {
      // (A drawn median counts at its mean, the median its p90 is given for.)
      const median = typeof d.median === "number" ? d.median : isDrawn(d.median) ? pointValue(d.median) : 0;
      const p90 = typeof d.p90 === "number" ? d.p90 : 0;
      d.p90 = median > 0 ? (p90 * x) / median : x;
    }
  }
  const parent = resolve(copy, keys.slice(0, -1));
  parent[keys.at(-1)] = x;
  return copy;
}

/**
 * The runs a tornado needs: the scenario as it is, then each ranged figure at its low and its
 * high end. `rows[i]` is { field, low, high, source }, its runs `jobs[1 + 2i]` and
 * `jobs[2 + 2i]`. A figure that is not a number in this scenario (a duration object, a
 * requirement in steps, a site the reader removed) is left out, as the command leaves it out.
 * Then each uncertain figure (`uncertain`: the summary's list), fixed at its 10th and its
 * 90th percentile, `source` null.
 */
export function plan(scenario, sources, uncertain = []) {
  const rows = [];
  const jobs = [scenario];
  for (const source of sources) {
    if (!Array.isArray(source.range)) continue;
    const keys = parsePath(source.field);
    if (!keys || typeof resolve(scenario, keys) !== "number") continue;
    const [low, high] = source.range;
    rows.push({ field: source.field, low, high, source });
    jobs.push(setTo(scenario, source.field, low), setTo(scenario, source.field, high));
  }
  for (const u of uncertain) {
    rows.push({ field: u.field, low: u.p10, high: u.p90, source: null });
    jobs.push(setTo(scenario, u.field, u.p10), setTo(scenario, u.field, u.p90));
  }
  return { rows, jobs };
}

/**
 * The tornado from the runs' replies (each { figures, probabilities } or an error): rows as
 * the command's JSON has them (`field, low, high, metric_at_low, metric_at_high, swing,
 * standard_error, within_noise`), sorted by the size of the swing, then the field; a figure
 * whose end the engine refused is in `refused` ({ field, message }).
 */
export function tornado({ rows, jobs }, replies, metric, trials) {
  const event = EVENTS[metric];
  const value = (r) => r.probabilities[metric];
  const out = [];
  const refused = [];
  rows.forEach((row, i) => {
    const lo = replies[1 + 2 * i];
    const hi = replies[2 + 2 * i];
    const bad = [lo, hi].find((r) => !r?.figures);
    if (bad) {
      refused.push({ field: row.field, message: bad?.message ?? "" });
      return;
    }
    // The swing is the paired mean difference rounded once, as the command gives it (the
    // difference of the two rounded ends can be a millionth away).
    const { difference: swing, standardError } = pairedDifference(lo.figures, hi.figures, trials, event);
    out.push({
      field: row.field,
      low: row.low,
      high: row.high,
      metric_at_low: value(lo),
      metric_at_high: value(hi),
      swing,
      standard_error: standardError,
      within_noise: Math.abs(swing) <= 2 * standardError,
    });
  });
  out.sort((a, b) => Math.abs(b.swing) - Math.abs(a.swing) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const baseline = replies[0]?.probabilities ? value(replies[0]) : null;
  return { metric, trials, baseline, rows: out, refused, jobs: jobs.length };
}

/** The rows as CSV, the command's `--format csv` columns. */
export function tornadoCsv(rows) {
  const num = (x) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
  const lines = ["field,low,high,metric_at_low,metric_at_high,swing,standard_error,within_noise"];
  for (const r of rows) lines.push([`"${r.field.replace(/"/g, '""')}"`, num(r.low), num(r.high), r.metric_at_low, r.metric_at_high, r.swing, r.standard_error, r.within_noise].join(","));
  return `${lines.join("\n")}\n`;
}

/** How many trials a bar can have to finish within `budgetMs` on `workers` cores, from a run
 * measured at `msPerTrial` on one core: a round number from 100 (a first look, refined when idle) to `max`. */
export function trialsFor({ runs, msPerTrial, workers, budgetMs = 400, max = 100_000 }) {
  const n = (budgetMs * Math.max(1, workers)) / (Math.max(1, runs) * Math.max(1e-4, msPerTrial));
  const step = n >= 10_000 ? 5_000 : n >= 1_000 ? 500 : 100;
  return Math.max(100, Math.min(max, Math.floor(n / step) * step));
}
