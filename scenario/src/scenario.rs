//! The scenario format: what a CLI file, the JS API, the URL state and every preset share.
//!
//! These types mirror the JSON exactly; they only hold data. Reading them (unknown fields
//! rejected, every error naming its field) is [`crate::read`]; checking ranges is
//! [`crate::model`]. Numbers are kept as `f64` so that range checks can say what was wrong
//! ("must be an integer from 0 to 10000000, got -5") instead of a type error.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// A whole scenario, as written in JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Scenario {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The date of day 0, `YYYY-MM-DD`: the chart's dates come from it, never from the
    /// reader's clock. Optional (older files have none; the page then counts from today).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Days simulated; default 730.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizon_days: Option<f64>,
    /// B200-equivalents the firm needs: one number (default 10,000), or steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement_b200e: Option<Requirement>,
    /// The requirement's growth, on top of its number or steps: it doubles every
    /// `doubling_days`, rising in steps every `step_days`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement_growth: Option<Growth>,
    /// The sites whose capacity is counted against the requirement and drawn in the chart,
    /// by id; empty (the default) counts every site.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub requirement_sites: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub training_run: Option<TrainingRun>,
    /// Chips added to, or overriding, the built-in catalogue.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<BTreeMap<String, Chip>>", optional))]
    pub chips: BTreeMap<String, Chip>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Operator>>", optional))]
    pub operators: Vec<Operator>,
    pub sites: Vec<Site>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Shock>>", optional))]
    pub shocks: Vec<Shock>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relocation: Option<Relocation>,
}

/// The requirement: constant, or a list of steps, each from its day on (the first on day 0).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Requirement {
    /// One number, or uncertain (drawn once a trial; its steps and growth scale with it).
    Constant(Quantity),
    Steps(Vec<RequirementStep>),
}

/// How the requirement grows: doubling every `doubling_days` (a compound rate), applied in
/// steps every `step_days` (default 30): on day d of a step, requirement(d) × 2^(d / doubling).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Growth {
    pub doubling_days: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step_days: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct RequirementStep {
    pub day: f64,
    pub b200e: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct TrainingRun {
    /// Total training compute in FLOP.
    pub flop: f64,
    /// Model FLOP utilisation, in (0, 1].
    pub mfu: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_day: Option<f64>,
    /// The sites the run can draw on, by id; empty (the default) means those counted against
    /// the requirement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub sites: Vec<String>,
    /// Where the run goes when its own sites give less: other sites, at an efficiency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
}

/// A training run's fallback: sites outside its own (domestic chips, say) that it runs on,
/// at `efficiency` of their capacity, on any day they give it more than its own sites.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Fallback {
    pub sites: Vec<String>,
    /// The share of their capacity the run gets from them (a less mature software stack, a
    /// lower utilisation), in (0, 1]; default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub efficiency: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Chip {
    /// Dense BF16 throughput in TFLOP/s.
    pub bf16_tflops: f64,
}

/// A lognormal duration or delay in days, given by its median and 90th percentile. The
/// median may be uncertain (drawn once a trial); the p90 then moves with it in proportion,
/// the given p90 being the one at the median's mean.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Days {
    pub median: Quantity,
    pub p90: f64,
}

impl Days {
    pub const ZERO: Days = Days { median: Quantity::Fixed(0.0), p90: 0.0 };

    /// A duration with a fixed median.
    pub fn new(median: f64, p90: f64) -> Days {
        Days { median: Quantity::Fixed(median), p90 }
    }
}

/// A figure that is one number, or uncertain: a distribution each trial draws it from once
/// (docs/SCENARIO.md, "Uncertain inputs"). In JSON, a number or `{ "distribution": … }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Quantity {
    Fixed(f64),
    /// Boxed: most figures are numbers, and the scenario's structs stay small.
    Drawn(Box<Distribution>),
}

impl From<f64> for Quantity {
    fn from(x: f64) -> Self {
        Quantity::Fixed(x)
    }
}

