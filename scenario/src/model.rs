//! Validation: turns a [`Scenario`] into the [`Model`] the engine runs, or an error that
//! names the field. Every front end (command, WebAssembly, URL state) goes through here.
//!
//! The limits keep any input from hanging a run or exhausting memory: sizes are capped, and
//! the expected work of a run (trials × (site-days + random events)) has a ceiling.

use std::collections::BTreeMap;

use crate::catalogue::{self, B200_TFLOPS};
use crate::lognormal::LogNormal;
use crate::scenario::{
    ComplyBy, Days, Distribution, Effect, Growth, Quantity, Requirement, Scenario, ScenarioError, Targets, TrainingRun,
    quoted,
};
use crate::uncertain::Law;

pub const DEFAULT_HORIZON_DAYS: u32 = 730;
pub const DEFAULT_REQUIREMENT_B200E: f64 = 10_000.0;
pub const DEFAULT_TRAINING_FLOP: f64 = 3.8e25;
pub const DEFAULT_TRAINING_MFU: f64 = 0.4;

pub const MIN_HORIZON_DAYS: u32 = 1;
pub const MAX_HORIZON_DAYS: u32 = 3650;
pub const MAX_SITES: usize = 64;
pub const MAX_SHOCKS: usize = 64;
/// Scheduled arrivals of one shock type.
pub const MAX_SCHEDULED: usize = 64;
pub const MAX_REQUIREMENT_STEPS: usize = 64;
/// Steps of a growing requirement, its own steps and its growth's together.
pub const MAX_GROWN_REQUIREMENT_STEPS: usize = 400;
/// A requirement can double at most once a week.
pub const MIN_DOUBLING_DAYS: f64 = 7.0;
pub const DEFAULT_GROWTH_STEP_DAYS: u64 = 30;
pub const MAX_OPERATORS: usize = 64;
pub const MAX_CHIPS: usize = 64;
pub const MAX_GPUS: u32 = 10_000_000;
pub const MAX_CHIP_TFLOPS: f64 = 100_000.0;
pub const MAX_REQUIREMENT_B200E: f64 = 1e9;
pub const MAX_TRAINING_FLOP: f64 = 1e30;
/// Policy shocks and operator distress: at most weekly on average.
pub const MAX_EVENT_RATE_PER_YEAR: f64 = 52.0;
/// Site outages: at most daily on average.
pub const MAX_OUTAGE_RATE_PER_YEAR: f64 = 365.0;
pub const MAX_DURATION_DAYS: f64 = 36_500.0;

const MAX_NAME_CHARS: usize = 200;
const MAX_LABEL_CHARS: usize = 64;

/// A scenario checked and compiled for the engine.
#[derive(Clone, Debug)]
pub struct Model {
    pub name: String,
    /// The date of day 0, checked (`YYYY-MM-DD`), if the scenario gives one.
    pub start_date: Option<String>,
    pub horizon: usize,
    /// The requirement on day 0, and its steps: `(first day, B200e)`, from day 0, in order.
    pub requirement: f64,
    pub requirement_steps: Vec<(usize, f64)>,
    pub training: Training,
    pub operators: Vec<OperatorModel>,
    pub sites: Vec<SiteModel>,
    pub shocks: Vec<ShockModel>,
    pub relocation: RelocationModel,
    /// Ids of the sites counted against the requirement (and drawn), and of those the
    /// training run draws on, in site order; empty when every site is.
    pub requirement_sites: Vec<String>,
    pub training_sites: Vec<String>,
    /// Ids of the training run's fallback sites, in site order (empty: it has none).
    pub fallback_sites: Vec<String>,
    /// The training run draws on other sites than the requirement counts.
    pub separate_training_pool: bool,
    /// The most capacity any day can have: every counted site fully built and up (and GPUs
    /// relocated into them from elsewhere).
    pub max_capacity: f64,
    /// What one trial is expected to cost, in instructions of the native engine on one
    /// thread: an upper bound (`work`).
    pub work_per_trial: f64,
    /// The figures drawn once a trial (in the order they appear in the scenario); the
    /// model's own value for each is its distribution's mean.
    pub uncertain: Vec<UncertainInput>,
    /// The figures a trial may draw, in one list (see `slot`): each shock's rate a day,
    /// compliance and permanence, each operator's distress rate a day and permanence, each
    /// site's outage rate a day (0 where there is none). A trial copies it and overwrites
    /// the uncertain ones.
    pub params: Vec<f64>,
}

/// A figure drawn once a trial: where it goes, from what.
#[derive(Clone, Debug)]
pub struct UncertainInput {
    /// Its path, such as `shocks[0].rate_per_year` (and its random stream's name).
    pub field: String,
    pub target: Target,
    pub law: Law,
    /// The field's ceiling: a draw above it (a gamma's tail, less likely than
    /// `uncertain::CEILING_TAIL`) counts as it.
    pub ceiling: f64,
    /// As the scenario gives it.
    pub distribution: Distribution,
}

/// Which of a trial's parameters an uncertain figure sets (rates a year are drawn, and the
/// engine divides them by 365 as it does a fixed rate); `Model::slot` is its place in
/// `Model::params`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    DistressRate(usize),
    DistressPermanent(usize),
    OutageRate(usize),
    /// A site's GPUs.
    SiteGpus(usize),
    /// The requirement (its first step; the others, and its growth, scale with it).
    Requirement,
    ShockRate(usize),
    ShockComply(usize),
    ShockPermanent(usize),
    /// A duration's median (its p90 moves with it in proportion): a shock's lag and length,
    /// a distress halt's length, a site's outage length and its construction delay.
    ShockLag(usize),
    ShockDuration(usize),
    DistressDuration(usize),
    OutageDuration(usize),
    OnlineDelay(usize),
}

impl Target {
    /// A rate a year (a trial's is a day), not a probability.
    pub fn is_rate(self) -> bool {
        matches!(self, Target::ShockRate(_) | Target::DistressRate(_) | Target::OutageRate(_))
    }
}

impl UncertainInput {
    /// The figure at quantile `u` of its distribution, capped at the field's ceiling (a rate
    /// still a year): what a trial draws, and the percentiles the summary reports.
    #[inline(never)]
    pub fn at(&self, u: f64) -> f64 {
        let x = self.law.quantile(u);
        if self.ceiling < x { self.ceiling } else { x }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Training {
    pub flop: f64,
    pub mfu: f64,
    pub start_day: usize,
    /// The share of the fallback sites' capacity the run gets when it runs on them; 0 when
    /// there are none (`SiteModel::in_fallback`).
    pub fallback_efficiency: f64,
}

#[derive(Clone, Debug)]
pub struct OperatorModel {
    pub id: String,
    pub name: String,
    pub distress: Option<DistressModel>,
    /// Indices of the sites it runs.
    pub sites: Vec<usize>,
}

#[derive(Clone, Copy, Debug)]
pub struct DistressModel {
    pub rate_per_day: f64,
    pub duration: LogNormal,
    pub permanent_probability: f64,
    pub relet: Relet,
}

/// The share of a halted site's GPUs let to others when a halt lifts (the firm keeps the
/// rest): none, one number, or drawn afresh at each halt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Relet {
    None,
    Share(f64),
    Drawn(Law),
}

impl Relet {
    /// The share for one halt; `uniform` is called for a drawn one, once, and only then.
    #[inline]
    pub fn share(&self, uniform: impl FnOnce() -> f64) -> f64 {
        match self {
            Relet::None => 0.0,
            Relet::Share(x) => *x,
            Relet::Drawn(law) => law.quantile(uniform()),
        }
    }

