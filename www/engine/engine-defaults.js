// @ts-check
// What the engine fills in when a scenario leaves it out, and how long a scenario may run: the
// engine's own figures (`limits().scenario`, src/run.rs), learnt once it has loaded (the
// controller, `learn`), not copied here. Read only after the engine is ready.
//   horizon_days { min, max, default }, requirement_b200e, training_run { flop, mfu },
//   max_duration_days
export const SCENARIO = {};

/** The daily bands' CSV columns, each named with its unit, in the order of the summary's bands
 * (`limits().csv_columns`, src/output/summary.rs `BAND_COLUMNS`). */
export const CSV_COLUMNS = [];

/** Takes the engine's `limits()` (the controller calls it when the engine is ready). */
export const learn = (limits) => {
  Object.assign(SCENARIO, limits.scenario);
  CSV_COLUMNS.splice(0, CSV_COLUMNS.length, ...limits.csv_columns.split(","));
};

/** The longest horizon the engine takes, in days (before it has loaded: no bound yet). */
export const longestHorizon = () => SCENARIO.horizon_days?.max ?? Infinity;

/** A scenario's horizon in days: its own, else the engine's default. */
export const horizonOf = (scenario) => scenario?.horizon_days ?? SCENARIO.horizon_days.default;
