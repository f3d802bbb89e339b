// The headline sentence: what the fan chart means, in plain words. Pure (no DOM), so the
// build can write the same sentence into the page for readers without JavaScript.
import { t } from "./i18n.js";

export function headline(summary, scenario) {
  const fin = summary.metrics.final_capacity_b200e;
  const train = summary.metrics.days_to_train;
  return t("headline")({
    keepP10: fin.p10,
    keepP50: fin.p50,
    horizon: t("horizon")(summary.horizon_days),
    req: summary.requirement_b200e,
    shortWeek: summary.probabilities.shortfall_7_days,
    trainP50: train.p50,
    run: t("trainingRun")(scenario.training_run?.flop ?? 3.8e25),
    unfinished: train.p_unfinished,
  });
}
