//! How a run is asked for and carried out: [`RunOptions`] (trials, seed, bins a day, first
//! trial) with their defaults and limits, written here once for the command, the
//! WebAssembly API and the page (which reads them through `limits()`), and [`Session`], a
//! run done in steps that can be split into shares and merged exactly.

use std::ops::Range;

use serde::Serialize;

use crate::aggregate::{Accumulator, BINS, DayFeed, MIN_BINS};
use crate::model::{
    DEFAULT_HORIZON_DAYS, DEFAULT_REQUIREMENT_B200E, DEFAULT_TRAINING_FLOP, DEFAULT_TRAINING_MFU, MAX_DURATION_DAYS,
    MAX_HORIZON_DAYS, MIN_HORIZON_DAYS, Model, integer, show,
};
use crate::scenario::{Scenario, ScenarioError};
use crate::summary::{BAND_COLUMNS, Summary};
use crate::trial::{Delay, Engine, Scratch, TrialStats};

/// The range and default of one option, as the page reads them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Limit {
    pub min: u64,
    pub max: u64,
    pub default: u64,
}

/// Simulated futures in one run.
pub const TRIALS: Limit = Limit { min: 1, max: 1_000_000, default: 10_000 };
/// Seeds stay exact as JavaScript numbers and in URLs: at most 2^53 - 1.
pub const SEED: Limit = Limit { min: 0, max: (1 << 53) - 1, default: 1 };
/// Capacity bins a day: fewer make a cheaper, coarser run (a preview while a slider moves).
pub const BINS_A_DAY: Limit = Limit { min: MIN_BINS as u64, max: BINS as u64, default: BINS as u64 };
/// The most trials a run may have (also the highest first trial).
pub const MAX_TRIALS: u32 = TRIALS.max as u32;
pub const MAX_SEED: u64 = SEED.max;
/// Ceiling on a run's estimated cost, trials × `Model::work_per_trial` (instructions, an upper
/// bound): some 80 s of one core natively at most, and the default preset at a million
/// trials within it.
pub const MAX_WORK: f64 = 2.5e11;

/// What a scenario may leave out, as the engine fills it in, and how long it may run: the
/// page reads them here (`limits().scenario`) rather than keeping copies.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ScenarioLimits {
    /// Days simulated: `MIN_HORIZON_DAYS` to `MAX_HORIZON_DAYS`, `DEFAULT_HORIZON_DAYS` when
    /// left out.
    pub horizon_days: Limit,
    /// The floor when a scenario states none, B200e.
    pub requirement_b200e: f64,
    /// The training run's size and efficiency when a scenario leaves them out.
    pub training_run: TrainingDefaults,
    /// The longest duration any span may have (a shock, an outage, a delay), days.
    pub max_duration_days: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct TrainingDefaults {
    pub flop: f64,
    pub mfu: f64,
}

/// Every option's range and default, and the scenario's defaults: what `limits()` gives the
/// page.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Limits {
    pub trials: Limit,
    pub seed: Limit,
    pub bins: Limit,
    pub scenario: ScenarioLimits,
    /// The daily bands' CSV columns, comma-separated, in the order of the summary's bands.
    pub csv_columns: &'static str,
}

pub const LIMITS: Limits = Limits {
    trials: TRIALS,
    seed: SEED,
    bins: BINS_A_DAY,
    scenario: ScenarioLimits {
        horizon_days: Limit {
            min: MIN_HORIZON_DAYS as u64,
            max: MAX_HORIZON_DAYS as u64,
            default: DEFAULT_HORIZON_DAYS as u64,
        },
        requirement_b200e: DEFAULT_REQUIREMENT_B200E,
        training_run: TrainingDefaults { flop: DEFAULT_TRAINING_FLOP, mfu: DEFAULT_TRAINING_MFU },
        max_duration_days: MAX_DURATION_DAYS,
    },
    csv_columns: BAND_COLUMNS,
};

/// Everything a run takes besides its scenario, checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunOptions {
    pub trials: u32,
    pub seed: u64,
    /// Capacity bins a day.
    pub bins: usize,
    /// The number of the run's first trial: workers split a run by giving each a range.
    pub first: u64,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { trials: TRIALS.default as u32, seed: SEED.default, bins: BINS_A_DAY.default as usize, first: 0 }
    }
}

