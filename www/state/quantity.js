// A figure that may be uncertain (docs/SCENARIO.md, "Uncertain inputs"): a number, or
// { distribution, … } that each trial draws from. The page's controls and sentences work with
// its mean; moving a control sets a number in its place.

/** True when `q` is a distribution rather than a number. */
export const isDrawn = (q) => q !== null && typeof q === "object" && typeof q.distribution === "string";

/** A range's ends, [low, high], for a distribution that has them (a record's gamma has none). */
export const rangeOf = (q) => (isDrawn(q) && q.distribution !== "gamma" ? [q.low, q.high] : null);

/** A number as it is; a distribution's mean (the engine's summary gives the same, rounded). */
export function pointValue(q) {
  if (!isDrawn(q)) return q;
  const { distribution: d, events, years, prior, low, mode, high } = q;
  if (d === "gamma") return (events + (prior === "flat" ? 1 : 0.5)) / years;
  if (d === "uniform") return (low + high) / 2;
  if (d === "triangular") return (low + mode + high) / 3;
  if (d === "log_uniform") return high === low ? low : (high - low) / Math.log(high / low);
  return NaN;
}
