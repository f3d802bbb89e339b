//! compute-shock: a seeded Monte Carlo model of how much rented offshore GPU compute a firm
//! keeps when export rules change, how long it falls short, and when its training run ends.
//!
//! The core ([`scenario`] → [`model`] → [`trial`] → [`aggregate`] → [`summary`]) knows
//! nothing of the browser; the native command and the WebAssembly bindings (`wasm`, built
//! only for wasm32) both call [`run`].

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The scenario, its reading and its validation are a crate of their own (built for size in
// the page's WebAssembly: scenario/src/lib.rs); here under their usual names.
pub use compute_shock_scenario::{catalogue, date, model, read, scenario, uncertain};

pub mod aggregate;
pub mod csv;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod generated;
pub mod intervals;
pub mod paired;
pub mod path;
pub mod presets;
pub mod rng;
pub mod run;
pub mod summary;
pub mod trial;
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod trial_reference;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::ops::Range;

pub use aggregate::{Accumulator, Days};

/// The smaller of two numbers that are never NaN, as one comparison. In WebAssembly
/// `f64::min`, `max` and `clamp` are calls into the standard library (their NaN rules are not
/// the instruction's), and the engine's per-day loops use them: written as comparisons they
/// give the same bits for numbers (tests/golden.rs and the native-against-wasm checks hold
/// it) and cut the page's time (CHANGELOG). For NaN-free `a` and `b` it equals `a.min(b)`.
#[inline(always)]
pub(crate) fn lesser(a: f64, b: f64) -> f64 {
    if b < a { b } else { a }
}

/// The larger of two numbers that are never NaN, as one comparison (see `lesser`).
#[inline(always)]
pub(crate) fn greater(a: f64, b: f64) -> f64 {
    if b > a { b } else { a }
}
pub use model::Model;
pub use run::{RunOptions, Session, add_trials};
pub use scenario::{Scenario, ScenarioError};
pub use summary::Summary;
pub use trial::{Delay, Engine, Scratch};

/// Runs trials `range` of a validated model with one seed, at full resolution. Chunks of
/// trials run separately and merged (in any order) give exactly the accumulator of the whole
/// range.
pub fn run_trials(model: &Model, seed: u64, range: Range<u64>) -> Accumulator {
    run_share(model, seed, aggregate::BINS, range)
}

/// [`run_trials`] at `bins` capacity bins a day.
fn run_share(model: &Model, seed: u64, bins: usize, range: Range<u64>) -> Accumulator {
    let mut acc = Accumulator::with_bins(model, bins);
    add_trials(model, seed, range, &mut acc);
    acc
}

/// The most memory the native command's accumulators may take together, whatever the number
/// of cores: a run takes as many shares at once as fit (a ten-year horizon's accumulator is
/// some 75 MB at full resolution).
pub const PARALLEL_MEMORY_BYTES: usize = 256 << 20;

/// How many shares a run of `trials` takes at once on `threads` threads: one a thread, at
/// most one a trial, and no more than `PARALLEL_MEMORY_BYTES` of accumulators (one share at
/// least).
pub fn parallel_shares(model: &Model, bins: usize, trials: u64, threads: usize) -> u64 {
    let bins = bins.clamp(aggregate::MIN_BINS, aggregate::BINS);
    let one = (model.horizon * bins * std::mem::size_of::<aggregate::Bin>()).max(1);
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
            run_share(model, options.seed, options.bins, start + trials * k / shares..start + trials * (k + 1) / shares)
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
    Ok(Summary::new(&model, options, &acc))
}