/// What an uncertain figure is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "distribution", rename_all = "snake_case")]
pub enum Distribution {
    /// A rate a year from a record of `events` in `years` without a change in the process:
    /// the posterior Gamma(events + a, years) under the prior `prior` names (Jeffreys',
    /// a = 1/2; the flat prior, a = 1). Rates only.
    Gamma {
        events: f64,
        years: f64,
        prior: Prior,
    },
    Uniform {
        low: f64,
        high: f64,
    },
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
    },
    /// Uniform in the logarithm: as likely between 0.01 and 0.1 as between 0.1 and 1.
    LogUniform {
        low: f64,
        high: f64,
    },
}

/// The prior of a rate drawn from a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Prior {
    /// Jeffreys' prior for a Poisson rate, 1/√λ: the posterior is Gamma(events + 1/2, years).
    Jeffreys,
    /// The flat prior: Gamma(events + 1, years).
    Flat,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Operator {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distress: Option<Distress>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Distress {
    pub rate_per_year: Quantity,
    pub duration_days: Days,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permanent_probability: Option<Quantity>,
    /// The share of the halted sites' GPUs let to others, that the firm does not get back
    /// when a halt lifts: a number, or a distribution drawn afresh at each halt. Default 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relet_share: Option<Quantity>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Site {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// ISO 3166 alpha-2 code, e.g. "JP".
    pub jurisdiction: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// `offshore_rental`, `domestic`, `domestic_import`, `relocated` or another label.
    pub route: String,
    pub chip: String,
    /// GPUs at full build-out: a whole number, or uncertain (drawn once a trial).
    pub gpus: Quantity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_day: Option<f64>,
    /// The same as a date (the scenario's `start_date` is day 0): a date before it means the
    /// site was being built, or running, before day 0. Not with `online_day`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ramp_days: Option<f64>,
    /// Daily share of installed GPUs that work (node failures, maintenance); default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_delay_days: Option<Days>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outages: Option<Outages>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Outages {
    pub rate_per_year: Quantity,
    pub duration_days: Days,
    /// Share of the site each outage takes down; default 1 (the whole site).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fraction: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// The site goes down.
    Halt,
    /// Deliveries stop: running GPUs keep running, the ramp pauses.
    Freeze,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Shock {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the shock is, for the words that describe it (the engine treats every kind
    /// alike): default `rule`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ShockKind>,
    pub rate_per_year: Quantity,
    pub effect: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub targets: Option<Targets>,
    /// Default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comply_probability: Option<Quantity>,
    /// Default none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lag_days: Option<Days>,
    /// Default 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permanent_probability: Option<Quantity>,
    pub duration_days: Days,
    /// Days on which the shock arrives for certain, besides its random arrivals; each with
    /// the type's compliance, lag, permanence and duration.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<f64>>", optional))]
    pub scheduled_days: Vec<f64>,
    /// The same as dates (the scenario's `start_date` is day 0); those before day 0 have
    /// happened, or not, before the run, which leaves them out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub scheduled_dates: Vec<String>,
    /// Who decides to comply with an arrival: each site on its own (the default), each
    /// operator for all its target sites, each jurisdiction for all its target sites, or one
    /// decision for every target site (`all`: allies acting as one on one rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comply_by: Option<ComplyBy>,
    /// The share of a halted site's GPUs let to others, that the firm does not get back when
    /// the halt lifts: a number, or a distribution drawn afresh at each halt. Default 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relet_share: Option<Quantity>,
}

/// What kind of event a shock is: what the sentences call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ShockKind {
    /// A government's rule (an export control, an import curb, a licence revoked).
    Rule,
    /// A host country acting against the rentals (an inquiry, a prosecution, an order).
    Crackdown,
    /// The operator halts its sites on its own account.
    Halt,
    /// A failure: power, cooling, network.
    Outage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ComplyBy {
    Site,
    Operator,
    Jurisdiction,
    All,
}

/// Which sites a shock hits: AND across fields, OR within a list; an empty list matches all.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Targets {
    pub routes: Vec<String>,
    pub chips: Vec<String>,
    pub jurisdictions: Vec<String>,
    pub operators: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Relocation {
    /// Share of a permanently shut site's GPUs moved to domestic use.
    pub share: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_days: Option<Days>,
    /// The site (by id) where relocated GPUs land: from then on they share its halts and
    /// outages and count wherever it counts. None: they count where they did before, with no
    /// further risk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_site: Option<String>,
}

/// An input error, naming the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// A path such as `sites[1].gpus`, or `scenario` for the document as a whole.
    pub field: String,
    pub message: String,
}

/// The path of member `key` of the object at `parent`, in the one syntax every error and the
/// page use: `.key` for a key that is an identifier (letters, digits and `_`, not starting with
/// a digit), `["key"]` (JSON-quoted) for any other key; array items are `[i]`. So
/// `sites[0].gpus`, `chips.H20.bf16_tflops`, `chips["Ascend 910B"].bf16_tflops`.
pub fn member(parent: &str, key: &str) -> String {
    let identifier = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
    } else {
        let mut out = format!("{parent}[\"");
        json_escape(key, &mut out);
        out.push_str("\"]");
        out
    }
}

/// Characters of a text an error message quotes; a longer one is cut (a message is one line).
pub const QUOTED_CHARS: usize = 60;

/// `text` in double quotes, escaped as JSON escapes it: how an error quotes what it was given,
/// cut after `QUOTED_CHARS` characters with its length said (`"xxx…" (2000000 characters)`).
/// (Rust's `{:?}` would link its own escaping and Unicode tables into the page's engine.)
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    match text.char_indices().nth(QUOTED_CHARS) {
        None => {
            json_escape(text, &mut out);
            out.push('"');
        }
        Some((cut, _)) => {
            json_escape(text.get(..cut).unwrap_or(text), &mut out);
            out.push_str(&format!("…\" ({} characters)", text.chars().count()));
        }
    }
    out
}