    fn new(field: &str, q: Option<&Quantity>) -> Result<Relet, ScenarioError> {
        Ok(match q {
            None => Relet::None,
            Some(&Quantity::Fixed(x)) => Relet::Share(number(field, x, 0.0, 1.0)?),
            Some(Quantity::Drawn(d)) => Relet::Drawn(Law::new(field, d, 0.0, 1.0, false)?),
        })
    }
}

#[derive(Clone, Debug)]
pub struct SiteModel {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    pub operator: Option<usize>,
    pub route: String,
    pub chip: String,
    /// B200-equivalents per GPU.
    pub chip_factor: f64,
    pub gpus: f64,
    pub online_day: f64,
    pub ramp_days: f64,
    pub availability: f64,
    pub online_delay: LogNormal,
    pub outages: Option<OutageModel>,
    /// Counted against the requirement (and in the chart); drawn on by the training run; the
    /// training run's fallback.
    pub in_requirement: bool,
    pub in_training: bool,
    pub in_fallback: bool,
}

impl SiteModel {
    /// B200e of the site fully built and up.
    #[inline]
    pub fn full_capacity(&self) -> f64 {
        self.capacity_of(self.gpus)
    }

    /// B200e of `gpus` of the site's GPUs, fully built and up (a trial's draw of an uncertain
    /// number of GPUs, or the site's own).
    #[inline]
    pub fn capacity_of(&self, gpus: f64) -> f64 {
        gpus * self.chip_factor * self.availability
    }
}

#[derive(Clone, Copy, Debug)]
pub struct OutageModel {
    pub rate_per_day: f64,
    pub duration: LogNormal,
    pub fraction: f64,
}

#[derive(Clone, Debug)]
pub struct ShockModel {
    pub id: String,
    pub name: String,
    pub rate_per_day: f64,
    pub effect: Effect,
    /// Indices of the sites its target filter matches.
    pub targets: Vec<usize>,
    pub comply_probability: f64,
    pub lag: LogNormal,
    pub permanent_probability: f64,
    pub duration: LogNormal,
    /// Days on which it arrives for certain, in order, besides its random arrivals.
    pub scheduled: Vec<f64>,
    /// `group[j]`: which compliance decision target j follows (targets that share one comply
    /// or not together); `group_names[g]`, what decides it (a site, operator or
    /// jurisdiction id), for its random stream.
    pub group: Vec<usize>,
    pub group_names: Vec<String>,
    /// Halts only.
    pub relet: Relet,
}

#[derive(Clone, Copy, Debug)]
pub struct RelocationModel {
    pub share: f64,
    pub delay: LogNormal,
    /// The site whose risks and pools relocated GPUs join; none: they keep their own
    /// site's pools and face no further risk.
    pub to_site: Option<usize>,
}

/// The terms of a trial's cost estimate (`Model::work_per_trial`), in instructions of the
/// native engine on one thread. Fitted to callgrind's counts over generated scenarios, the
/// presets and a pathological case (sixteen sites with an outage a day of any length), then
/// multiplied by 3, so that none of the 146 costs more than two thirds of its estimate (and
/// none of 150 others more than 0.71): an upper bound, which `scripts/work-bound.mjs
/// --bound 1` holds over scenarios the fit did not see (in `make test`). Its spread is wide (the
/// presets cost a tenth to a third of their estimates), since the cost of a day depends on
/// how its pieces meet, which no sum of counts sees; docs/PERFORMANCE.md has the figures.
pub mod work {
    /// Each trial: its streams, its figures, the summary's histograms.
    pub const TRIAL: f64 = 9_000.0;
    /// Each site, whatever its days.
    pub const SITE: f64 = 1_500.0;
    /// Each day of the horizon (the day bins a trial adds to).
    pub const DAY: f64 = 60.0;
    /// Each site-day.
    pub const SITE_DAY: f64 = 75.0;
    /// Each expected random event (an arrival at a target, an outage, a distress halt) or
    /// drawn figure.
    pub const EVENT: f64 = 1_800.0;
    /// Each day of a site's ramp, a value of its own.
    pub const RAMP_DAY: f64 = 300.0;
}

/// Formats a number for an error message: plain when short, scientific when huge or tiny,
/// laid out as Rust's `{}` and `{:e}` do, with the fewest digits that read back to `x`.
/// (Where two such spellings are equally near `x`, the last digit may differ from Rust's.)
///
/// The digits come from the formatter JSON output already uses, so the WebAssembly build
/// carries one float formatter, not two.
pub fn show(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0");
    }
    // zmij writes forms such as "15000.0", "0.000025", "1.5e-7" and "1e+16": read them as
    // digits d₁d₂… and the power of ten `point` such that x = 0.d₁d₂… × 10^point.
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(x.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut point = whole.len() as i32 + exponent.trim_start_matches('+').parse::<i32>().unwrap_or(0);
    let digits = format!("{whole}{fraction}");
    let trimmed = digits.trim_start_matches('0');
    point -= (digits.len() - trimmed.len()) as i32;
    let digits = trimmed.trim_end_matches('0');
    if x.abs() >= 1e15 || x.abs() < 1e-6 {
        // (Checked splits: the digits are ASCII, and a slicing panic would link its message's
        // formatting, 3 KB, into the page's engine.)
        let (first, rest) = digits.split_at_checked(1).unwrap_or((digits, ""));
        let dot = if rest.is_empty() { "" } else { "." };
        format!("{sign}{first}{dot}{rest}e{}", point - 1)
    } else if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{sign}{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at_checked(point as usize).unwrap_or((digits, ""));
        format!("{sign}{int}.{frac}")
    }
}

fn finite(field: &str, x: f64) -> Result<f64, ScenarioError> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(ScenarioError::new(field, format!("must be a finite number, got {}", show(x))))
    }
}

pub(crate) fn number(field: &str, x: f64, lo: f64, hi: f64) -> Result<f64, ScenarioError> {
    let x = finite(field, x)?;
    if x < lo || x > hi {
        return Err(ScenarioError::new(
            field,
            format!("must be a number from {} to {}, got {}", show(lo), show(hi), show(x)),
        ));
    }
    Ok(x)
}

pub fn integer(field: &str, x: f64, lo: u64, hi: u64) -> Result<u64, ScenarioError> {
    let x = finite(field, x)?;
    if x.fract() != 0.0 || x < lo as f64 || x > hi as f64 {
        return Err(ScenarioError::new(field, format!("must be an integer from {lo} to {hi}, got {}", show(x))));
    }
    Ok(x as u64)
}

fn probability(field: &str, x: f64) -> Result<f64, ScenarioError> {
    number(field, x, 0.0, 1.0)
}