impl RunOptions {
    /// Checks trials and seed given as numbers (as JavaScript and URLs give them); the other
    /// options take their defaults.
    pub fn new(trials: f64, seed: f64) -> Result<RunOptions, ScenarioError> {
        let trials = integer("trials", trials, TRIALS.min, TRIALS.max)? as u32;
        let seed = integer("seed", seed, SEED.min, SEED.max)?;
        Ok(RunOptions { trials, seed, ..RunOptions::default() })
    }

    /// Checks bins a day and the first trial, given as numbers.
    pub fn with_split(self, bins: f64, first: f64) -> Result<RunOptions, ScenarioError> {
        let bins = integer("bins", bins, BINS_A_DAY.min, BINS_A_DAY.max)? as usize;
        let first = integer("first", first, 0, u64::from(MAX_TRIALS))?;
        Ok(RunOptions { bins, first, ..self })
    }

    /// The trials this run covers.
    pub fn range(&self) -> Range<u64> {
        self.first..self.first + u64::from(self.trials)
    }

    /// Checks that a run of this size on this model stays within the work ceiling.
    pub fn check_work(&self, model: &Model) -> Result<(), ScenarioError> {
        self.check_runs(&[model], "this scenario")
    }

    /// Checks that runs of this size on each of `models` (a comparison's two, a
    /// sensitivity's every end of every range) stay within the one work ceiling together:
    /// `what` names them in the message.
    pub fn check_runs(&self, models: &[&Model], what: &str) -> Result<(), ScenarioError> {
        let per_trial: f64 = models.iter().map(|m| m.work_per_trial).sum();
        if f64::from(self.trials) * per_trial > MAX_WORK {
            let most = (MAX_WORK / per_trial).floor().max(1.0);
            return Err(ScenarioError::new(
                "trials",
                format!(
                    "{what} allows at most {} trials (the runs' estimated cost, trials × instructions a trial, is capped at {})",
                    show(most),
                    show(MAX_WORK)
                ),
            ));
        }
        Ok(())
    }
}

/// Runs trials `range` and adds them to `acc` (an accumulator of the same model).
pub fn add_trials(model: &Model, seed: u64, range: Range<u64>, acc: &mut Accumulator) {
    let mut days = DayFeed::new(acc);
    add_trials_keeping(model, seed, range, acc, &mut days, None);
    days.finish(acc);
}

/// How many numbers [`Session::keep_trials`] keeps for each trial.
pub const TRIAL_FIGURES: usize = 5;

/// Each trial's own figures, [`TRIAL_FIGURES`] numbers: final capacity, days below the
/// requirement, the longest run of them, days to train (NaN when the run does not finish)
/// and the training delay (+∞ when only the status quo finishes, NaN when neither does).
/// Two scenarios' figures for the same trial are a paired difference.
pub fn trial_figures(stats: &TrialStats) -> [f64; TRIAL_FIGURES] {
    [
        stats.final_capacity,
        f64::from(stats.shortfall_days),
        f64::from(stats.longest_shortfall),
        stats.days_to_train.unwrap_or(f64::NAN),
        match stats.training_delay {
            Delay::Days(d) => d,
            Delay::Unfinished => f64::INFINITY,
            Delay::NoStatusQuo => f64::NAN,
        },
    ]
}

// One copy of the trial loop for both callers (inlined into each, it made the wasm 0.8 KB
// gzip larger). The trials' days go into `days`, which the caller finishes into `acc`.
#[inline(never)]
fn add_trials_keeping(
    model: &Model,
    seed: u64,
    range: Range<u64>,
    acc: &mut Accumulator,
    days: &mut DayFeed,
    mut keep: Option<&mut Vec<f64>>,
) {
    let engine = Engine::new(model, seed);
    let mut scratch = Scratch::new(model);
    for trial in range {
        let stats = engine.run_trial(trial, &mut scratch);
        days.push(&scratch.capacity, engine.requirement_scale(&scratch), acc);
        acc.add_figures(&stats, &scratch.sites);
        if let Some(k) = keep.as_deref_mut() {
            k.extend_from_slice(&trial_figures(&stats));
        }
    }
}

