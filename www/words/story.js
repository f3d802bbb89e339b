// What the run means, in plain words: a lead sentence a reader takes in at once, and the other
// figures as short statements under it. The choices are made here, once for every language
// (`story`: which figures; `sentences`: which statements); the language files only phrase
// them. Pure (no DOM): the build writes the same sentences for readers without JavaScript.
// The lead says where and when the training run starts, how much later it finishes than in
// the same future without the shocks (the engine's paired delay), and under which shock, by
// its kind and assumed rate (or its day). Shares are of all simulated futures; shares under
// 0.5% are "almost none", from 99.5% short of all "nearly all"; each quantifier is one the
// figures prove (p_k = 0: "none in at least k"; p_k > 0: "at least p_k in 1 − k").

import { addDays, byDay, parseDate, twoDigits } from "./format.js";
import { isDrawn, pointValue } from "../state/quantity.js";
import { SCENARIO } from "../engine/engine-defaults.js";

/** Llama 3.1 405B's training compute: a run within 1% of it is named beside it. */
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

/** The training run's size as a statement: its FLOP, and Llama 3.1 405B's name when it is
 * within 1% of that run's compute. */
export function runWords(flop, { t }) {
  return t("headline").size(flop.toExponential(1).replace("e+", "e"), Math.abs(flop / LLAMA3_FLOP - 1) < 0.01);
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
 * - `short`: the `requirement` (`later`: its last step, the end of its growth if it grows), shares short on `any` day and for a
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

  return {
    statusQuo,
    delay,
    late,
    kept: { none, keeps, exact: counted },
    short: {
      requirement: summary.requirement_b200e,
      later: lastFloorStep(summary),
      any: p.any_shortfall,
      week: p.shortfall_7_days,
    },
  };
}

/** The last step of a floor in steps (its own, or a growing floor's), as the chart labels
 * it, for the lead (`short.later`) and the floor's definition; null for a floor of one step. */
export function lastFloorStep(summary) {
  const steps = summary.requirement_steps ?? [];
  return steps.length > 1 ? steps.at(-1).b200e : null;
}

/** Shares of futures as a reader's words: none, almost none (under MENTION), a share, nearly
 * all (from 99.5% up, short of all), all. `share` is the formatted figure. */
export function amount(p, { fmt }) {
  const q = p === 0 ? "none" : p < MENTION ? "few" : p === 1 ? "all" : p >= 1 - MENTION ? "most" : "share";
  return { q, share: fmt.share(p), p };
}


/** Names in the reader's language, joined: "Osaka and Sydney", or "3 sites" past two. */
function siteWords(sites, nameOf, say) {
  if (sites.length === 0) return null;
  return sites.length <= 2 ? say.and(sites.map(nameOf)) : say.sitesCount(sites.length);
}

/** The day `day` of the scenario in words: its date when day 0 has one, else "day N". */
function dayWords(day, start, { fmt, t }) {
  const whole = Math.floor(day);
  return start ? fmt.date(addDays(start, whole)) : t("headline").dayN(whole);
}

/**
 * The shocks behind the lead: the first that arrives at random (its kind and rate, and
 * whether there are others), else the first on a scheduled day (its kind, day and length).
 * null when the scenario has none.
 */
export function cause(scenario) {
  const shocks = byDay(scenario).shocks ?? [];
  const live = shocks.filter((k) => pointValue(k.rate_per_year) > 0 || (k.scheduled_days ?? []).length > 0);
  if (live.length === 0) return null;
  const random = live.find((k) => pointValue(k.rate_per_year) > 0);
  const first = random ?? live[0];
  const d = first.duration_days ?? {};
  return {
    shock: first,
    kind: first.kind ?? "rule",
    rate: random ? twoDigits(pointValue(random.rate_per_year)) : null,
    // The rate is uncertain: the lead gives its mean, and says so.
    drawn: random ? isDrawn(random.rate_per_year) : false,
    day: random ? null : Math.min(...first.scheduled_days),
    // A length is said only when every such halt lasts it: fixed, and never permanent.
    days: d.median === d.p90 && d.median > 0 && !(pointValue(first.permanent_probability) > 0) ? d.median : null,
    others: live.filter((k) => k !== first),
  };
}

/**
 * The sentences for a summary of a scenario, in the translator's language: `lead`, one
 * sentence a reader takes in at once (the training run: where and when it starts, how late it
 * is, under which shocks), and `details`, the other figures as short plain statements.
 * @param {object} summary the run's summary
 * @param {object} scenario the scenario it ran
 * @param {{ t: Function, fmt: object }} tr the translator (i18n.js) of the reader's language
 * @param {{ start?: Date | null, nameOf?: (entity: object) => string }} [options] `start`: the
 *   date of day 0 (default: the summary's `start_date`; none: days are counted); `nameOf`: a
 *   site's or shock's name in the reader's language (default: its `name`)
 */