/// A figure that may be uncertain, within `[lo, hi]`: its value, or (drawn) its
/// distribution's mean, with the distribution added to `uncertain`.
fn quantity(
    field: &str,
    q: &Quantity,
    (lo, hi): (f64, f64),
    target: Target,
    uncertain: &mut Vec<UncertainInput>,
) -> Result<f64, ScenarioError> {
    match q {
        &Quantity::Fixed(x) => number(field, x, lo, hi),
        Quantity::Drawn(d) => {
            let d = **d;
            let law = Law::new(field, &d, lo, hi, target.is_rate())?;
            uncertain.push(UncertainInput { field: field.to_string(), target, law, ceiling: hi, distribution: d });
            Ok(law.mean())
        }
    }
}

/// A duration: its median a number or, where `target` is given, drawn (the distribution's
/// values above 0, its mean the median the p90 is given for).
fn days(
    field: &str,
    d: &Days,
    target: Option<Target>,
    uncertain: &mut Vec<UncertainInput>,
) -> Result<LogNormal, ScenarioError> {
    let at = child(field, "median");
    let median = match (&d.median, target) {
        (&Quantity::Fixed(x), _) => number(&at, x, 0.0, MAX_DURATION_DAYS)?,
        (Quantity::Drawn(_), None) => {
            return Err(ScenarioError::new(at, "must be a number here (only other durations may be drawn)"));
        }
        (q, Some(target)) => {
            let mean = quantity(&at, q, (0.0, MAX_DURATION_DAYS), target, uncertain)?;
            if uncertain.last().is_some_and(|u| u.law.quantile(0.0) <= 0.0) {
                return Err(ScenarioError::new(at, "must stay above 0 when drawn"));
            }
            mean
        }
    };
    let p90 = number(&child(field, "p90"), d.p90, 0.0, MAX_DURATION_DAYS)?;
    if p90 < median {
        return Err(ScenarioError::new(
            child(field, "p90"),
            format!("must be at least the median ({}), got {}", show(median), show(p90)),
        ));
    }
    if median == 0.0 && p90 > 0.0 {
        return Err(ScenarioError::new(
            child(field, "median"),
            "must be above 0 when p90 is (a median of 0 means no delay at all, so p90 must be 0 too)",
        ));
    }
    Ok(LogNormal::new(median, p90))
}

/// Entry `index`'s id (`s`, at `entry.id`): letters, digits, '-' or '_', and not one an
/// earlier entry of its list has (`seen`, which it joins).
fn unique_id(entry: &str, s: &str, seen: &mut BTreeMap<String, usize>, index: usize) -> Result<String, ScenarioError> {
    let field = child(entry, "id");
    let ok = !s.is_empty()
        && s.chars().count() <= MAX_LABEL_CHARS
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !ok {
        return Err(ScenarioError::new(
            field,
            format!("must be 1 to {MAX_LABEL_CHARS} letters, digits, '-' or '_', got {}", quoted(s)),
        ));
    }
    if let Some(first) = seen.insert(s.to_string(), index) {
        return Err(ScenarioError::new(field, format!("duplicate id {} (also used by entry {first})", quoted(s))));
    }
    Ok(s.to_string())
}

fn display_name(field: &str, s: Option<&str>, fallback: &str) -> Result<String, ScenarioError> {
    match s {
        None => Ok(fallback.to_string()),
        Some(s) if s.trim().is_empty() => Err(ScenarioError::new(field, "must not be empty")),
        Some(s) if s.chars().count() > MAX_NAME_CHARS => {
            Err(ScenarioError::new(field, format!("must be at most {MAX_NAME_CHARS} characters")))
        }
        Some(s) if s.chars().any(char::is_control) => {
            Err(ScenarioError::new(field, "must not contain control characters"))
        }
        Some(s) => Ok(s.to_string()),
    }
}

fn jurisdiction(field: &str, s: &str) -> Result<String, ScenarioError> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(s.to_string())
    } else {
        Err(ScenarioError::new(
            field,
            format!("must be a two-letter ISO 3166 code in capitals such as \"JP\", got {}", quoted(s)),
        ))
    }
}

fn route(field: &str, s: &str) -> Result<String, ScenarioError> {
    let ok = !s.is_empty()
        && s.len() <= MAX_LABEL_CHARS
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(s.to_string())
    } else {
        Err(ScenarioError::new(
            field,
            format!(
                "must be a label of lower-case letters, digits and '_' such as \"offshore_rental\", got {}",
                quoted(s)
            ),
        ))
    }
}

fn too_many(field: &str, n: usize, max: usize) -> Result<(), ScenarioError> {
    if n > max { Err(ScenarioError::new(field, format!("must have at most {max} entries, got {n}"))) } else { Ok(()) }
}

impl Model {
    /// The place of a trial's parameter in `params`.
    #[inline]
    pub fn slot(&self, target: Target) -> usize {
        let (shocks, operators, sites) = (self.shocks.len(), self.operators.len(), self.sites.len());
        let (k, o) = (3 * shocks, 2 * operators);
        // The durations' medians come after the requirement: two a shock (lag, length), one
        // an operator, then one a site for outages and one for construction delays.
        let medians = k + o + 2 * sites + 1;
        match target {
            Target::ShockRate(i) => 3 * i,
            Target::ShockComply(i) => 3 * i + 1,
            Target::ShockPermanent(i) => 3 * i + 2,
            Target::DistressRate(i) => k + 2 * i,
            Target::DistressPermanent(i) => k + 2 * i + 1,
            Target::OutageRate(i) => k + o + i,
            Target::SiteGpus(i) => k + o + sites + i,
            Target::Requirement => k + o + 2 * sites,
            Target::ShockLag(i) => medians + 2 * i,
            Target::ShockDuration(i) => medians + 2 * i + 1,
            Target::DistressDuration(i) => medians + 2 * shocks + i,
            Target::OutageDuration(i) => medians + 2 * shocks + operators + i,
            Target::OnlineDelay(i) => medians + 2 * shocks + operators + sites + i,
        }
    }

    /// The requirement on day `t`.
    #[inline]
    pub fn requirement_on(&self, t: usize) -> f64 {
        let i = self.requirement_steps.partition_point(|&(d, _)| d <= t);
        self.requirement_steps[i.saturating_sub(1)].1
    }

