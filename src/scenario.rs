//! The scenario format: what a CLI file, the JS API, the URL state and every preset share.
//!
//! These types mirror the JSON exactly (unknown fields are rejected). Numbers are read as
//! `f64` so that range checks in [`crate::model`] can say what was wrong ("must be an
//! integer from 0 to 10000000, got -5") instead of a type error.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A whole scenario, as written in JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Days simulated; default 730.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon_days: Option<f64>,
    /// B200-equivalents the firm needs; default 10,000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_b200e: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_run: Option<TrainingRun>,
    /// Chips added to, or overriding, the built-in catalogue.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub chips: BTreeMap<String, Chip>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<Operator>,
    pub sites: Vec<Site>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shocks: Vec<Shock>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relocation: Option<Relocation>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrainingRun {
    /// Total training compute in FLOP.
    pub flop: f64,
    /// Model FLOP utilisation, in (0, 1].
    pub mfu: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_day: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chip {
    /// Dense BF16 throughput in TFLOP/s.
    pub bf16_tflops: f64,
}

/// A lognormal duration or delay in days, given by its median and 90th percentile.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Days {
    pub median: f64,
    pub p90: f64,
}

impl Days {
    pub const ZERO: Days = Days { median: 0.0, p90: 0.0 };
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Operator {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distress: Option<Distress>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Distress {
    pub rate_per_year: f64,
    pub duration_days: Days,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permanent_probability: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Site {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// ISO 3166 alpha-2 code, e.g. "JP".
    pub jurisdiction: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// `offshore_rental`, `domestic`, `domestic_import`, `relocated` or another label.
    pub route: String,
    pub chip: String,
    /// GPUs at full build-out.
    pub gpus: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_day: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp_days: Option<f64>,
    /// Daily share of installed GPUs that work (node failures, maintenance); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_delay_days: Option<Days>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outages: Option<Outages>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outages {
    pub rate_per_year: f64,
    pub duration_days: Days,
    /// Share of the site each outage takes down; default 1 (the whole site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// The site goes down.
    Halt,
    /// Deliveries stop: running GPUs keep running, the ramp pauses.
    Freeze,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shock {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub rate_per_year: f64,
    pub effect: Effect,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Targets>,
    /// Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comply_probability: Option<f64>,
    /// Default none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag_days: Option<Days>,
    /// Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permanent_probability: Option<f64>,
    pub duration_days: Days,
}

/// Which sites a shock hits: AND across fields, OR within a list; an empty list matches all.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Targets {
    pub routes: Vec<String>,
    pub chips: Vec<String>,
    pub jurisdictions: Vec<String>,
    pub operators: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relocation {
    /// Share of a permanently shut site's GPUs moved to domestic use.
    pub share: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_days: Option<Days>,
}

/// An input error, naming the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// A path such as `sites[1].gpus`, or `scenario` for the document as a whole.
    pub field: String,
    pub message: String,
}

impl ScenarioError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError { field: field.into(), message: message.into() }
    }
}

/// serde_json's message without its " at line L column C".
fn unlocated(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) if e.line() > 0 => message.to_string(),
        _ => text,
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Parses scenario JSON, naming the field of any error and the line and column of a file.
    /// Does not check ranges: see [`crate::model::Model::new`].
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        match text.trim_start().chars().next() {
            Some('{') => {}
            None => return Err(ScenarioError::new("scenario", "is empty; expected a JSON object")),
            Some(_) => return Err(ScenarioError::new("scenario", "must be a JSON object ({ ... })")),
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            // A syntax error: name the field the parser was in, and where in the file.
            let path = crate::read::path_at(text, crate::read::offset_of(text, e.line(), e.column()));
            let field = if path.is_empty() { "scenario".to_string() } else { path };
            let place =
                if e.line() > 0 { format!(" (at line {}, column {})", e.line(), e.column()) } else { String::new() };
            ScenarioError::new(field, format!("{}{place}", unlocated(&e)))
        })?;
        crate::read::scenario(&value)
    }
}

/// Presets and other serde users read a scenario through the same checks as a file.
impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        crate::read::scenario(&value).map_err(serde::de::Error::custom)
    }
}
