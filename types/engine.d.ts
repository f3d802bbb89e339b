// What crosses compute-shock's WebAssembly boundary, declared from the Rust types that
// serialise it (tests/types.rs; `make types` writes this file). Do not edit by hand.

// The options of a run (`simulate`, `new Run`): each within `limits()`.
export type RunOptions = { trials?: number, seed?: number, bins?: number, first?: number };

// the scenario (docs/SCENARIO.md)
export type Scenario = { name?: string, 
/**
 * The date of day 0, `YYYY-MM-DD`: the chart's dates come from it, never from the
 * reader's clock. Optional (older files have none; the page then counts from today).
 */
start_date?: string, 
/**
 * Days simulated; default 730.
 */
horizon_days?: number, 
/**
 * B200-equivalents the firm needs: one number (default 10,000), or steps.
 */
requirement_b200e?: Requirement, 
/**
 * The requirement's growth, on top of its number or steps: it doubles every
 * `doubling_days`, rising in steps every `step_days`.
 */
requirement_growth?: Growth, 
/**
 * The sites whose capacity is counted against the requirement and drawn in the chart,
 * by id; empty (the default) counts every site.
 */
requirement_sites?: Array<string>, training_run?: TrainingRun, 
/**
 * Chips added to, or overriding, the built-in catalogue.
 */
chips?: { [key in string]: Chip }, operators?: Array<Operator>, sites: Array<Site>, shocks?: Array<Shock>, relocation?: Relocation, };
export type Requirement = Quantity | Array<RequirementStep>;
export type RequirementStep = { day: number, b200e: number, };
export type Growth = { doubling_days: number, step_days?: number, };
export type TrainingRun = { 
/**
 * Total training compute in FLOP.
 */
flop: number, 
/**
 * Model FLOP utilisation, in (0, 1].
 */
mfu: number, start_day?: number, 
/**
 * The sites the run can draw on, by id; empty (the default) means those counted against
 * the requirement.
 */
sites?: Array<string>, 
/**
 * Where the run goes when its own sites give less: other sites, at an efficiency.
 */
fallback?: Fallback, };
export type Fallback = { sites: Array<string>, 
/**
 * The share of their capacity the run gets from them (a less mature software stack, a
 * lower utilisation), in (0, 1]; default 1.
 */
efficiency?: number, };
export type Chip = { 
/**
 * Dense BF16 throughput in TFLOP/s.
 */
bf16_tflops: number, };
export type Operator = { id: string, name?: string, distress?: Distress, };
export type Distress = { rate_per_year: Quantity, duration_days: Days, permanent_probability?: Quantity, 
/**
 * The share of the halted sites' GPUs let to others, that the firm does not get back
 * when a halt lifts: a number, or a distribution drawn afresh at each halt. Default 0.
 */
relet_share?: Quantity, };
export type Site = { id: string, name?: string, 
/**
 * ISO 3166 alpha-2 code, e.g. "JP".
 */
jurisdiction: string, operator?: string, 
/**
 * `offshore_rental`, `domestic`, `domestic_import`, `relocated` or another label.
 */
route: string, chip: string, 
/**
 * GPUs at full build-out: a whole number, or uncertain (drawn once a trial).
 */
gpus: Quantity, online_day?: number, 
/**
 * The same as a date (the scenario's `start_date` is day 0): a date before it means the
 * site was being built, or running, before day 0. Not with `online_day`.
 */
online_date?: string, ramp_days?: number, 
/**
 * Daily share of installed GPUs that work (node failures, maintenance); default 1.
 */
availability?: number, online_delay_days?: Days, outages?: Outages, };
export type Outages = { rate_per_year: Quantity, duration_days: Days, 
/**
 * Share of the site each outage takes down; default 1 (the whole site).
 */
fraction?: number, };
export type Shock = { id: string, name?: string, 
/**
 * What the shock is, for the words that describe it (the engine treats every kind
 * alike): default `rule`.
 */
kind?: ShockKind, rate_per_year: Quantity, effect: Effect, targets?: Targets, 
/**
 * Default 1.
 */
comply_probability?: Quantity, 
/**
 * Default none.
 */
lag_days?: Days, 
/**
 * Default 0.
 */
permanent_probability?: Quantity, duration_days: Days, 
/**
 * Days on which the shock arrives for certain, besides its random arrivals; each with
 * the type's compliance, lag, permanence and duration.
 */
scheduled_days?: Array<number>, 
/**
 * The same as dates (the scenario's `start_date` is day 0); those before day 0 have
 * happened, or not, before the run, which leaves them out.
 */
scheduled_dates?: Array<string>, 
/**
 * Who decides to comply with an arrival: each site on its own (the default), each
 * operator for all its target sites, each jurisdiction for all its target sites, or one
 * decision for every target site (`all`: allies acting as one on one rule).
 */
comply_by?: ComplyBy, 
/**
 * The share of a halted site's GPUs let to others, that the firm does not get back when
 * the halt lifts: a number, or a distribution drawn afresh at each halt. Default 0.
 */
relet_share?: Quantity, };
export type ShockKind = "rule" | "crackdown" | "halt" | "outage";
export type Effect = "halt" | "freeze";
export type ComplyBy = "site" | "operator" | "jurisdiction" | "all";
export type Targets = { routes: Array<string>, chips: Array<string>, jurisdictions: Array<string>, operators: Array<string>, };
export type Relocation = { 
/**
 * Share of a permanently shut site's GPUs moved to domestic use.
 */
share: number, delay_days?: Days, 
/**
 * The site (by id) where relocated GPUs land: from then on they share its halts and
 * outages and count wherever it counts. None: they count where they did before, with no
 * further risk.
 */
to_site?: string, };
export type Days = { median: Quantity, p90: number, };
export type Quantity = number | Distribution;
export type Distribution = { "distribution": "gamma", events: number, years: number, prior: Prior, } | { "distribution": "uniform", low: number, high: number, } | { "distribution": "triangular", low: number, mode: number, high: number, } | { "distribution": "log_uniform", low: number, high: number, };
export type Prior = "jeffreys" | "flat";