    /// Validates a scenario and compiles it for the engine.
    pub fn new(s: &Scenario) -> Result<Model, ScenarioError> {
        let name = display_name("name", s.name.as_deref(), "Untitled scenario")?;
        let horizon = match s.horizon_days {
            None => DEFAULT_HORIZON_DAYS as usize,
            Some(h) => integer("horizon_days", h, u64::from(MIN_HORIZON_DAYS), u64::from(MAX_HORIZON_DAYS))? as usize,
        };
        let day0 = match &s.start_date {
            None => None,
            Some(d) => Some(crate::date::Date::parse("start_date", d)?),
        };
        let start_date = day0.map(|d| d.to_string());
        // A date's day: days from `start_date` (which a scenario with dates must give).
        let day_of = |field: &str, text: &str| -> Result<i64, ScenarioError> {
            let date = crate::date::Date::parse(field, text)?;
            match day0 {
                Some(d0) => Ok(date.days_since(d0)),
                None => {
                    Err(ScenarioError::new(field, "is a date, so the scenario needs a start_date (the date of day 0)"))
                }
            }
        };
        // The figures drawn once a trial, as they are met.
        let mut uncertain = Vec::new();
        let requirement_steps = requirement_steps(s, horizon, &mut uncertain)?;
        let requirement = requirement_steps[0].1;
        let training = training(s.training_run.as_ref(), horizon)?;

        let chips = chips(s)?;
        let (mut operators, operator_ids) = operators(s, &mut uncertain)?;

        let (mut sites, site_ids) = sites(s, &chips, &operator_ids, &mut operators, &day_of, &mut uncertain)?;
        let shocks = shocks(s, &sites, &operators, &chips, &operator_ids, &day_of, horizon, &mut uncertain)?;

        let relocation = match &s.relocation {
            None => RelocationModel { share: 0.0, delay: LogNormal::new(0.0, 0.0), to_site: None },
            Some(r) => RelocationModel {
                share: probability("relocation.share", r.share)?,
                delay: days(
                    "relocation.delay_days",
                    r.delay_days.as_ref().unwrap_or(&Days::ZERO),
                    None,
                    &mut uncertain,
                )?,
                to_site: match &r.to_site {
                    None => None,
                    Some(id) => Some(site_index("relocation.to_site", id, &site_ids)?),
                },
            },
        };

        // The pools: the requirement's (default every site), the training run's (default the
        // requirement's).
        let requirement_pool = pool("requirement_sites", &s.requirement_sites, &site_ids, sites.len())?;
        // The run's fallback (none by default); without a list of its own sites, the run draws
        // on the requirement's less the fallback's.
        let fallback_pool = match s.training_run.as_ref().and_then(|t| t.fallback.as_ref()) {
            None => vec![false; sites.len()],
            Some(f) => {
                if f.sites.is_empty() {
                    return Err(ScenarioError::new("training_run.fallback.sites", "needs at least one site"));
                }
                pool("training_run.fallback.sites", &f.sites, &site_ids, sites.len())?
            }
        };
        let training_pool = match s.training_run.as_ref().map(|t| &t.sites) {
            Some(list) if !list.is_empty() => {
                let own = pool("training_run.sites", list, &site_ids, sites.len())?;
                if let Some(j) = list.iter().position(|id| fallback_pool[site_ids[id]]) {
                    return Err(ScenarioError::new(
                        item("training_run.sites", j),
                        format!("{} is also the run's fallback: a fallback is somewhere else", quoted(&list[j])),
                    ));
                }
                own
            }
            _ => requirement_pool.iter().zip(&fallback_pool).map(|(&r, &f)| r && !f).collect(),
        };
        for (i, site) in sites.iter_mut().enumerate() {
            site.in_requirement = requirement_pool[i];
            site.in_training = training_pool[i];
            site.in_fallback = fallback_pool[i];
        }
        let ids_in = |p: &[bool]| -> Vec<String> {
            if p.iter().all(|&x| x) {
                Vec::new()
            } else {
                sites.iter().zip(p).filter(|(_, x)| **x).map(|(s, _)| s.id.clone()).collect()
            }
        };
        let requirement_sites = ids_in(&requirement_pool);
        let training_sites = ids_in(&training_pool);
        let fallback_sites: Vec<String> =
            sites.iter().zip(&fallback_pool).filter(|(_, x)| **x).map(|(s, _)| s.id.clone()).collect();
        let separate_training_pool = requirement_pool != training_pool;

        // Relocated GPUs add to their landing site's pool what their own site no longer has:
        // only GPUs from outside the requirement's pool landing in it can raise its maximum.
        // A site's most capacity: with its GPUs drawn, at the top of their range.
        let most = |i: usize| {
            let s: &SiteModel = &sites[i];
            match uncertain.iter().find(|u: &&UncertainInput| u.target == Target::SiteGpus(i)) {
                Some(u) => u.at(1.0) * s.chip_factor * s.availability,
                None => s.full_capacity(),
            }
        };
        let inflow: f64 = match relocation.to_site {
            Some(d) if relocation.share > 0.0 && sites[d].in_requirement => {
                (0..sites.len()).filter(|&i| !sites[i].in_requirement).map(|i| relocation.share * most(i)).sum()
            }
            _ => 0.0,
        };
        let max_capacity = (0..sites.len()).filter(|&i| sites[i].in_requirement).map(most).sum::<f64>() + inflow;
        let h = horizon as f64;
        let events: f64 = shocks
            .iter()
            .map(|k| (k.rate_per_day * h + k.scheduled.len() as f64) * (1.0 + k.targets.len() as f64))
            .sum::<f64>()
            + operators
                .iter()
                .filter_map(|o| o.distress.map(|d| d.rate_per_day * h * (1.0 + o.sites.len() as f64)))
                .sum::<f64>()
            + sites.iter().filter_map(|s| s.outages.map(|o| o.rate_per_day * h)).sum::<f64>();
        // Each uncertain figure is one draw a trial (`Law::work`, in random events; only
        // scenarios that have one see the term).
        let events = events + uncertain.iter().map(|u| u.law.work()).sum::<f64>();
        let n = sites.len() as f64;
        let ramp_days: f64 = sites.iter().map(|s| s.ramp_days.min(h)).sum();
        let work_per_trial = work::TRIAL
            + work::SITE * n
            + work::DAY * h
            + work::SITE_DAY * n * h
            + work::EVENT * events
            + work::RAMP_DAY * ramp_days;

        let mut params = Vec::with_capacity(3 * shocks.len() + 2 * operators.len() + sites.len());
        for k in &shocks {
            params.extend([k.rate_per_day, k.comply_probability, k.permanent_probability]);
        }
        for o in &operators {
            params.extend(o.distress.map_or([0.0; 2], |d| [d.rate_per_day, d.permanent_probability]));
        }
        params.extend(sites.iter().map(|s| s.outages.map_or(0.0, |o| o.rate_per_day)));
        params.extend(sites.iter().map(|s| s.gpus));
        params.push(requirement);
        // Each duration's median (drawn, or the duration's own).
        for k in &shocks {
            params.extend([k.lag.median(), k.duration.median()]);
        }
        params.extend(operators.iter().map(|o| o.distress.map_or(0.0, |d| d.duration.median())));
        params.extend(sites.iter().map(|s| s.outages.map_or(0.0, |o| o.duration.median())));
        params.extend(sites.iter().map(|s| s.online_delay.median()));

        Ok(Model {
            name,
            start_date,
            horizon,
            requirement,
            requirement_steps,
            training,
            operators,
            sites,
            shocks,
            relocation,
            requirement_sites,
            training_sites,
            fallback_sites,
            separate_training_pool,
            max_capacity,
            work_per_trial,
            uncertain,
            params,
        })
    }
}

/// A field within another: `child("sites[0]", "gpus")` is `sites[0].gpus`. (One function for
/// the field names' dozens of places, where each `format!` was its own code.)
#[inline(never)]
fn child(parent: &str, name: &str) -> String {
    [parent, name].join(".")
}

/// An item of a list: `item("sites", 2)` is `sites[2]`. (One function for the field names'
/// places, as [`child`].)
#[inline(never)]
fn item(list: &str, j: usize) -> String {
    format!("{list}[{j}]")
}

/// The index of the site with this id.
fn site_index(field: &str, id: &str, ids: &BTreeMap<String, usize>) -> Result<usize, ScenarioError> {
    ids.get(id).copied().ok_or_else(|| ScenarioError::new(field, format!("names no site in \"sites\": {}", quoted(id))))
}

