//! The summary of a run: what the command prints, the widget draws and the tests compare.
//!
//! Fields come out in a fixed order (struct order, no hash maps) and numbers are rounded
//! with exact IEEE operations, so the same run gives the same bytes on every platform.

use serde::{Deserialize, Serialize};

use crate::aggregate::{Accumulator, Histogram};
use crate::model::Model;

/// The model's version (see [`Summary::model_version`]): 1 was the first published model;
/// 2 added the training delay against the status quo and scheduled shocks; 3 counts delays
/// and shortfalls that are equal in exact arithmetic as equal (no rounding residue past 7 or
/// 30 days, or below the requirement); 4 draws from counter-based keyed streams instead of
/// ChaCha8 (src/engine/rng.rs), so every figure moves within its Monte Carlo error.
pub const MODEL_VERSION: u32 = 4;

/// Bins in each figure's histogram in the summary (coarsened from the run's finer bins).
pub const SUMMARY_HISTOGRAM_BINS: usize = 64;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Summary {
    /// The version of the model that made this summary: it goes up whenever a change to the
    /// model moves a number for the same scenario and seed (CHANGELOG says which).
    pub model_version: u32,
    pub scenario: String,
    /// The date of day 0, if the scenario gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    pub seed: u64,
    pub trials: u64,
    pub horizon_days: usize,
    /// The requirement on day 0; `requirement_steps` when it changes later.
    pub requirement_b200e: f64,
    /// The requirement's steps, `[{ day, b200e }]` from day 0, when there is more than one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Step>>", optional))]
    pub requirement_steps: Vec<Step>,
    /// The sites counted against the requirement (the chart's capacity), by id, when not
    /// every site is; the training run's sites when they are not every site.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub requirement_sites: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub training_run_sites: Vec<String>,
    /// The training run's fallback sites, when it has some.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub training_run_fallback_sites: Vec<String>,
    /// Every counted site fully built and up.
    pub max_capacity_b200e: f64,
    /// Percentiles of daily capacity are resolved to this many B200e (one histogram bin; one
    /// and a half on a site's build days, whose lines are binned from their bucket's middle).
    pub resolution_b200e: f64,
    pub bands: Bands,
    pub metrics: Metrics,
    pub probabilities: Probabilities,
    pub sites: Vec<SiteSummary>,
    /// The figures drawn once a trial (every other figure above integrates over them), in
    /// the scenario's order; absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<UncertainSummary>>", optional))]
    pub uncertain: Vec<UncertainSummary>,
}

/// An uncertain figure: the kind of distribution it was drawn from (its parameters are in
/// the scenario), and that distribution's mean and percentiles (the 10th and 90th are the
/// tornado's low and high ends for it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct UncertainSummary {
    pub field: String,
    /// `gamma`, `uniform`, `triangular` or `log_uniform`.
    pub distribution: String,
    pub mean: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl UncertainSummary {
    pub fn of(u: &crate::model::UncertainInput) -> Self {
        use crate::scenario::Distribution as D;
        let distribution = match u.distribution {
            D::Gamma { .. } => "gamma",
            D::Uniform { .. } => "uniform",
            D::Triangular { .. } => "triangular",
            D::LogUniform { .. } => "log_uniform",
        };
        // Eight decimals: a rate of a few in a thousand a year keeps six digits. A site's GPUs
        // are whole (as a number of GPUs must be, so the tornado can set them).
        let digits = if matches!(u.target, crate::model::Target::SiteGpus(_)) { 0 } else { 8 };
        let at = |p: f64| round(u.at(p), digits);
        UncertainSummary {
            field: u.field.clone(),
            distribution: distribution.to_string(),
            mean: round(u.law.mean(), 8),
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
        }
    }
}

/// One step of the requirement: from `day` on, `b200e`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Step {
    pub day: usize,
    pub b200e: f64,
}

/// The daily bands' columns in a CSV, each named with its unit, in the order of [`Bands`]'
/// fields (as its JSON lists them): the command's CSV (`csv::bands`) and the page's download
/// (which learns them from `limits()`) both write these.
pub const BAND_COLUMNS: &str = "p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement";

