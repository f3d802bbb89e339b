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
pub mod rng;
pub mod scenario;
pub mod summary;
pub mod trial;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::ops::Range;

pub use aggregate::Accumulator;
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
    for trial in range {
        let stats = engine.run_trial(trial, &mut scratch);
        acc.add(&scratch.capacity, &stats, &scratch.sites);
    }
}

/// Validates a scenario and runs it: the one entry point every front end uses.
pub fn run(scenario: &Scenario, options: RunOptions) -> Result<Summary, ScenarioError> {
    let model = Model::new(scenario)?;
    options.check_work(&model)?;
    let acc = run_trials(&model, options.seed, 0..u64::from(options.trials));
    Ok(Summary::new(&model, options, &acc))
}