/// Which sites a list of ids names (every site when the list is empty); each at most once.
fn pool(field: &str, list: &[String], ids: &BTreeMap<String, usize>, n: usize) -> Result<Vec<bool>, ScenarioError> {
    if list.is_empty() {
        return Ok(vec![true; n]);
    }
    let mut member = vec![false; n];
    for (j, id) in list.iter().enumerate() {
        let i = site_index(&item(field, j), id, ids)?;
        if member[i] {
            return Err(ScenarioError::new(item(field, j), format!("names {} twice", quoted(id))));
        }
        member[i] = true;
    }
    Ok(member)
}

fn known_chips(custom: &BTreeMap<String, f64>) -> String {
    let mut names: Vec<&str> = catalogue::BUILT_IN.iter().map(|c| c.name).collect();
    names.extend(custom.keys().map(String::as_str));
    names.join(", ")
}

fn check_targets(
    field: &str,
    t: &Targets,
    chips: &BTreeMap<String, f64>,
    operators: &BTreeMap<String, usize>,
) -> Result<(), ScenarioError> {
    for (j, r) in t.routes.iter().enumerate() {
        route(&item(&child(field, "routes"), j), r)?;
    }
    for (j, c) in t.chips.iter().enumerate() {
        if !chips.contains_key(c) && catalogue::built_in(c).is_none() {
            return Err(ScenarioError::new(
                item(&child(field, "chips"), j),
                format!("unknown chip {}: use one of {}", quoted(c), known_chips(chips)),
            ));
        }
    }
    for (j, c) in t.jurisdictions.iter().enumerate() {
        jurisdiction(&item(&child(field, "jurisdictions"), j), c)?;
    }
    for (j, o) in t.operators.iter().enumerate() {
        if !operators.contains_key(o) {
            return Err(ScenarioError::new(
                item(&child(field, "operators"), j),
                format!("names no operator in \"operators\": {}", quoted(o)),
            ));
        }
    }
    for (list, n) in [
        ("routes", t.routes.len()),
        ("chips", t.chips.len()),
        ("jurisdictions", t.jurisdictions.len()),
        ("operators", t.operators.len()),
    ] {
        too_many(&format!("{field}.{list}"), n, MAX_SITES.max(MAX_CHIPS))?;
    }
    Ok(())
}

/// The sites, in order, and their ids' places: each one's id, operator, chip, online day (a
/// day or a date: `day_of`), ramp, outages, GPUs and delay; added to its operator's sites.
fn sites(
    s: &Scenario,
    chips: &BTreeMap<String, f64>,
    operator_ids: &BTreeMap<String, usize>,
    operators: &mut [OperatorModel],
    day_of: &dyn Fn(&str, &str) -> Result<i64, ScenarioError>,
    uncertain: &mut Vec<UncertainInput>,
) -> Result<(Vec<SiteModel>, BTreeMap<String, usize>), ScenarioError> {
    let chip_tflops = |n: &str| chips.get(n).copied().or_else(|| catalogue::built_in(n));
    if s.sites.is_empty() {
        return Err(ScenarioError::new("sites", "must have at least one site"));
    }
    too_many("sites", s.sites.len(), MAX_SITES)?;
    let mut site_ids = BTreeMap::new();
    let mut sites = Vec::with_capacity(s.sites.len());
    for (i, site) in s.sites.iter().enumerate() {
        let f = item("sites", i);
        let sid = unique_id(&f, &site.id, &mut site_ids, i)?;
        let operator = match &site.operator {
            None => None,
            Some(o) => match operator_ids.get(o) {
                Some(&k) => Some(k),
                None => {
                    return Err(ScenarioError::new(
                        child(&f, "operator"),
                        format!("names no operator in \"operators\": {}", quoted(o)),
                    ));
                }
            },
        };
        let tflops = chip_tflops(&site.chip).ok_or_else(|| {
            ScenarioError::new(
                child(&f, "chip"),
                format!(
                    "unknown chip {}: define it under \"chips\" or use one of {}",
                    quoted(&site.chip),
                    known_chips(chips)
                ),
            )
        })?;
        let online_day = match (site.online_day, &site.online_date) {
            (Some(_), Some(_)) => {
                return Err(ScenarioError::new(child(&f, "online_date"), "give online_day or online_date, not both"));
            }
            (None, None) => 0.0,
            (Some(d), None) => integer(&child(&f, "online_day"), d, 0, u64::from(MAX_HORIZON_DAYS))? as f64,
            (None, Some(date)) => {
                let field = child(&f, "online_date");
                let day = day_of(&field, date)?;
                // Up to ten years either side of day 0 (before it: built, or building).
                let limit = i64::from(MAX_HORIZON_DAYS);
                if !(-limit..=limit).contains(&day) {
                    return Err(ScenarioError::new(
                        field,
                        format!("must be within {limit} days of start_date, got {day} days from it"),
                    ));
                }
                day as f64
            }
        };
        let ramp_days = match site.ramp_days {
            None => 0.0,
            Some(d) => integer(&child(&f, "ramp_days"), d, 0, u64::from(MAX_HORIZON_DAYS))? as f64,
        };
        let outages = match &site.outages {
            None => None,
            Some(o) => Some(OutageModel {
                rate_per_day: quantity(
                    &child(&f, "outages.rate_per_year"),
                    &o.rate_per_year,
                    (0.0, MAX_OUTAGE_RATE_PER_YEAR),
                    Target::OutageRate(i),
                    uncertain,
                )? / 365.0,
                duration: days(
                    &child(&f, "outages.duration_days"),
                    &o.duration_days,
                    Some(Target::OutageDuration(i)),
                    uncertain,
                )?,
                fraction: probability(&child(&f, "outages.fraction"), o.fraction.unwrap_or(1.0))?,
            }),
        };
        sites.push(SiteModel {
            name: display_name(&child(&f, "name"), site.name.as_deref(), &sid)?,
            id: sid,
            jurisdiction: jurisdiction(&child(&f, "jurisdiction"), &site.jurisdiction)?,
            operator,
            route: route(&child(&f, "route"), &site.route)?,
            chip: site.chip.clone(),
            chip_factor: tflops / B200_TFLOPS,
            gpus: match &site.gpus {
                // A number of GPUs is a whole number; drawn, any number in the range.
                &Quantity::Fixed(g) => integer(&child(&f, "gpus"), g, 0, u64::from(MAX_GPUS))? as f64,
                drawn => {
                    quantity(&child(&f, "gpus"), drawn, (0.0, f64::from(MAX_GPUS)), Target::SiteGpus(i), uncertain)?
                }
            },
            online_day,
            ramp_days,
            availability: probability(&child(&f, "availability"), site.availability.unwrap_or(1.0))?,
            online_delay: days(
                &child(&f, "online_delay_days"),
                site.online_delay_days.as_ref().unwrap_or(&Days::ZERO),
                Some(Target::OnlineDelay(i)),
                uncertain,
            )?,
            outages,
            in_requirement: true,
            in_training: true,
            in_fallback: false,
        });
        if let Some(k) = operator {
            operators[k].sites.push(i);
        }
    }
    Ok((sites, site_ids))
}

