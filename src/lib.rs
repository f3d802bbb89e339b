//! compute-shock: a seeded Monte Carlo model of how much rented offshore GPU compute a firm
//! keeps when export rules change, how long it falls short, and when its training run ends.
//!
//! The core ([`scenario`] → [`model`] → [`engine`] → [`output`]) knows nothing of the
//! browser; the native command and the WebAssembly bindings (`wasm`, built only for wasm32)
//! both call [`run()`].

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The scenario, its reading and its validation are a crate of their own (built for size in
// the page's WebAssembly: scenario/src/lib.rs); here under their usual names.
pub use compute_shock_scenario::{catalogue, date, model, read, scenario, uncertain};

// The layers, in the order a run goes through them: the presets; the engine (one trial);
// the output (accumulation, summary, CSV); a run (options, steps, shares, cores); paired runs
// (compare, sensitivity); the WebAssembly boundary.
pub mod engine;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod generated;
pub mod output;
pub mod paired;
pub mod presets;
pub mod run;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

// Each module also under its short name, as the crate's users and its own modules name them.
pub use engine::{intervals, rng, series, trial};
pub use output::{aggregate, csv, summary};

pub use aggregate::{Accumulator, DayFeed};

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
#[cfg(not(target_arch = "wasm32"))]
pub use run::run_parallel;
pub use run::{PARALLEL_MEMORY_BYTES, RunOptions, Session, add_trials, parallel_shares, run, run_trials};
pub use scenario::{Scenario, ScenarioError};
pub use summary::Summary;
pub use trial::{Delay, Engine, Scratch};