/// Daily capacity across trials: the fan chart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Bands {
    #[cfg_attr(feature = "ts", ts(type = "Float64Array"))]
    pub p5: Vec<f64>,
    #[cfg_attr(feature = "ts", ts(type = "Float64Array"))]
    pub p25: Vec<f64>,
    #[cfg_attr(feature = "ts", ts(type = "Float64Array"))]
    pub p50: Vec<f64>,
    #[cfg_attr(feature = "ts", ts(type = "Float64Array"))]
    pub p75: Vec<f64>,
    #[cfg_attr(feature = "ts", ts(type = "Float64Array"))]
    pub p95: Vec<f64>,
    #[cfg_attr(feature = "ts", ts(type = "Float64Array"))]
    pub mean: Vec<f64>,
    /// The share of futures below the requirement on each day (a one-week halt shows here
    /// when the bands cannot show it).
    #[cfg_attr(feature = "ts", ts(type = "Float64Array"))]
    pub below_requirement: Vec<f64>,
}

impl Bands {
    /// Each band with its name, in the order of the fields (as the JSON lists them, and as
    /// `BAND_COLUMNS` names them): the page's bands and the CSV's rows are built from this.
    pub fn named(&self) -> [(&'static str, &Vec<f64>); 7] {
        [
            ("p5", &self.p5),
            ("p25", &self.p25),
            ("p50", &self.p50),
            ("p75", &self.p75),
            ("p95", &self.p95),
            ("mean", &self.mean),
            ("below_requirement", &self.below_requirement),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Metrics {
    pub final_capacity_b200e: Stat,
    pub delivered_b200e_days: Stat,
    pub shortfall_days: Stat,
    pub longest_shortfall_days: Stat,
    /// Over the trials whose training run finishes within the horizon.
    pub days_to_train: TrainingStat,
    pub policy_shocks: Stat,
    /// Days to train minus the same trial's days to train with no policy shock (the status
    /// quo: same seed, same outages and distress), over the trials where both finish.
    pub training_delay_days: DelayStat,
}

/// The training delay's distribution, and the trials it leaves out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct DelayStat {
    #[serde(flatten)]
    pub stat: Stat,
    /// The status quo finishes within the horizon, the run with policy shocks does not.
    pub p_unfinished: f64,
    /// Not even the status quo finishes within the horizon: no delay can be measured.
    pub p_status_quo_unfinished: f64,
}

/// Mean, percentiles and histogram of one per-trial figure. `None` (JSON null) when no
/// trial had the figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Stat {
    pub n: u64,
    pub mean: Option<f64>,
    pub p5: Option<f64>,
    pub p10: Option<f64>,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub p90: Option<f64>,
    pub p95: Option<f64>,
    pub histogram: HistogramSummary,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct TrainingStat {
    #[serde(flatten)]
    pub stat: Stat,
    pub p_unfinished: f64,
}

/// `counts[i]` trials fell in `[lo + i·bin_width, lo + (i+1)·bin_width)`; the bins cover
/// the figure's range up to its 99th percentile, and `above` counts the trials beyond.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct HistogramSummary {
    pub lo: f64,
    pub bin_width: f64,
    pub counts: Vec<u64>,
    pub above: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Probabilities {
    /// At least one day below the requirement.
    pub any_shortfall: f64,
    /// A run of at least 7 days below the requirement.
    pub shortfall_7_days: f64,
    pub training_unfinished: f64,
    /// A policy shock ordered at least one complying site to halt within the horizon
    /// (whether or not that site was running yet).
    pub any_policy_shutdown: f64,
    /// The training run finishes more than 7 (30) days later than in its status quo; a run
    /// that finishes only in the status quo counts.
    pub training_delay_over_7_days: f64,
    pub training_delay_over_30_days: f64,
    /// No capacity at all on the last day.
    pub no_capacity_at_end: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct SiteSummary {
    pub id: String,
    pub name: String,
    /// Of the days from the site's online day to the horizon, the share it was up.
    pub share_of_days_up: Option<f64>,
    /// Of the same days, the share of the site's full build that was working (built and
    /// up): a site frozen at 41% of its build shows 0.41 here while its days are all "up".
    pub share_of_full_capacity: Option<f64>,
    pub mean_days_down: f64,
    pub p_permanent_shutdown: f64,
}

/// Rounds with exact IEEE operations (identical on every platform).
pub(crate) fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// Percentiles of each per-trial figure: the bands' five, plus p10 and p90 for sentences
/// such as "in 9 of 10 futures".
const STAT_PERCENTILES: [f64; 7] = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

pub(crate) fn stat(h: &Histogram, decimals: i32) -> Stat {
    let q = h.quantiles(STAT_PERCENTILES);
    let at = |k: usize| q.map(|q| round(q[k], decimals));
    let c = h.coarse(SUMMARY_HISTOGRAM_BINS);
    Stat {
        n: h.count(),
        mean: h.mean().map(|m| round(m, decimals)),
        p5: at(0),
        p10: at(1),
        p25: at(2),
        p50: at(3),
        p75: at(4),
        p90: at(5),
        p95: at(6),
        histogram: HistogramSummary { lo: c.lo, bin_width: round(c.bin_width, 6), counts: c.counts, above: c.above },
    }
}

impl Summary {
    /// The summary of `acc`, a run of `model` with `seed`.
    pub fn new(model: &Model, seed: u64, acc: &Accumulator) -> Summary {
        let n = acc.trials.max(1) as f64;
        let share = |count: u64| round(count as f64 / n, 6);
        let mut bands = Bands {
            p5: vec![],
            p25: vec![],
            p50: vec![],
            p75: vec![],
            p95: vec![],
            mean: vec![],
            below_requirement: vec![],
        };
        for t in 0..acc.horizon {
            let (q, mean) = acc.day(t).unwrap_or(([0.0; 5], 0.0));
            bands.p5.push(round(q[0], 1));
            bands.p25.push(round(q[1], 1));
            bands.p50.push(round(q[2], 1));
            bands.p75.push(round(q[3], 1));
            bands.p95.push(round(q[4], 1));
            bands.mean.push(round(mean, 1));
            bands.below_requirement.push(round(acc.share_below(t), 4));
        }
        Summary {
            model_version: MODEL_VERSION,
            scenario: model.name.clone(),
            start_date: model.start_date.clone(),
            seed,
            trials: acc.trials,
            horizon_days: model.horizon,
            // To a thousandth of a B200e, as the other figures are rounded: a growing floor's
            // steps (and a drawn floor's mean) are no longer the numbers a scenario gives.
            requirement_b200e: round(model.requirement, 3),
            requirement_steps: if model.requirement_steps.len() > 1 {
                model.requirement_steps.iter().map(|&(day, b200e)| Step { day, b200e: round(b200e, 3) }).collect()
            } else {
                Vec::new()
            },
            requirement_sites: model.requirement_sites.clone(),
            training_run_sites: model.training_sites.clone(),
            training_run_fallback_sites: model.fallback_sites.clone(),
            max_capacity_b200e: round(model.max_capacity, 3),
            resolution_b200e: round(acc.resolution(), 3),
            bands,
            metrics: Metrics {
                final_capacity_b200e: stat(&acc.final_capacity, 1),
                delivered_b200e_days: stat(&acc.delivered, 0),
                shortfall_days: stat(&acc.shortfall_days, 3),
                longest_shortfall_days: stat(&acc.longest_shortfall, 3),
                days_to_train: TrainingStat { stat: stat(&acc.days_to_train, 3), p_unfinished: share(acc.unfinished) },
                policy_shocks: stat(&acc.policy_shocks, 3),
                training_delay_days: DelayStat {
                    stat: stat(&acc.training_delay, 3),
                    p_unfinished: share(acc.delay_unfinished),
                    p_status_quo_unfinished: share(acc.status_quo_unfinished),
                },
            },
            probabilities: Probabilities {
                any_shortfall: share(acc.any_shortfall),
                shortfall_7_days: share(acc.shortfall_7_days),
                training_unfinished: share(acc.unfinished),
                any_policy_shutdown: share(acc.policy_shutdown),
                training_delay_over_7_days: share(acc.delay_over_7_days),
                training_delay_over_30_days: share(acc.delay_over_30_days),
                no_capacity_at_end: share(acc.none_at_end),
            },
            sites: model
                .sites
                .iter()
                .enumerate()
                .map(|(i, s)| SiteSummary {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    share_of_days_up: acc.site_share_up(i).map(|x| round(x, 6)),
                    share_of_full_capacity: acc.site_share_working(i).map(|x| round(x, 6)),
                    mean_days_down: round(acc.site_mean_days_down(i), 3),
                    p_permanent_shutdown: share(acc.sites[i].permanent),
                })
                .collect(),
            uncertain: model.uncertain.iter().map(UncertainSummary::of).collect(),
        }
    }

    pub fn to_json(&self) -> String {
        // Plain structs of strings and finite numbers: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}