// the presets (presets.json)
export type Preset = { id: string, name: string, summary: string, 
/**
 * The date of the latest evidence the preset accounts for, `YYYY-MM-DD`: what the widget
 * says as "evidence as of".
 */
as_of: string, scenario: Scenario, sources: Array<Source>, };
export type Source = { 
/**
 * Path of the figure in the scenario, e.g. `sites[0].gpus`.
 */
field: string, label: Label, 
/**
 * What the figure is and why this value. Empty in the WebAssembly build, whose page
 * reads the notes from `preset-notes.json` (see `build.rs`).
 */
note?: string, source?: string, 
/**
 * The range the figure could reasonably take, `[low, high]`, when it is uncertain (every
 * assumption has one): what a reader can try, and what a sensitivity view spans.
 */
range?: [number, number], 
/**
 * For a rate learnt from the evidence register (`src/evidence/register.json`): which
 * events count and over what span. The figure is then the record's gamma, Jeffreys'
 * Gamma(events + 1/2, years); tests/js/evidence.test.mjs derives it again from the
 * register and holds the preset to it.
 */
derivation?: Derivation, };
export type Label = "reported" | "derived" | "assumed";
export type Derivation = { jurisdiction: string, kinds: Array<string>, covers: Array<string>, 
/**
 * Which of an event's dates counts: `effective` for a rule in force, `announced` for an
 * action taken.
 */
dated: string, from: string, to: string, 
/**
 * The ids of the events counted (empty: none in the span).
 */
events: Array<string>, };

// the limits (`limits()`)
export type Limits = { trials: Limit, seed: Limit, bins: Limit, scenario: ScenarioLimits, 
/**
 * The daily bands' CSV columns, comma-separated, in the order of the summary's bands.
 */
csv_columns: string, };
export type Limit = { min: number, max: number, default: number, };
export type ScenarioLimits = { 
/**
 * Days simulated: `MIN_HORIZON_DAYS` to `MAX_HORIZON_DAYS`, `DEFAULT_HORIZON_DAYS` when
 * left out.
 */
horizon_days: Limit, 
/**
 * The floor when a scenario states none, B200e.
 */
requirement_b200e: number, 
/**
 * The training run's size and efficiency when a scenario leaves them out.
 */
training_run: TrainingDefaults, 
/**
 * The longest duration any span may have (a shock, an outage, a delay), days.
 */
max_duration_days: number, };
export type TrainingDefaults = { flop: number, mfu: number, };