export function sentences(summary, scenario, tr, { start = parseDate(summary.start_date), nameOf = (x) => x?.name ?? x?.id } = {}) {
  const { fmt } = tr;
  const say = tr.t("headline");
  const s = story(summary);
  // Dates as days from day 0, as the engine counts them.
  scenario = byDay(scenario);
  const horizon = horizonWords(summary.horizon_days, tr);
  const sites = scenario.sites ?? [];
  const byId = (ids) => sites.filter((x) => ids.includes(x.id));
  // The engine's own answer when it gives one (it trains on the floor's sites when the run
  // names none of its own), else the scenario's.
  const runIds = summary.training_run_sites?.length ? summary.training_run_sites : scenario.training_run?.sites?.length ? scenario.training_run.sites : summary.requirement_sites;
  const runSites = runIds?.length ? byId(runIds) : sites;
  const poolSites = summary.requirement_sites?.length ? byId(summary.requirement_sites) : null;
  const run = say.run(siteWords(runSites, nameOf, say), dayWords(scenario.training_run?.start_day ?? 0, start, tr));
  // The subject of the compute figures: the firm, or the sites the floor is counted on.
  const pool = poolSites ? { name: say.and(poolSites.map(nameOf)), many: poolSites.length > 1 } : { name: say.firm, many: false };
  const c = cause(scenario);
  const of = (p) => amount(p, tr);
  const details = [];

  // The lead: the typical delay when it is a day or more in every measured future; else the
  // share more than a week late (which counts runs the shocks stop from finishing); or that no
  // delay can be measured (not even the status quo finishes).
  let answer;
  let why = c === null ? say.noShocks : c.rate !== null ? say.random(c.kind, fmt.num(c.rate, 2), c.others.length > 0, c.drawn) : say.scheduled(c.kind, dayWords(c.day, start, tr), c.days);
  const d = summary.metrics.training_delay_days;
  if (!s.delay) {
    answer = say.unmeasured(run, horizon);
    why = null;
  } else {
    const days = s.delay.median === undefined ? null : Math.max(0, s.delay.median);
    const typical = s.delay.among === "all" && days >= 1;
    answer = typical ? say.typical(run, fmt.days(days)) : say.late(run, of(s.late.week));
    if (typical) details.push(say.lateDetail(of(s.late.week), "week"));
    else if (days !== null) details.push(fmt.days(days) === fmt.days(0) ? say.notDelayed(s.delay.among) : say.typicalDetail(fmt.days(days), s.delay.among));
  }
  const lead = say.lead(answer, why);

  if (s.delay) {
    if (s.late.week > 0) details.push(say.lateDetail(of(s.late.month), "month"));
    if (d.p_unfinished > 0) details.push(say.unfinishedDetail(of(d.p_unfinished), horizon));
  }
  if (s.statusQuo !== null && s.delay) details.push(say.statusQuo(of(s.statusQuo), horizon));

  // Compute kept after the horizon, of the pool.
  const { none, keeps, exact } = s.kept;
  // A lower bound is never rounded up: 8,639.5 is "at least 8,639".
  if (keeps) details.push(say.keeps(pool, of(keeps.level), fmt.int(Math.floor(keeps.value)), horizon));
  if (none !== null) details.push(say.none(pool, of(none), exact, horizon));

  // The floor: a week or more in a row, else any day, else never.
  const r = s.short;
  const growth = scenario.requirement_growth?.doubling_days;
  // An uncertain floor: its mean (the summary's figure), said as one.
  const first = isDrawn(scenario.requirement_b200e) ? say.drawnFloor(fmt.int(r.requirement)) : fmt.int(r.requirement);
  const req = r.later === null ? first : growth ? say.growing(first, fmt.int(growth), fmt.int(r.later)) : say.steps(first, fmt.int(r.later));
  details.push(r.any === 0 ? say.neverShort(pool, req) : r.week > 0 ? say.short(pool, req, of(r.week)) : say.shortBrief(pool, req, of(r.any)));

  // The median line's fall, said for what it is.
  const fall = medianFall(summary, scenario);
  if (fall) details.push(say.fall(fmt.int(fall.from), fmt.int(fall.to), start ? fmt.month(addDays(start, fall.day)) : say.dayN(fall.day)));

  // The run's size, and the shocks the lead does not name.
  details.push(runWords(scenario.training_run?.flop ?? SCENARIO.training_run.flop, tr));
  // Where the run goes when its own sites give less.
  const fallback = scenario.training_run?.fallback;
  if (fallback?.sites?.length) details.push(say.fallback(siteWords(byId(fallback.sites), nameOf, say), fmt.share(fallback.efficiency ?? 1)));
  if (c && c.others.length > 0) {
    const other = (k) => {
      // Its first scheduled day, if it has one (a live shock without a rate has).
      const on = (k.scheduled_days ?? []).length ? dayWords(Math.min(...k.scheduled_days), start, tr) : null;
      return pointValue(k.rate_per_year) > 0 ? say.otherRate(nameOf(k), fmt.num(twoDigits(pointValue(k.rate_per_year)), 2), on) : say.otherDay(nameOf(k), on);
    };
    details.push(say.others(c.others.map(other)));
  }
  return { lead, details };
}

/** Days over which the median line's fall is measured. */
const FALL_DAYS = 30;

/**
 * The median line's largest fall over FALL_DAYS days, when it is a quarter of the line's
 * highest value or more and the line stays down, with no scheduled shock in or just before
 * it: `{ day, from, to }`, else null. Such a fall is no event on the chart: it is the day
 * from which more than half the futures have lost compute the others still have.
 */
export function medianFall(summary, scenario) {
  scenario = byDay(scenario);
  const line = summary.bands?.p50 ?? [];
  if (line.length <= FALL_DAYS) return null;
  let day = FALL_DAYS;
  for (let t = FALL_DAYS; t < line.length; t++) if (line[t - FALL_DAYS] - line[t] > line[day - FALL_DAYS] - line[day]) day = t;
  const from = line[day - FALL_DAYS];
  const to = line[day];
  const drop = from - to;
  const stays = Math.max(...line.slice(day, day + FALL_DAYS)) <= from - drop / 2;
  const scheduled = (scenario.shocks ?? []).some((k) => (k.scheduled_days ?? []).some((d) => d >= day - 2 * FALL_DAYS && d <= day));
  return drop > 0 && drop >= 0.25 * Math.max(...line) && stays && !scheduled ? { day, from, to } : null;
}

/** The lead sentence alone (see `sentences`). */
export function headline(summary, scenario, tr, options) {
  return sentences(summary, scenario, tr, options).lead;
}