/// The shocks, in order: each one's id, the sites it targets and their compliance groups, its
/// rate, compliance, lag, permanence, length, scheduled days (days, then dates within the
/// run: `day_of`) and re-lets.
#[allow(clippy::too_many_arguments)]
fn shocks(
    s: &Scenario,
    sites: &[SiteModel],
    operators: &[OperatorModel],
    chips: &BTreeMap<String, f64>,
    operator_ids: &BTreeMap<String, usize>,
    day_of: &dyn Fn(&str, &str) -> Result<i64, ScenarioError>,
    horizon: usize,
    uncertain: &mut Vec<UncertainInput>,
) -> Result<Vec<ShockModel>, ScenarioError> {
    let h_days = horizon as f64;
    too_many("shocks", s.shocks.len(), MAX_SHOCKS)?;
    let mut shock_ids = BTreeMap::new();
    let mut shocks = Vec::with_capacity(s.shocks.len());
    for (i, sh) in s.shocks.iter().enumerate() {
        let f = item("shocks", i);
        let kid = unique_id(&f, &sh.id, &mut shock_ids, i)?;
        let targets = match &sh.targets {
            None => (0..sites.len()).collect(),
            Some(t) => {
                check_targets(&child(&f, "targets"), t, chips, operator_ids)?;
                matching_sites(t, sites, operators)
            }
        };
        let (group, group_names) =
            compliance_groups(sh.comply_by.unwrap_or(ComplyBy::Site), &targets, sites, operators);
        shocks.push(ShockModel {
            name: display_name(&child(&f, "name"), sh.name.as_deref(), &kid)?,
            id: kid,
            rate_per_day: quantity(
                &child(&f, "rate_per_year"),
                &sh.rate_per_year,
                (0.0, MAX_EVENT_RATE_PER_YEAR),
                Target::ShockRate(i),
                uncertain,
            )? / 365.0,
            effect: sh.effect,
            targets,
            comply_probability: quantity(
                &child(&f, "comply_probability"),
                sh.comply_probability.as_ref().unwrap_or(&Quantity::Fixed(1.0)),
                (0.0, 1.0),
                Target::ShockComply(i),
                uncertain,
            )?,
            lag: days(
                &child(&f, "lag_days"),
                sh.lag_days.as_ref().unwrap_or(&Days::ZERO),
                Some(Target::ShockLag(i)),
                uncertain,
            )?,
            permanent_probability: quantity(
                &child(&f, "permanent_probability"),
                sh.permanent_probability.as_ref().unwrap_or(&Quantity::Fixed(0.0)),
                (0.0, 1.0),
                Target::ShockPermanent(i),
                uncertain,
            )?,
            duration: days(&child(&f, "duration_days"), &sh.duration_days, Some(Target::ShockDuration(i)), uncertain)?,
            scheduled: {
                // Days and dates together.
                too_many(&child(&f, "scheduled_days"), sh.scheduled_days.len(), MAX_SCHEDULED)?;
                too_many(
                    &child(&f, "scheduled_dates"),
                    sh.scheduled_days.len() + sh.scheduled_dates.len(),
                    MAX_SCHEDULED,
                )?;
                let mut when = Vec::with_capacity(sh.scheduled_days.len() + sh.scheduled_dates.len());
                for (j, &d) in sh.scheduled_days.iter().enumerate() {
                    when.push(number(&item(&child(&f, "scheduled_days"), j), d, 0.0, h_days)?);
                }
                // After the days, each date within the run (those before day 0 are history,
                // those past the horizon never come).
                for (j, date) in sh.scheduled_dates.iter().enumerate() {
                    let day = day_of(&item(&child(&f, "scheduled_dates"), j), date)?;
                    if (0..horizon as i64).contains(&day) {
                        when.push(day as f64);
                    }
                }
                when
            },
            group,
            group_names,
            relet: match (sh.effect, &sh.relet_share) {
                (Effect::Freeze, Some(_)) => {
                    return Err(ScenarioError::new(
                        child(&f, "relet_share"),
                        "applies to halts only: a freeze stops deliveries, and the GPUs in use stay the firm's",
                    ));
                }
                (_, q) => Relet::new(&child(&f, "relet_share"), q.as_ref())?,
            },
        });
    }
    Ok(shocks)
}

/// The operators, checked, by index, with their ids' indices (their sites are added as the
/// sites are read); their uncertain figures noted in `uncertain`.
fn operators(
    s: &Scenario,
    uncertain: &mut Vec<UncertainInput>,
) -> Result<(Vec<OperatorModel>, BTreeMap<String, usize>), ScenarioError> {
    too_many("operators", s.operators.len(), MAX_OPERATORS)?;
    let mut operator_ids = BTreeMap::new();
    let mut operators = Vec::with_capacity(s.operators.len());
    for (i, o) in s.operators.iter().enumerate() {
        let f = item("operators", i);
        let oid = unique_id(&f, &o.id, &mut operator_ids, i)?;
        let distress = match &o.distress {
            None => None,
            Some(d) => Some(DistressModel {
                rate_per_day: quantity(
                    &child(&f, "distress.rate_per_year"),
                    &d.rate_per_year,
                    (0.0, MAX_EVENT_RATE_PER_YEAR),
                    Target::DistressRate(i),
                    uncertain,
                )? / 365.0,
                duration: days(
                    &child(&f, "distress.duration_days"),
                    &d.duration_days,
                    Some(Target::DistressDuration(i)),
                    uncertain,
                )?,
                permanent_probability: quantity(
                    &child(&f, "distress.permanent_probability"),
                    d.permanent_probability.as_ref().unwrap_or(&Quantity::Fixed(0.0)),
                    (0.0, 1.0),
                    Target::DistressPermanent(i),
                    uncertain,
                )?,
                relet: Relet::new(&child(&f, "distress.relet_share"), d.relet_share.as_ref())?,
            }),
        };
        operators.push(OperatorModel {
            name: display_name(&child(&f, "name"), o.name.as_deref(), &oid)?,
            id: oid,
            distress,
            sites: Vec::new(),
        });
    }
    Ok((operators, operator_ids))
}

/// The requirement's steps over the run, `(first day, B200e)` from day 0 (a constant is one
/// step; a growth adds its own), its uncertain level noted in `uncertain`.
fn requirement_steps(
    s: &Scenario,
    horizon: usize,
    uncertain: &mut Vec<UncertainInput>,
) -> Result<Vec<(usize, f64)>, ScenarioError> {
    let steps = match &s.requirement_b200e {
        None => vec![(0, DEFAULT_REQUIREMENT_B200E)],
        Some(Requirement::Constant(r)) => {
            vec![(0, quantity("requirement_b200e", r, (0.0, MAX_REQUIREMENT_B200E), Target::Requirement, uncertain)?)]
        }
        Some(Requirement::Steps(steps)) => {
            if steps.is_empty() {
                return Err(ScenarioError::new("requirement_b200e", "needs at least one step, from day 0"));
            }
            too_many("requirement_b200e", steps.len(), MAX_REQUIREMENT_STEPS)?;
            let mut out: Vec<(usize, f64)> = Vec::with_capacity(steps.len());
            for (j, step) in steps.iter().enumerate() {
                let f = item("requirement_b200e", j);
                let day = integer(&child(&f, "day"), step.day, 0, horizon as u64 - 1)?;
                match out.last() {
                    None if day != 0 => {
                        return Err(ScenarioError::new(child(&f, "day"), "the first step must be on day 0"));
                    }
                    Some(&(before, _)) if day as usize <= before => {
                        return Err(ScenarioError::new(
                            child(&f, "day"),
                            format!("steps must be in order of day: {day} is not after {before}"),
                        ));
                    }
                    _ => {}
                }
                out.push((day as usize, number(&child(&f, "b200e"), step.b200e, 0.0, MAX_REQUIREMENT_B200E)?));
            }
            out
        }
    };
    match &s.requirement_growth {
        None => Ok(steps),
        Some(g) => grown(steps, g, horizon),
    }
}