// the summary (`simulate`, `Run.summary`; docs/MODEL.md, Outputs)
export type Summary = { 
/**
 * The version of the model that made this summary: it goes up whenever a change to the
 * model moves a number for the same scenario and seed (CHANGELOG says which).
 */
model_version: number, scenario: string, 
/**
 * The date of day 0, if the scenario gives one.
 */
start_date?: string, seed: number, trials: number, horizon_days: number, 
/**
 * The requirement on day 0; `requirement_steps` when it changes later.
 */
requirement_b200e: number, 
/**
 * The requirement's steps, `[{ day, b200e }]` from day 0, when there is more than one.
 */
requirement_steps?: Array<Step>, 
/**
 * The sites counted against the requirement (the chart's capacity), by id, when not
 * every site is; the training run's sites when they are not every site.
 */
requirement_sites?: Array<string>, training_run_sites?: Array<string>, 
/**
 * The training run's fallback sites, when it has some.
 */
training_run_fallback_sites?: Array<string>, 
/**
 * Every counted site fully built and up.
 */
max_capacity_b200e: number, 
/**
 * Percentiles of daily capacity are resolved to this many B200e (one histogram bin; one
 * and a half on a site's build days, whose lines are binned from their bucket's middle).
 */
resolution_b200e: number, bands: Bands, metrics: Metrics, probabilities: Probabilities, sites: Array<SiteSummary>, 
/**
 * The figures drawn once a trial (every other figure above integrates over them), in
 * the scenario's order; absent when there are none.
 */
uncertain?: Array<UncertainSummary>, };
export type UncertainSummary = { field: string, 
/**
 * `gamma`, `uniform`, `triangular` or `log_uniform`.
 */
distribution: string, mean: number, p10: number, p50: number, p90: number, };
export type Step = { day: number, b200e: number, };
export type Bands = { p5: Float64Array, p25: Float64Array, p50: Float64Array, p75: Float64Array, p95: Float64Array, mean: Float64Array, 
/**
 * The share of futures below the requirement on each day (a one-week halt shows here
 * when the bands cannot show it).
 */
below_requirement: Float64Array, };
export type Metrics = { final_capacity_b200e: Stat, delivered_b200e_days: Stat, shortfall_days: Stat, longest_shortfall_days: Stat, 
/**
 * Over the trials whose training run finishes within the horizon.
 */
days_to_train: TrainingStat, policy_shocks: Stat, 
/**
 * Days to train minus the same trial's days to train with no policy shock (the status
 * quo: same seed, same outages and distress), over the trials where both finish.
 */
training_delay_days: DelayStat, };
export type Stat = { n: number, mean?: number, p5?: number, p10?: number, p25?: number, p50?: number, p75?: number, p90?: number, p95?: number, histogram: HistogramSummary, };
export type DelayStat = { 
/**
 * The status quo finishes within the horizon, the run with policy shocks does not.
 */
p_unfinished: number, 
/**
 * Not even the status quo finishes within the horizon: no delay can be measured.
 */
p_status_quo_unfinished: number, n: number, mean?: number, p5?: number, p10?: number, p25?: number, p50?: number, p75?: number, p90?: number, p95?: number, histogram: HistogramSummary, };
export type TrainingStat = { p_unfinished: number, n: number, mean?: number, p5?: number, p10?: number, p25?: number, p50?: number, p75?: number, p90?: number, p95?: number, histogram: HistogramSummary, };
export type HistogramSummary = { lo: number, bin_width: number, counts: Array<number>, above: number, };
export type Probabilities = { 
/**
 * At least one day below the requirement.
 */
any_shortfall: number, 
/**
 * A run of at least 7 days below the requirement.
 */
shortfall_7_days: number, training_unfinished: number, 
/**
 * A policy shock ordered at least one complying site to halt within the horizon
 * (whether or not that site was running yet).
 */
any_policy_shutdown: number, 
/**
 * The training run finishes more than 7 (30) days later than in its status quo; a run
 * that finishes only in the status quo counts.
 */
training_delay_over_7_days: number, training_delay_over_30_days: number, 
/**
 * No capacity at all on the last day.
 */
no_capacity_at_end: number, };
export type SiteSummary = { id: string, name: string, 
/**
 * Of the days from the site's online day to the horizon, the share it was up.
 */
share_of_days_up?: number, 
/**
 * Of the same days, the share of the site's full build that was working (built and
 * up): a site frozen at 41% of its build shows 0.41 here while its days are all "up".
 */
share_of_full_capacity?: number, mean_days_down: number, p_permanent_shutdown: number, };
