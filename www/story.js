// The headline sentence: what the run means, in plain words. The choices are made here, once
// for every language (`story`: which clauses, which numbers); the language files only phrase
// them. Pure (no DOM): the build writes the same sentence for readers without JavaScript.
// First how much later the training run finishes than without new rules (the engine's paired
// delay), then the compute kept and the shortfall. Shares are of all simulated futures; each
// quantifier is one the figures prove (p_k = 0: "none in at least k"; p_k > 0: "at least p_k
// in 1 − k").

/** The engine's defaults for a scenario that leaves them out. */
export const DEFAULT_HORIZON = 730;
export const DEFAULT_RUN = { flop: 3.8e25, mfu: 0.4 };
/** Llama 3.1 405B's training compute: a run within 1% of it is called Llama-3-scale. */
const LLAMA3_FLOP = 3.8e25;
/** Shares below this round to 0.5% or less and are not mentioned. */
export const MENTION = 0.005;
/** A median the percentiles cannot pin down (some runs do not finish) is told as the median
 * where the run finishes while fewer than this share of the measured futures do not; else
 * that share leads. */
const FINISHED_MEDIAN_UNTIL = 0.1;
/** The percentiles a summary reports, by level. */
const LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95].map((q) => [q, `p${Math.round(q * 100)}`]);

/** The simulated span in words: whole years as years, anything else in days. */
export function horizonWords(days, { t }) {
  return days % 365 === 0 ? t("horizonYears")(days / 365) : t("horizonDays")(days);
}

/** The training run in words: "Llama-3-scale" near Llama 3's compute, else its FLOP. */
export function runWords(flop, { t }) {
  return Math.abs(flop / LLAMA3_FLOP - 1) < 0.01 ? t("llamaRun") : t("flopRun")(flop.toExponential(1));
}

/** The median delay over the futures where the run finishes without new rules (one that then
 * does not finish counts as the latest), bracketed by the measured delays' percentiles:
 * `{ lo, hi }` (`hi` null: past the 95th), or null when half or more do not finish. */
export function medianDelay(delay, trials) {
  const measured = 1 - delay.p_status_quo_unfinished;
  const finished = delay.n / trials;
  if (!(finished > 0) || delay.p_unfinished >= measured / 2) return null;
  // The median's level among the measured delays (0.5 when every run finishes).
  const q = measured / 2 / finished;
  let lo = delay.p50;
  let hi = null;
  for (const [level, key] of LEVELS) {
    if (level <= q + 1e-6) lo = delay[key];
    if (level >= q - 1e-6 && hi === null) hi = delay[key];
  }
  return { lo, hi };
}

/**
 * What the headline says, as the summary's own figures:
 * - `statusQuo`: the share where not even the status quo finishes (from MENTION up; 1: no
 *   delay measurable);
 * - `delay`: `{ median, among }` ("all" futures, the "others" than those, or where it
 *   "finished"), or `{ unfinished }` (the share that does not finish leads), or null;
 * - `late`: shares more than a `week` and a `month` late (not finishing counts), `including`
 *   the unfinished share beside a median;
 * - `kept`: `none` left in at least that share, `keeps` at least `value` in `level`;
 * - `short`: the `requirement` (`later`: its last step), shares short on `any` day and for a
 *   `week` in a row.
 */