/// A run done in steps: `step` until `done`, then `summary`. Gives the same result as
/// [`run()`](crate::run()) on one thread. To split a run, give each session a share (`first`,
/// `trials`, and more with `extend`), and `absorb` each share's `state` into one of them:
/// the merge is exact, in any order.
#[derive(Debug)]
pub struct Session {
    model: Model,
    options: RunOptions,
    acc: Accumulator,
    /// The days of the trials run since the accumulator last took them: kept from step to
    /// step and finished into `acc` only when it is read (`state`, `summary`). A feed's
    /// finish costs about as much however few trials it took (a day's bins for each value
    /// and bucket it counted), so a run in many small steps, as the page's workers run, paid
    /// it at every step.
    days: Option<DayFeed>,
    /// The next trial of the current range, and the end of the range.
    next: u64,
    end: u64,
    /// Trials run, over every range.
    ran: u64,
    /// Each trial's figures, in the order run, once `keep_trials` is called.
    kept: Option<Vec<f64>>,
}

impl Session {
    pub fn new(model: Model, options: RunOptions) -> Result<Session, ScenarioError> {
        options.check_work(&model)?;
        let acc = Accumulator::with_bins(&model, options.bins);
        let Range { start, end } = options.range();
        Ok(Session { model, options, acc, days: None, next: start, end, ran: 0, kept: None })
    }

    /// Keeps each trial's figures ([`trial_figures`]) from now on, for paired comparisons.
    pub fn keep_trials(&mut self) {
        self.kept.get_or_insert_with(Vec::new);
    }

    /// The figures kept, [`TRIAL_FIGURES`] per trial, in the order the trials ran.
    pub fn kept(&self) -> &[f64] {
        self.kept.as_deref().unwrap_or(&[])
    }

    /// Runs up to `trials` more trials of the current range; returns how many this session
    /// has run in all.
    pub fn step(&mut self, trials: u32) -> u64 {
        let stop = (self.next + u64::from(trials)).min(self.end);
        let days = self.days.get_or_insert_with(|| DayFeed::new(&self.acc));
        add_trials_keeping(&self.model, self.options.seed, self.next..stop, &mut self.acc, days, self.kept.as_mut());
        self.ran += stop - self.next;
        self.next = stop;
        self.ran
    }

    /// Runs the rest of the current range.
    pub fn finish(&mut self) -> u64 {
        let left = self.end - self.next;
        self.step(u32::try_from(left).unwrap_or(u32::MAX))
    }

    /// Gives a finished session another range, `first` to `first + trials`, added to the same
    /// accumulator. Ranges must not overlap (whoever hands them out sees to that).
    pub fn extend(&mut self, first: f64, trials: f64) -> Result<(), ScenarioError> {
        if !self.done() {
            return Err(ScenarioError::new("extend", "the run has trials left"));
        }
        let first = integer("first", first, 0, u64::from(MAX_TRIALS))?;
        let trials = integer("trials", trials, 0, u64::from(MAX_TRIALS) - self.ran)?;
        // The work ceiling holds for the run as a whole, not only its first share.
        RunOptions { trials: (self.ran + trials) as u32, ..self.options }.check_work(&self.model)?;
        self.next = first;
        self.end = first + trials;
        Ok(())
    }

    pub fn done(&self) -> bool {
        self.next >= self.end
    }

    pub fn options(&self) -> RunOptions {
        self.options
    }

    /// Trials run so far, over every range.
    pub fn ran(&self) -> u64 {
        self.ran
    }

    /// Gives the accumulator the days its feed holds (`state` and `summary` do it first). The
    /// result is the same whenever they go in (`DayFeed`'s additions are exact and in any
    /// order); a worker whose last share is done does it before it waits for the others.
    pub fn settle(&mut self) {
        if let Some(days) = self.days.take() {
            days.finish(&mut self.acc);
        }
    }

    /// The trials run so far, as bytes for [`Session::absorb`] in another session.
    pub fn state(&mut self) -> Vec<u8> {
        self.settle();
        self.acc.to_bytes()
    }