/// The training run, checked (the engine's defaults where the scenario gives none).
fn training(t: Option<&TrainingRun>, horizon: usize) -> Result<Training, ScenarioError> {
    Ok(match t {
        None => {
            Training { flop: DEFAULT_TRAINING_FLOP, mfu: DEFAULT_TRAINING_MFU, start_day: 0, fallback_efficiency: 0.0 }
        }
        Some(t) => {
            let flop = number("training_run.flop", t.flop, 0.0, MAX_TRAINING_FLOP)?;
            if flop == 0.0 {
                return Err(ScenarioError::new("training_run.flop", "must be above 0"));
            }
            let mfu = number("training_run.mfu", t.mfu, 0.0, 1.0)?;
            if mfu == 0.0 {
                return Err(ScenarioError::new("training_run.mfu", "must be above 0"));
            }
            let start_day = match t.start_day {
                None => 0,
                Some(d) => integer("training_run.start_day", d, 0, horizon as u64 - 1)? as usize,
            };
            let fallback_efficiency = match &t.fallback {
                None => 0.0,
                Some(f) => {
                    let e = number("training_run.fallback.efficiency", f.efficiency.unwrap_or(1.0), 0.0, 1.0)?;
                    if e == 0.0 {
                        return Err(ScenarioError::new("training_run.fallback.efficiency", "must be above 0"));
                    }
                    e
                }
            };
            Training { flop, mfu, start_day, fallback_efficiency }
        }
    })
}

/// The scenario's own chips, by name, with their BF16 TFLOP/s (the catalogue has the rest).
fn chips(s: &Scenario) -> Result<BTreeMap<String, f64>, ScenarioError> {
    too_many("chips", s.chips.len(), MAX_CHIPS)?;
    let mut chips: BTreeMap<String, f64> = BTreeMap::new();
    for (chip_name, chip) in &s.chips {
        let field = crate::scenario::member("chips", chip_name);
        let ok = !chip_name.trim().is_empty()
            && chip_name.chars().count() <= MAX_LABEL_CHARS
            && !chip_name.chars().any(char::is_control);
        if !ok {
            return Err(ScenarioError::new(
                "chips",
                format!("chip names must be 1 to {MAX_LABEL_CHARS} printable characters, got {}", quoted(chip_name)),
            ));
        }
        let tflops = number(&child(&field, "bf16_tflops"), chip.bf16_tflops, 0.0, MAX_CHIP_TFLOPS)?;
        chips.insert(chip_name.clone(), tflops);
    }
    Ok(chips)
}

/// The requirement's steps with its growth: a step every `step_days` from day 0 and on each of
/// its own steps, each its own figure × 2^(day / doubling_days) (by [`pow2`], so every
/// platform gives the same figures).
fn grown(own: Vec<(usize, f64)>, g: &Growth, horizon: usize) -> Result<Vec<(usize, f64)>, ScenarioError> {
    let doubling = number("requirement_growth.doubling_days", g.doubling_days, MIN_DOUBLING_DAYS, 1e6)?;
    let every = match g.step_days {
        None => DEFAULT_GROWTH_STEP_DAYS.min(horizon as u64),
        Some(d) => integer("requirement_growth.step_days", d, 1, horizon as u64)?,
    } as usize;
    // The growth's days and the requirement's own, both in order, merged (no sort: it would
    // link 3 KB into the page's engine).
    let mut days: Vec<usize> = Vec::new();
    let (mut next, mut k) = (0, 0);
    while next < horizon || k < own.len() {
        let d = if k < own.len() { next.min(own[k].0) } else { next };
        days.push(d);
        if d == next {
            next += every;
        }
        if k < own.len() && own[k].0 == d {
            k += 1;
        }
    }
    too_many("requirement_growth.step_days", days.len(), MAX_GROWN_REQUIREMENT_STEPS).map_err(|_| {
        ScenarioError::new(
            "requirement_growth.step_days",
            format!("gives {} steps over the horizon; at most {MAX_GROWN_REQUIREMENT_STEPS}", days.len()),
        )
    })?;
    let mut out = Vec::with_capacity(days.len());
    let mut j = 0;
    for d in days {
        while j + 1 < own.len() && own[j + 1].0 <= d {
            j += 1;
        }
        let b200e = own[j].1 * pow2(d as f64 / doubling);
        if b200e > MAX_REQUIREMENT_B200E {
            return Err(ScenarioError::new(
                "requirement_growth.doubling_days",
                // (Written out: formatting a float in the page's engine would link 10 KB.)
                format!("takes the requirement past 1e9 B200e by day {d}"),
            ));
        }
        out.push((d, b200e));
    }
    Ok(out)
}

/// 2^x for 0 ≤ x ≤ 1,000: whole doublings exact (a power of two's bits), the rest by `libm`'s
/// exp, which the engine links anyway (its exp2 would add a 4 KB table to the page).
fn pow2(x: f64) -> f64 {
    let k = libm::floor(x);
    f64::from_bits((1023 + k as u64) << 52) * libm::exp((x - k) * std::f64::consts::LN_2)
}

/// Which compliance decision each target follows. By site, each its own (named by the site's
/// id, as before there was a choice, so old scenarios draw the same numbers); by operator or
/// jurisdiction, one per operator or country among the targets, in order of first target
/// (a site without an operator decides alone); `all`, one for every target.
fn compliance_groups(
    by: ComplyBy,
    targets: &[usize],
    sites: &[SiteModel],
    operators: &[OperatorModel],
) -> (Vec<usize>, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let group = targets
        .iter()
        .map(|&s| {
            let site = &sites[s];
            let name = match (by, site.operator) {
                (ComplyBy::Operator, Some(k)) => format!("operator:{}", operators[k].id),
                (ComplyBy::Jurisdiction, _) => format!("jurisdiction:{}", site.jurisdiction),
                (ComplyBy::All, _) => "all".to_string(),
                _ => site.id.clone(),
            };
            match names.iter().position(|n| *n == name) {
                Some(g) => g,
                None => {
                    names.push(name);
                    names.len() - 1
                }
            }
        })
        .collect();
    (group, names)
}