/// `text` escaped as JSON (and serde_json) escape a string's characters: `"`, `\\` and the
/// control characters (`\\n`, `\\u001f`); everything else as it is. (Written here so the
/// page's engine needs no JSON serializer for it.)
fn json_escape(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
}

/// One step of a path: an object's key or an array's index.
enum Step<'a> {
    Key(std::borrow::Cow<'a, str>),
    Index(usize),
}

/// The steps of a path in [`member`]'s syntax; `None` if it is not one.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[\"") {
            // A JSON-quoted key: read the string as JSON, up to its closing quote.
            let mut end = 0;
            let bytes = r.as_bytes();
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            let key: String = serde_json::from_str(&format!("\"{}\"", r.get(..end)?)).ok()?;
            out.push(Step::Key(key.into()));
            rest = r.get(end..)?.strip_prefix("\"]")?;
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Step::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        } else {
            let r = if out.is_empty() { rest } else { rest.strip_prefix('.')? };
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            out.push(Step::Key(r[..end].into()));
            rest = &r[end..];
        }
    }
    Some(out)
}

/// The value at a path in [`member`]'s syntax, if the document has it.
pub fn resolve<'v>(doc: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    steps(path)?.iter().try_fold(doc, |node, step| match step {
        Step::Key(k) => node.get(k.as_ref()),
        Step::Index(i) => node.get(*i),
    })
}

/// The value at a path, to change it.
pub fn resolve_mut<'v>(doc: &'v mut serde_json::Value, path: &str) -> Option<&'v mut serde_json::Value> {
    steps(path)?.iter().try_fold(doc, |node, step| match step {
        Step::Key(k) => node.get_mut(k.as_ref()),
        Step::Index(i) => node.get_mut(*i),
    })
}

impl ScenarioError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError { field: field.into(), message: message.into() }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ScenarioError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_that_is_no_identifier_is_quoted_as_json_quotes_it() {
        let mut keys: Vec<String> = (0u8..0x20).map(|b| format!("a{}b", b as char)).collect();
        keys.extend(
            ["Ascend 910B", "9lives", "", "q\"uote", "back\\slash", "日本語", "\u{7f}", "\u{2028}"].map(String::from),
        );
        for key in &keys {
            let json = format!("chips[{}]", serde_json::Value::from(key.as_str()));
            assert_eq!(member("chips", key), json, "{key:?}");
        }
        assert_eq!(member("sites[0]", "gpus"), "sites[0].gpus");
        assert_eq!(member("", "horizon_days"), "horizon_days");
    }
}
