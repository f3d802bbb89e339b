//! compute-shock: a seeded Monte Carlo model of how much rented offshore GPU compute a firm
//! keeps when export rules change, how long it falls short, and when its training run ends.
//!
//! The core ([`scenario`] → [`model`] → [`trial`] → [`aggregate`] → [`summary`]) knows
//! nothing of the browser; the native command and the WebAssembly bindings (`wasm`, built
//! only for wasm32) both call [`run`].

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod aggregate;
pub mod catalogue;
pub mod intervals;
pub mod model;
pub mod presets;
pub mod read;
pub mod rng;
pub mod scenario;
pub mod summary;
pub mod trial;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::ops::Range;

pub use aggregate::{Accumulator, Days};
pub use model::{Model, RunOptions};
pub use scenario::{Scenario, ScenarioError};
pub use summary::Summary;
pub use trial::{Engine, Scratch};

/// Runs trials `range` of a validated model with one seed. Chunks of trials run separately
/// and merged (in any order) give exactly the accumulator of the whole range.
pub fn run_trials(model: &Model, seed: u64, range: Range<u64>) -> Accumulator {
    let mut acc = Accumulator::new(model);
    add_trials(model, seed, range, &mut acc);
    acc
}

/// Runs trials `range` and adds them to `acc` (an accumulator of the same model).
pub fn add_trials(model: &Model, seed: u64, range: Range<u64>, acc: &mut Accumulator) {
    let engine = Engine::new(model, seed);
    let mut scratch = Scratch::new(model);
    let mut days = Days::new(acc);
    for trial in range {
        let stats = engine.run_trial(trial, &mut scratch);
        days.push(&scratch.capacity, acc);
        acc.add_figures(&stats, &scratch.sites);
    }
    days.finish(acc);
}

/// Runs trials `0..trials` on every core: one contiguous share and one accumulator per thread
/// (so memory grows with cores, not trials), merged exactly, so the result is byte-identical
/// to [`run_trials`] on one thread.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_parallel(model: &Model, seed: u64, trials: u64) -> Accumulator {
    use rayon::prelude::*;
    let shares = (rayon::current_num_threads() as u64).clamp(1, trials.max(1));
    (0..shares)
        .into_par_iter()
        .map(|k| run_trials(model, seed, trials * k / shares..trials * (k + 1) / shares))
        .reduce_with(|mut a, b| {
            // Both come from `model`, so their shapes match and the merge cannot fail.
            let merged = a.merge(&b);
            debug_assert!(merged.is_ok());
            a
        })
        .unwrap_or_else(|| Accumulator::new(model))
}

/// Validates a scenario and runs it: the one entry point every front end uses.
pub fn run(scenario: &Scenario, options: RunOptions) -> Result<Summary, ScenarioError> {
    let model = Model::new(scenario)?;
    options.check_work(&model)?;
    #[cfg(not(target_arch = "wasm32"))]
    let acc = run_parallel(&model, options.seed, u64::from(options.trials));
    #[cfg(target_arch = "wasm32")]
    let acc = run_trials(&model, options.seed, 0..u64::from(options.trials));
    Ok(Summary::new(&model, options, &acc))
}
