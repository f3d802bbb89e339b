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

/// `x.round()` (halves away from zero) without a call: in WebAssembly `f64::round` is a call
/// into the standard library (the instruction `nearest` rounds halves to even), while
/// `trunc` is an instruction. `x − trunc(x)` is exact, so comparing it with a half decides as
/// `round` does; the same bits for every `x`, NaN, the infinities and −0 included (a test
/// compares them).
#[inline(always)]
pub(crate) fn rounded(x: f64) -> f64 {
    let t = x.trunc();
    let d = x - t;
    if d >= 0.5 {
        t + 1.0
    } else if d <= -0.5 {
        t - 1.0
    } else {
        t
    }
}

pub use model::Model;
#[cfg(not(target_arch = "wasm32"))]
pub use run::run_parallel;
pub use run::{PARALLEL_MEMORY_BYTES, RunOptions, Session, add_trials, parallel_shares, run, run_trials};
pub use scenario::{Scenario, ScenarioError};
pub use summary::Summary;
pub use trial::{Delay, Engine, Scratch};

#[cfg(test)]
mod tests {
    #[test]
    fn rounded_is_round() {
        let mut xs = vec![0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994];
        xs.extend([f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE, f64::MAX, f64::MIN, 4_503_599_627_370_495.5]);
        xs.extend([4_503_599_627_370_496.0, 9_007_199_254_740_993.0, -4_503_599_627_370_495.5, 1e-320, -1e-320]);
        // Halves, their neighbours and a spread of magnitudes, both signs.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for k in 0..200_000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let half = (k as f64 - 100_000.0) + 0.5;
            xs.extend([half, f64::from_bits(half.to_bits() + 1), f64::from_bits(half.to_bits() - 1)]);
            // Any finite bits at all.
            let any = f64::from_bits(state);
            if any.is_finite() {
                xs.push(any);
            }
            xs.push((state >> 11) as f64 / 2f64.powi((k % 60) as i32) * if k % 2 == 0 { 1.0 } else { -1.0 });
        }
        for x in xs {
            assert_eq!(super::rounded(x).to_bits(), x.round().to_bits(), "{x:e}");
        }
        assert!(super::rounded(f64::NAN).is_nan());
    }
}