export function story(summary) {
  const d = summary.metrics.training_delay_days;
  const p = summary.probabilities;
  const fin = summary.metrics.final_capacity_b200e;
  const measurable = d.n > 0 || d.p_unfinished > 0;
  const statusQuo = measurable ? (d.p_status_quo_unfinished >= MENTION ? d.p_status_quo_unfinished : null) : 1;
  const median = measurable ? medianDelay(d, summary.trials) : null;
  const exact = median && median.lo === median.hi;
  const delay = !measurable
    ? null
    : exact
      ? { median: median.lo, among: statusQuo === null ? "all" : "others" }
      : median && d.p_unfinished < FINISHED_MEDIAN_UNTIL * (1 - d.p_status_quo_unfinished)
        ? { median: d.p50, among: "finished" }
        : { unfinished: d.p_unfinished };
  const late = measurable
    ? { week: p.training_delay_over_7_days, month: p.training_delay_over_30_days, including: delay.median !== undefined && d.p_unfinished >= MENTION ? d.p_unfinished : null }
    : null;

  // The share with no compute left: exact when the summary counts it, else the largest level
  // whose percentile is 0 (a lower bound); then the first level above it with compute.
  let none = null;
  for (const [level, key] of LEVELS) if (!(fin[key] > 0)) none = level;
  const counted = typeof p.no_capacity_at_end === "number";
  if (counted) none = p.no_capacity_at_end >= MENTION ? p.no_capacity_at_end : null;
  const above = LEVELS.slice(1).find(([level, key]) => (none === null || level > none) && fin[key] > 0);
  const keeps = above ? { level: Math.round((1 - above[0]) * 100) / 100, value: fin[above[1]] } : null;

  const steps = summary.requirement_steps ?? [];
  return {
    statusQuo,
    delay,
    late,
    kept: { none, keeps, exact: counted },
    short: {
      requirement: summary.requirement_b200e,
      later: steps.length > 1 ? steps.at(-1).b200e : null,
      any: p.any_shortfall,
      week: p.shortfall_7_days,
    },
  };
}

/**
 * The headline for a summary of a scenario, in the translator's language.
 * @param {object} summary the run's summary
 * @param {object} scenario the scenario it ran
 * @param {{ t: Function, fmt: object }} tr the translator (i18n.js) of the reader's language
 */
export function headline(summary, scenario, tr) {
  const { fmt } = tr;
  const say = tr.t("headline");
  const s = story(summary);
  const horizon = horizonWords(summary.horizon_days, tr);
  const run = runWords(scenario.training_run?.flop ?? DEFAULT_RUN.flop, tr);
  const parts = [];

  if (!s.delay) {
    parts.push(say.unmeasured(run, horizon));
  } else {
    // A status quo that does not always finish comes first; the median is then of the rest.
    if (s.statusQuo !== null) parts.push(say.statusQuo(run, fmt.share(s.statusQuo), horizon));
    let lede;
    if (s.delay.unfinished !== undefined) {
      lede = say.unfinished(fmt.share(s.delay.unfinished), horizon);
    } else {
      // Policy shocks only take compute away: a delay is never negative.
      const days = fmt.days(Math.max(0, s.delay.median));
      const where = say.among[s.delay.among];
      lede = days === fmt.days(0) ? say.noLater(where) : say.later(days, where);
    }
    // How late, beyond the lede (nothing more when every late run is one that does not finish).
    const { week, month, including } = s.late;
    const tails =
      week === 0
        ? say.neverLate
        : s.delay.unfinished === week
          ? null
          : month === 0
            ? say.weekLate(fmt.share(week))
            : week === month
              ? say.lateSame(fmt.share(month))
              : say.late(fmt.share(week), fmt.share(month)) + (including === null ? "" : say.including(fmt.share(including), horizon));
    parts.push(say.delay(s.statusQuo === null ? run : null, lede, tails));
  }

  const { none, keeps, exact } = s.kept;
  // A lower bound is never rounded up: 8,639.5 is "at least 8,639".
  const kept = keeps && fmt.int(Math.floor(keeps.value));
  const share = (level) => fmt.share(level);
  const [noneButKeeps, noneAtAll] = exact ? [say.noneButKeepsExact, say.noneExact] : [say.noneButKeeps, say.none];
  parts.push(none === null ? say.keeps(share(keeps.level), kept, horizon) : keeps ? noneButKeeps(share(none), share(keeps.level), kept, horizon) : noneAtAll(share(none), horizon));

  const r = s.short;
  const req = r.later === null ? fmt.int(r.requirement) : say.steps(fmt.int(r.requirement), fmt.int(r.later));
  parts.push(r.any === 0 ? say.neverShort(req) : r.week === 0 ? say.shortBrief(req, fmt.share(r.any)) : say.short(req, fmt.share(r.week)));
  return say.sentence(parts);
}
