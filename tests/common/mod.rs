//! Helpers shared by the integration tests.
#![allow(dead_code)]

use compute_shock::{Engine, Model, Scenario, Scratch};

/// Parses and validates a scenario written inline in a test.
pub fn model(json: &str) -> Model {
    let scenario = Scenario::from_json(json).unwrap_or_else(|e| panic!("test scenario: {e}"));
    Model::new(&scenario).unwrap_or_else(|e| panic!("test scenario: {e}"))
}

/// The daily capacity paths of trials `0..n`.
pub fn paths(model: &Model, seed: u64, n: u64) -> Vec<Vec<f64>> {
    let engine = Engine::new(model, seed);
    let mut scratch = Scratch::new(model);
    (0..n)
        .map(|t| {
            engine.run_trial(t, &mut scratch);
            scratch.capacity.to_days()
        })
        .collect()
}

/// Mean and standard error of the mean of a sample.
pub fn mean_and_se(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

/// Binomial standard error of a proportion p estimated from n trials.
pub fn binomial_se(p: f64, n: f64) -> f64 {
    (p * (1.0 - p) / n).sqrt()
}

/// Statistical checks accept within this many standard errors: a false alarm has odds of
/// about 1 in 16,000 for a correct model, and the seeds are fixed, so a pass is repeatable.
pub const Z: f64 = 4.0;