    /// Adds another share of the same run (the `state` of a session with the same scenario,
    /// seed and bins).
    pub fn absorb(&mut self, state: &[u8]) -> Result<(), ScenarioError> {
        self.acc.merge_bytes(state).map_err(|e| ScenarioError::new("state", e))
    }

    pub fn summary(&mut self) -> Summary {
        self.settle();
        Summary::new(&self.model, self.options.seed, &self.acc)
    }
}

/// Runs trials `range` of a validated model with one seed, at full resolution. Chunks of
/// trials run separately and merged (in any order) give exactly the accumulator of the whole
/// range.
pub fn run_trials(model: &Model, seed: u64, range: Range<u64>) -> Accumulator {
    run_share(model, seed, BINS, range)
}

/// [`run_trials`] at `bins` capacity bins a day.
fn run_share(model: &Model, seed: u64, bins: usize, range: Range<u64>) -> Accumulator {
    let mut acc = Accumulator::with_bins(model, bins);
    add_trials(model, seed, range, &mut acc);
    acc
}

/// The most memory the native command's accumulators and their feeds may take together,
/// whatever the number of cores: a run takes as many shares at once as fit (a ten-year
/// horizon's accumulator is some 75 MB at full resolution, its feed's lines 32 MB more).
pub const PARALLEL_MEMORY_BYTES: usize = 256 << 20;

/// How many shares a run of `trials` takes at once on `threads` threads: one a thread, at
/// most one a trial, and no more than `PARALLEL_MEMORY_BYTES` of accumulators with their
/// feeds (one share at least).
pub fn parallel_shares(model: &Model, bins: usize, trials: u64, threads: usize) -> u64 {
    let bins = bins.clamp(MIN_BINS, BINS);
    let one = (model.horizon * bins * std::mem::size_of::<crate::aggregate::Bin>()
        + DayFeed::most_bytes(model.horizon, bins))
    .max(1);
    let fit = (PARALLEL_MEMORY_BYTES / one).max(1);
    (threads.min(fit) as u64).clamp(1, trials.max(1))
}

/// Runs the trials of `options` on the cores: one contiguous share and one accumulator per
/// thread, as many at once as `PARALLEL_MEMORY_BYTES` allows (so memory grows with neither
/// trials nor cores), merged exactly, so the result is byte-identical to [`run_trials`] on
/// one thread.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_parallel(model: &Model, options: RunOptions) -> Accumulator {
    use rayon::prelude::*;
    let Range { start, end } = options.range();
    let trials = end - start;
    let shares = parallel_shares(model, options.bins, trials, rayon::current_num_threads());
    (0..shares)
        .into_par_iter()
        .map(|k| {
            let acc = run_share(
                model,
                options.seed,
                options.bins,
                start + trials * k / shares..start + trials * (k + 1) / shares,
            );
            // The room its feed kept for the next on this thread, freed: the memory budget
            // counts one a share at once.
            DayFeed::free_room();
            acc
        })
        .reduce_with(|mut a, b| {
            // Both come from `model`, so their shapes match and the merge cannot fail.
            let merged = a.merge(&b);
            debug_assert!(merged.is_ok());
            a
        })
        .unwrap_or_else(|| Accumulator::with_bins(model, options.bins))
}