/// The sites a target filter matches: AND across the filter's fields, OR within one field's
/// list; an empty list matches all.
fn matching_sites(t: &Targets, sites: &[SiteModel], operators: &[OperatorModel]) -> Vec<usize> {
    let any = |list: &[String], value: &str| list.is_empty() || list.iter().any(|x| x == value);
    sites
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let op = s.operator.map(|k| operators[k].id.as_str());
            any(&t.routes, &s.route)
                && any(&t.chips, &s.chip)
                && any(&t.jurisdictions, &s.jurisdiction)
                && (t.operators.is_empty() || op.is_some_and(|o| any(&t.operators, o)))
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{pow2, show};

    #[test]
    fn pow2_is_exact_at_whole_doublings_and_within_an_ulp_or_two_between() {
        for k in 0..=600 {
            assert_eq!(pow2(f64::from(k)), 2f64.powi(k), "{k}");
        }
        for i in 0..10_000 {
            let x = f64::from(i) * 0.0731;
            let (got, want) = (pow2(x), 2f64.powf(x));
            assert!((got - want).abs() <= 4.0 * f64::EPSILON * want, "2^{x}: {got} against {want}");
        }
    }

    /// The spelling of the standard formatter.
    fn std_show(x: f64) -> String {
        if x.is_nan() {
            "NaN".into()
        } else if x.is_infinite() {
            if x > 0.0 { "Infinity".into() } else { "-Infinity".into() }
        } else if x != 0.0 && (x.abs() >= 1e15 || x.abs() < 1e-6) {
            format!("{x:e}")
        } else {
            format!("{x}")
        }
    }

    #[test]
    fn show_spells_numbers_as_the_standard_formatter_does() {
        let mut cases = vec![0.0, -0.0, 1.0, -7.0, 0.5, 15_000.0, 60.5, 0.1 + 0.2, 3.8e25, 2.5e-5, 1e21, 123_456.789];
        for e in -330..=308 {
            let p = 10f64.powi(e);
            cases.extend([
                p,
                -p,
                p * 1.5,
                p * 0.999_999_9,
                f64::from_bits(p.to_bits() + 1),
                f64::from_bits(p.to_bits().saturating_sub(1)),
            ]);
        }
        for k in [1e15f64, 1e-6] {
            cases.extend([k, f64::from_bits(k.to_bits() - 1), f64::from_bits(k.to_bits() + 1)]);
        }
        // Every exponent and many digit patterns: a fixed sequence of bit patterns.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            cases.push(f64::from_bits(state));
            cases.push((state % 10_000_000) as f64 / 1000.0);
        }
        cases.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE, 5e-324]);
        let mut ties = 0;
        for x in cases {
            let (ours, theirs) = (show(x), std_show(x));
            if ours != theirs {
                // Only a tie between two shortest spellings may differ: same length, same
                // value, differing in the last digit alone.
                let read = |s: &str| s.parse::<f64>().map(f64::to_bits).ok();
                assert!(ours.len() == theirs.len() && read(&ours) == Some(x.to_bits()), "{ours} vs {theirs}");
                let last = ours.find('e').unwrap_or(ours.len()) - 1;
                assert_eq!((&ours[..last], &ours[last + 1..]), (&theirs[..last], &theirs[last + 1..]));
                ties += 1;
            }
        }
        assert!(ties < 100, "{ties} spellings differ");
    }
}

#[cfg(test)]
mod slots {
    use super::{Model, Target};

    #[test]
    fn every_target_has_its_own_slot_holding_the_models_figure() {
        // Two shocks, two operators (one in distress), three sites with outages and delays:
        // the slots are a permutation of the parameters, and each holds its figure.
        let json = r#"{ "horizon_days": 100, "requirement_b200e": 700,
            "operators": [ { "id": "a" }, { "id": "b", "distress": { "rate_per_year": 2, "duration_days": { "median": 9, "p90": 20 }, "permanent_probability": 0.3 } } ],
            "sites": [
              { "id": "x", "jurisdiction": "JP", "operator": "a", "route": "r", "chip": "B200", "gpus": 100, "online_delay_days": { "median": 3, "p90": 5 },
                "outages": { "rate_per_year": 4, "duration_days": { "median": 2, "p90": 4 } } },
              { "id": "y", "jurisdiction": "JP", "operator": "b", "route": "r", "chip": "B200", "gpus": 200, "online_delay_days": { "median": 6, "p90": 7 } },
              { "id": "z", "jurisdiction": "AU", "route": "r", "chip": "B300", "gpus": 300,
                "outages": { "rate_per_year": 5, "duration_days": { "median": 1.5, "p90": 3 } } } ],
            "shocks": [
              { "id": "k", "rate_per_year": 0.5, "effect": "halt", "comply_probability": 0.8, "permanent_probability": 0.1,
                "lag_days": { "median": 11, "p90": 22 }, "duration_days": { "median": 12, "p90": 30 } },
              { "id": "l", "rate_per_year": 0.25, "effect": "halt", "comply_probability": 0.6, "permanent_probability": 0.2,
                "lag_days": { "median": 13, "p90": 26 }, "duration_days": { "median": 14, "p90": 40 } } ] }"#;
        let m = Model::new(&crate::scenario::Scenario::from_json(json).unwrap()).unwrap();
        let mut targets = vec![Target::Requirement];
        for k in 0..2 {
            targets.extend([
                Target::ShockRate(k),
                Target::ShockComply(k),
                Target::ShockPermanent(k),
                Target::ShockLag(k),
                Target::ShockDuration(k),
            ]);
        }
        for i in 0..2 {
            targets.extend([Target::DistressRate(i), Target::DistressPermanent(i), Target::DistressDuration(i)]);
        }
        for i in 0..3 {
            targets.extend([
                Target::OutageRate(i),
                Target::SiteGpus(i),
                Target::OutageDuration(i),
                Target::OnlineDelay(i),
            ]);
        }
        let mut slots: Vec<usize> = targets.iter().map(|&t| m.slot(t)).collect();
        slots.sort_unstable();
        assert_eq!(slots, (0..m.params.len()).collect::<Vec<_>>(), "one slot each, none left over");
        let at = |t| m.params[m.slot(t)];
        for k in 0..2 {
            let s = &m.shocks[k];
            assert_eq!(at(Target::ShockRate(k)), s.rate_per_day);
            assert_eq!(at(Target::ShockComply(k)), s.comply_probability);
            assert_eq!(at(Target::ShockPermanent(k)), s.permanent_probability);
            assert_eq!(at(Target::ShockLag(k)), s.lag.median());
            assert_eq!(at(Target::ShockDuration(k)), s.duration.median());
        }
        assert_eq!([at(Target::ShockLag(0)), at(Target::ShockDuration(1))], [11.0, 14.0]);
        let d = m.operators[1].distress.unwrap();
        assert_eq!(
            [at(Target::DistressRate(1)), at(Target::DistressPermanent(1)), at(Target::DistressDuration(1))],
            [d.rate_per_day, d.permanent_probability, 9.0]
        );
        assert_eq!(
            [at(Target::OnlineDelay(0)), at(Target::OnlineDelay(1)), at(Target::OnlineDelay(2))],
            [3.0, 6.0, 0.0]
        );
        assert_eq!(
            [at(Target::OutageDuration(0)), at(Target::OutageDuration(1)), at(Target::OutageDuration(2))],
            [2.0, 0.0, 1.5]
        );
        assert_eq!([at(Target::SiteGpus(0)), at(Target::SiteGpus(2))], [100.0, 300.0]);
        assert_eq!(at(Target::Requirement), 700.0);
    }
}
