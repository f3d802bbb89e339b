// The headline sentence: what the fan chart means, in plain words. The choices are made here,
// once for every language: which sentence, by which thresholds, with which numbers; the
// language files only phrase the parts. Pure (no DOM), so the build can write the same
// sentence into the page for readers without JavaScript.

/** The training run a scenario without one is given (the engine's default). */
const DEFAULT_FLOP = 3.8e25;
/** Llama 3.1 405B's training compute: a run within 1% of it is called Llama-3-scale. */
const LLAMA3_FLOP = 3.8e25;
/** The share of unfinished runs below which the sentence does not mention them (rounds to 0%). */
const MENTION_UNFINISHED = 0.005;

/** The simulated span in words: whole years as years, anything else in days. */
export function horizonWords(days, { t }) {
  return days % 365 === 0 ? t("horizonYears")(days / 365) : t("horizonDays")(days);
}

/** The training run in words: "Llama-3-scale" near Llama 3's compute, else its FLOP. */
export function runWords(flop, { t }) {
  return Math.abs(flop / LLAMA3_FLOP - 1) < 0.01 ? t("llamaRun") : t("flopRun")(flop.toExponential(1));
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
  const fin = summary.metrics.final_capacity_b200e;
  const train = summary.metrics.days_to_train;
  const horizon = horizonWords(summary.horizon_days, tr);
  const run = runWords(scenario.training_run?.flop ?? DEFAULT_FLOP, tr);

  const kept = fin.p10 > 0 ? say.keepsMost(fmt.int(fin.p10), horizon) : fin.p50 > 0 ? say.keepsHalf(fmt.int(fin.p50), horizon) : say.keepsNone(horizon);
  const short = say.short(fmt.int(summary.requirement_b200e), fmt.share(summary.probabilities.shortfall_7_days));
  const trained =
    train.p50 === null
      ? say.neverTrains(run, horizon)
      : say.trains(run, fmt.days(train.p50)) + (train.p_unfinished >= MENTION_UNFINISHED ? say.unfinished(fmt.share(train.p_unfinished), horizon) : say.allFinish);
  return say.sentence(kept, short, trained);
}
