//! The built-in presets, kept as JSON data beside this file: each a scenario plus, for its
//! figures, where the number comes from and whether it is reported, derived or assumed.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;

/// How a figure is known, shown to readers beside the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Stated in a named source.
    Reported,
    /// Arithmetic on reported figures.
    Derived,
    /// Not in any source: the model's assumption.
    Assumed,
}

/// Where one figure of a preset comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Path of the figure in the scenario, e.g. `sites[0].gpus`.
    pub field: String,
    pub label: Label,
    /// What the figure is and why this value. Empty in the WebAssembly build, whose page
    /// reads the notes from `preset-notes.json` (see `build.rs`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The range the figure could reasonably take, `[low, high]`, when it is uncertain (every
    /// assumption has one): what a reader can try, and what a sensitivity view spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// For a rate learnt from the evidence register (`src/evidence/register.json`): which
    /// events count and over what span. The figure is then the record's gamma, Jeffreys'
    /// Gamma(events + 1/2, years); tests/js/evidence.test.mjs derives it again from the
    /// register and holds the preset to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derivation: Option<Derivation>,
}

/// The events of the evidence register a rate counts: those of a jurisdiction, of some kinds,
/// covering some things, whose `dated` date falls from `from` to `to` (both `YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    pub jurisdiction: String,
    pub kinds: Vec<String>,
    pub covers: Vec<String>,
    /// Which of an event's dates counts: `effective` for a rule in force, `announced` for an
    /// action taken.
    pub dated: String,
    pub from: String,
    pub to: String,
    /// The ids of the events counted (empty: none in the span).
    pub events: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// The date of the latest evidence the preset accounts for, `YYYY-MM-DD`: what the widget
    /// says as "evidence as of".
    pub as_of: String,
    pub scenario: Scenario,
    pub sources: Vec<Source>,
}

/// Every built-in preset as one JSON array, in the order readers see them (the first is the
/// default): the files of `src/presets/`, packed by `build.rs` without their whitespace.
const JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/presets.json"));

/// Every built-in preset as one JSON array, as the files have it (for the page, which parses
/// it itself).
pub fn json() -> String {
    JSON.to_string()
}

/// Every built-in preset. The files are checked by the tests, so none is ever dropped here.
pub fn all() -> Vec<Preset> {
    serde_json::from_str(JSON).unwrap_or_default()
}

/// The preset with this id.
pub fn find(id: &str) -> Option<Preset> {
    all().into_iter().find(|p| p.id == id)
}