/// Validates a scenario and runs it: the one entry point every front end uses (natively on
/// every core; in WebAssembly on one, or in steps through [`Session`]).
pub fn run(scenario: &Scenario, options: RunOptions) -> Result<Summary, ScenarioError> {
    let model = Model::new(scenario)?;
    options.check_work(&model)?;
    #[cfg(not(target_arch = "wasm32"))]
    let acc = run_parallel(&model, options);
    #[cfg(target_arch = "wasm32")]
    let acc = run_share(&model, options.seed, options.bins, options.range());
    Ok(Summary::new(&model, options.seed, &acc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    fn model() -> Model {
        Model::new(&presets::find("ceo-worst-case").unwrap().scenario).unwrap()
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_parallel_run_frees_each_share_s_room_for_lines() {
        // Tencent's ramps are lines counted by bucket: each share's feed takes its room.
        let model = Model::new(&presets::find("tencent-datasection").unwrap().scenario).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let acc = pool.install(|| run_parallel(&model, RunOptions::new(400.0, 1.0).unwrap()));
        assert_eq!(acc.trials, 400);
        assert_eq!(pool.broadcast(|_| DayFeed::kept_room()), [0, 0]);
    }

    #[test]
    fn options_are_checked_and_named() {
        assert_eq!(RunOptions::new(0.0, 1.0).unwrap_err().field, "trials");
        assert_eq!(RunOptions::new(10.0, -1.0).unwrap_err().field, "seed");
        assert_eq!(RunOptions::new(10.0, 2f64.powi(53)).unwrap_err().field, "seed");
        let o = RunOptions::new(10.0, 2f64.powi(53) - 1.0).unwrap();
        assert_eq!(o.with_split(63.0, 0.0).unwrap_err().field, "bins");
        assert_eq!(o.with_split(64.0, 0.5).unwrap_err().field, "first");
        assert_eq!(o.with_split(64.0, 5.0).unwrap().range(), 5..15);
        assert_eq!(RunOptions::default().range(), 0..TRIALS.default);
    }

    #[test]
    fn a_session_in_steps_equals_a_run_in_one_go() {
        let options = RunOptions::new(250.0, 3.0).unwrap();
        let mut s = Session::new(model(), options).unwrap();
        let mut last = 0;
        while !s.done() {
            let ran = s.step(64);
            assert!(ran > last && ran <= 250, "{ran}");
            last = ran;
        }
        let whole = crate::run(&presets::find("ceo-worst-case").unwrap().scenario, options).unwrap();
        assert_eq!(s.summary(), whole);
    }

    #[test]
    fn a_session_read_between_steps_holds_every_trial_so_far() {
        // Its days wait in its feed from step to step (the default preset's: plateaus, lines
        // and days one by one); reading the session gives them to its accumulator.
        let scenario = &presets::find("tencent-datasection").unwrap().scenario;
        let session = |trials: f64| Session::new(Model::new(scenario).unwrap(), RunOptions::new(trials, 5.0).unwrap());
        let mut s = session(300.0).unwrap();
        s.step(1);
        s.step(40);
        s.step(59);
        let first = run_trials(&Model::new(scenario).unwrap(), 5, 0..100);
        assert!(s.state() == first.to_bytes(), "the state after 100 of 300 trials");
        s.step(77);
        // Settled early, as a worker whose last share is done does: the same whole.
        s.settle();
        s.finish();
        let whole = crate::run(scenario, RunOptions::new(300.0, 5.0).unwrap()).unwrap();
        assert_eq!(s.summary(), whole);
    }

    #[test]
    fn shares_extended_and_absorbed_equal_the_whole() {
        let options = RunOptions::new(300.0, 9.0).unwrap();
        let share = |first: f64, n: f64| {
            let o = RunOptions::new(n, 9.0).unwrap().with_split(1024.0, first).unwrap();
            let mut s = Session::new(model(), o).unwrap();
            s.finish();
            s
        };
        let mut a = share(0.0, 100.0);
        assert!(a.extend(250.0, 50.0).is_ok());
        assert_eq!(a.finish(), 150);
        let mut b = share(100.0, 150.0);
        a.absorb(&b.state()).unwrap();
        let mut whole = Session::new(model(), options).unwrap();
        whole.finish();
        assert_eq!(a.summary(), whole.summary());
        assert!(a.absorb(&[1, 2, 3]).is_err());
        // Only a finished session takes more, and never past the most a run may have.
        let mut c = Session::new(model(), RunOptions::new(10.0, 9.0).unwrap()).unwrap();
        assert!(c.extend(10.0, 5.0).is_err());
        c.finish();
        assert_eq!(c.extend(10.0, f64::from(MAX_TRIALS)).unwrap_err().field, "trials");
        assert_eq!(c.extend(10.0, 0.5).unwrap_err().field, "trials");
    }

    #[test]
    fn the_work_ceiling_is_checked_when_a_session_starts() {
        let mut m = model();
        m.work_per_trial = MAX_WORK;
        assert_eq!(Session::new(m, RunOptions::new(2.0, 1.0).unwrap()).unwrap_err().field, "trials");
    }
}
