//! Paired runs: two scenarios, or one scenario with one figure at each end of its range, run
//! over the same futures. Streams are keyed by component ids and the seed (see
//! [`crate::rng`]), so trial `i` of one scenario and trial `i` of the other share every draw
//! their components have in common: the per-trial difference is the effect of the change,
//! not noise, and a scenario compared with itself differs by exactly zero everywhere.
//!
//! - [`compare`]: the per-trial differences B − A of the headline figures;
//! - [`sensitivity`]: a tornado, each ranged figure set to the low and the high end of its
//!   range, one at a time, the metric at each end (equal to a separate run of that scenario,
//!   to the bit) and the paired Monte Carlo standard error of the swing.

use serde::Serialize;
use serde_json::Value;

use crate::aggregate::{Accumulator, DayFeed, Histogram};
use crate::model::Model;
use crate::presets::Source;
use crate::run::RunOptions;
use crate::scenario::{Scenario, ScenarioError};
use crate::summary::{Probabilities, Stat, Summary, round, stat};
use crate::trial::{Delay, Engine, Scratch, TrialStats};

/// The per-trial differences of two scenarios over the same futures (B − A).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub seed: u64,
    pub trials: u64,
    pub horizon_days: usize,
    pub differences: Differences,
    /// Each scenario's probabilities (as its own run reports them) and B − A, with the
    /// paired standard error of the difference.
    pub probabilities: Vec<PairedProbability>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Differences {
    pub final_capacity_b200e: Stat,
    pub delivered_b200e_days: Stat,
    pub shortfall_days: Stat,
    pub longest_shortfall_days: Stat,
    /// Over the trials where the run finishes in both.
    pub days_to_train: Stat,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairedProbability {
    pub name: &'static str,
    pub a: f64,
    pub b: f64,
    pub difference: f64,
    pub standard_error: f64,
}

/// A yes-or-no figure: its name in the summary's `probabilities`, whether one trial has it,
/// and its share in a summary. Everything about a metric is looked up here by its name.
struct Event {
    name: &'static str,
    in_trial: fn(&TrialStats) -> bool,
    in_summary: fn(&Probabilities) -> f64,
}

const EVENTS: [Event; 5] = [
    Event { name: "any_shortfall", in_trial: |s| s.shortfall_days > 0, in_summary: |p| p.any_shortfall },
    Event {
        name: "shortfall_7_days",
        in_trial: |s| s.longest_shortfall >= crate::aggregate::LONG_SHORTFALL_DAYS,
        in_summary: |p| p.shortfall_7_days,
    },
    Event {
        name: "training_unfinished",
        in_trial: |s| s.days_to_train.is_none(),
        in_summary: |p| p.training_unfinished,
    },
    Event {
        name: "training_delay_over_7_days",
        in_trial: |s| delayed(s, 7.0),
        in_summary: |p| p.training_delay_over_7_days,
    },
    Event {
        name: "training_delay_over_30_days",
        in_trial: |s| delayed(s, 30.0),
        in_summary: |p| p.training_delay_over_30_days,
    },
];

fn delayed(s: &TrialStats, days: f64) -> bool {
    match s.training_delay {
        Delay::Days(d) => d > days,
        Delay::Unfinished => true,
        Delay::NoStatusQuo => false,
    }
}

/// The paired difference of a yes-or-no figure over trials: its mean and standard error.
#[derive(Clone, Copy, Debug, Default)]
struct PairedCount {
    a: u64,
    b: u64,
    /// Trials where only B has it, and where only A has it.
    b_only: u64,
    a_only: u64,
}

impl PairedCount {
    fn add(&mut self, a: bool, b: bool) {
        self.a += u64::from(a);
        self.b += u64::from(b);
        self.b_only += u64::from(b && !a);
        self.a_only += u64::from(a && !b);
    }

    /// The difference in probability B − A and its standard error: the per-trial
    /// difference is +1, −1 or 0, so its sample variance follows from the two counts.
    fn result(&self, name: &'static str, n: u64) -> PairedProbability {
        let n_f = n.max(1) as f64;
        let mean = (self.b_only as f64 - self.a_only as f64) / n_f;
        let second = (self.b_only + self.a_only) as f64 / n_f;
        let variance = if n > 1 { (second - mean * mean).max(0.0) * n_f / (n_f - 1.0) } else { 0.0 };
        PairedProbability {
            name,
            a: round(self.a as f64 / n_f, 6),
            b: round(self.b as f64 / n_f, 6),
            difference: round(mean, 6),
            standard_error: round((variance / n_f).sqrt(), 6),
        }
    }
}

/// Runs two models over the same trials, handing each pair of trials to `each`, and returns
/// both accumulators (each equal to its model's own run).
fn paired_trials(
    a: &Model,
    b: &Model,
    options: RunOptions,
    mut each: impl FnMut(&TrialStats, &TrialStats),
) -> (Accumulator, Accumulator) {
    let (ea, eb) = (Engine::new(a, options.seed), Engine::new(b, options.seed));
    let (mut sa, mut sb) = (Scratch::new(a), Scratch::new(b));
    let (mut acc_a, mut acc_b) = (Accumulator::with_bins(a, options.bins), Accumulator::with_bins(b, options.bins));
    let (mut days_a, mut days_b) = (DayFeed::new(&acc_a), DayFeed::new(&acc_b));
    for trial in options.range() {
        let ta = ea.run_trial(trial, &mut sa);
        days_a.push(&sa.capacity, ea.requirement_scale(&sa), &mut acc_a);
        acc_a.add_figures(&ta, &sa.sites);
        let tb = eb.run_trial(trial, &mut sb);
        days_b.push(&sb.capacity, eb.requirement_scale(&sb), &mut acc_b);
        acc_b.add_figures(&tb, &sb.sites);
        each(&ta, &tb);
    }
    days_a.finish(&mut acc_a);
    days_b.finish(&mut acc_b);
    (acc_a, acc_b)
}

/// Compares scenario B with scenario A over the same futures.
pub fn compare(a: &Scenario, b: &Scenario, options: RunOptions) -> Result<Comparison, ScenarioError> {
    let (ma, mb) = (Model::new(a)?, Model::new(b)?);
    if ma.horizon != mb.horizon {
        return Err(ScenarioError::new(
            "horizon_days",
            format!(
                "the two scenarios must simulate the same days to be compared, got {} and {}",
                ma.horizon, mb.horizon
            ),
        ));
    }
    options.check_runs(&[&ma, &mb], "this comparison")?;
    let h = ma.horizon;
    // Differences lie in [−x, x]; whole numbers as the lower edges of bins keep an exact 0
    // (and every whole day) exact.
    let cap = ma.max_capacity.max(mb.max_capacity).ceil().max(1.0);
    let mut final_capacity = Histogram::continuous(-cap, cap);
    let mut delivered = Histogram::continuous(-cap * h as f64, cap * h as f64);
    let mut shortfall = Histogram::with_bins(-(h as f64), 1.0, 2 * h + 1);
    let mut longest = Histogram::with_bins(-(h as f64), 1.0, 2 * h + 1);
    let mut train = Histogram::with_bins(-(h as f64), 0.25, 8 * h);
    let mut counts = [PairedCount::default(); EVENTS.len()];
    paired_trials(&ma, &mb, options, |ta, tb| {
        final_capacity.add(tb.final_capacity - ta.final_capacity);
        delivered.add(tb.delivered - ta.delivered);
        shortfall.add(f64::from(tb.shortfall_days) - f64::from(ta.shortfall_days));
        longest.add(f64::from(tb.longest_shortfall) - f64::from(ta.longest_shortfall));
        if let (Some(x), Some(y)) = (ta.days_to_train, tb.days_to_train) {
            train.add(y - x);
        }
        for (c, event) in counts.iter_mut().zip(&EVENTS) {
            c.add((event.in_trial)(ta), (event.in_trial)(tb));
        }
    });
    let n = u64::from(options.trials);
    Ok(Comparison {
        a: ma.name.clone(),
        b: mb.name.clone(),
        seed: options.seed,
        trials: n,
        horizon_days: h,
        differences: Differences {
            final_capacity_b200e: stat(&final_capacity, 1),
            delivered_b200e_days: stat(&delivered, 0),
            shortfall_days: stat(&shortfall, 3),
            longest_shortfall_days: stat(&longest, 3),
            days_to_train: stat(&train, 3),
        },
        probabilities: counts.iter().zip(&EVENTS).map(|(c, event)| c.result(event.name, n)).collect(),
    })
}

/// The metrics a sensitivity view can rank by: probabilities, whose paired standard error is
/// exact (a median's is not).
pub const METRICS: [&str; 5] = [
    "shortfall_7_days",
    "any_shortfall",
    "training_delay_over_7_days",
    "training_delay_over_30_days",
    "training_unfinished",
];

/// One bar of the tornado: a figure at the low and the high end of its range.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SensitivityRow {
    /// The figure's path in the scenario, e.g. `shocks[0].rate_per_year`.
    pub field: String,
    pub low: f64,
    pub high: f64,
    /// The metric with the figure at its low and high end: what a run of that scenario gives.
    pub metric_at_low: f64,
    pub metric_at_high: f64,
    /// High minus low, and its paired Monte Carlo standard error.
    pub swing: f64,
    pub standard_error: f64,
    /// The swing is within two standard errors of zero: not told apart from noise.
    pub within_noise: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sensitivity {
    pub scenario: String,
    pub metric: String,
    pub seed: u64,
    pub trials: u64,
    /// The metric with every figure as the scenario has it.
    pub baseline: f64,
    /// Sorted by the size of the swing, largest first.
    pub rows: Vec<SensitivityRow>,
}

/// Sets every figure that has a range to its low and its high end, one at a time, and ranks
/// them by how far `metric` moves. `sources` are the preset's (only those with a range count,
/// and only numbers; a duration's median moves its 90th percentile in proportion); every
/// uncertain figure counts too, fixed at its 10th and then its 90th percentile.
pub fn sensitivity(
    scenario: &Scenario,
    sources: &[Source],
    metric: &str,
    options: RunOptions,
) -> Result<Sensitivity, ScenarioError> {
    let Some(event) = EVENTS.iter().find(|e| e.name == metric && METRICS.contains(&metric)) else {
        return Err(ScenarioError::new(
            "metric",
            format!("unknown metric {}; choose one of {}", crate::scenario::quoted(metric), METRICS.join(", ")),
        ));
    };
    let base_model = Model::new(scenario)?;
    let value = |s: &Summary| (event.in_summary)(&s.probabilities);
    let json = serde_json::to_value(scenario).map_err(|e| ScenarioError::new("scenario", e.to_string()))?;
    // The sources' ranges on numbers (a range on a duration object describes its median in
    // words), then each uncertain figure from its 10th to its 90th percentile (the summary's).
    let mut ranged: Vec<(String, [f64; 2])> = sources
        .iter()
        .filter_map(|s| s.range.map(|r| (s.field.clone(), r)))
        .filter(|(field, _)| crate::scenario::resolve(&json, field).is_some_and(Value::is_number))
        .collect();
    ranged.extend(
        base_model.uncertain.iter().map(crate::summary::UncertainSummary::of).map(|u| (u.field, [u.p10, u.p90])),
    );
    if ranged.is_empty() {
        return Err(ScenarioError::new(
            "sources",
            "no figure has a range: give a preset, or a file with `scenario` and `sources` [{ field, range: [low, high] }]",
        ));
    }
    // Every end of every range, made first: the runs are checked against the work ceiling
    // together, before any of them runs.
    let mut ends = Vec::with_capacity(ranged.len());
    for (field, [low, high]) in ranged {
        let at = |x: f64| -> Result<Scenario, ScenarioError> {
            let mut v = json.clone();
            let number = |x: f64| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number);
            // A duration's median moves with its 90th percentile, in proportion (as the
            // page's duration slider moves them), so the pair stays a valid lognormal.
            if let Some(parent) = field.strip_suffix(".median") {
                // A drawn median counts at its mean, the median its p90 is given for.
                let drawn = base_model.uncertain.iter().find(|u| u.field == field).map(|u| u.law.mean());
                if let Some(d) = crate::scenario::resolve_mut(&mut v, parent) {
                    let median = d["median"].as_f64().or(drawn).unwrap_or(0.0);
                    let p90 = d["p90"].as_f64().unwrap_or(0.0);
                    d["p90"] = number(if median > 0.0 { p90 * x / median } else { x });
                }
            }
            if let Some(slot) = crate::scenario::resolve_mut(&mut v, &field) {
                *slot = number(x);
            }
            crate::read::scenario(&v).map_err(|e| ScenarioError::new(field.as_str(), e.to_string()))
        };
        let (lo, hi) = (at(low)?, at(high)?);
        ends.push((field, low, high, Model::new(&lo)?, Model::new(&hi)?));
    }
    let models: Vec<&Model> =
        std::iter::once(&base_model).chain(ends.iter().flat_map(|(_, _, _, lo, hi)| [lo, hi])).collect();
    options.check_runs(&models, &format!("this sensitivity ({} runs)", models.len()))?;
    let base = crate::run(scenario, options)?;
    let mut rows = Vec::new();
    for (field, low, high, m_lo, m_hi) in ends {
        let mut paired = PairedCount::default();
        let (acc_lo, acc_hi) =
            paired_trials(&m_lo, &m_hi, options, |a, b| paired.add((event.in_trial)(a), (event.in_trial)(b)));
        let (s_lo, s_hi) = (Summary::new(&m_lo, options.seed, &acc_lo), Summary::new(&m_hi, options.seed, &acc_hi));
        let result = paired.result(event.name, u64::from(options.trials));
        // The swing is the paired mean difference rounded once (as compare reports it), not
        // the difference of the two rounded ends, which can be a millionth away from it.
        let swing = result.difference;
        rows.push(SensitivityRow {
            field: field.clone(),
            low,
            high,
            metric_at_low: value(&s_lo),
            metric_at_high: value(&s_hi),
            swing,
            standard_error: result.standard_error,
            within_noise: swing.abs() <= 2.0 * result.standard_error,
        });
    }
    rows.sort_by(|a, b| b.swing.abs().total_cmp(&a.swing.abs()).then_with(|| a.field.cmp(&b.field)));
    Ok(Sensitivity {
        scenario: base.scenario.clone(),
        metric: metric.to_string(),
        seed: options.seed,
        trials: u64::from(options.trials),
        baseline: value(&base),
        rows,
    })
}
