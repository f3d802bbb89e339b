//! Reading scenario JSON: a `serde_json::Value` → [`Scenario`], by hand, naming the field of
//! every error (`sites[1].gpus`) and rejecting unknown fields.
//!
//! The command parses a file's text into the `Value`; the WebAssembly build makes it from the
//! JS object directly (`wasm.rs`), so it carries no JSON text parser at all. Either way this
//! one walk checks it, and it is a fraction of the code that derived deserializers with path
//! tracking compile to.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::scenario::{
    Chip, ComplyBy, Days, Distress, Distribution, Effect, Fallback, Growth, Operator, Outages, Prior, Quantity,
    Relocation, Requirement, RequirementStep, Scenario, ScenarioError, Shock, ShockKind, Site, Targets, TrainingRun,
    member, quoted,
};

type Result<T> = std::result::Result<T, ScenarioError>;

/// How serde names a JSON value's kind in "invalid type" messages.
fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {}", quoted(s)),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

fn wrong(path: &str, v: &Value, expected: &str) -> ScenarioError {
    ScenarioError::new(path, format!("invalid type: {}, expected {expected}", kind(v)))
}

/// An object being read, and its path.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, path: String) -> Result<Self> {
        match v {
            Value::Object(map) => Ok(Obj { map, path }),
            other => Err(wrong(if path.is_empty() { "scenario" } else { &path }, other, "a map")),
        }
    }

    fn at(&self, key: &str) -> String {
        member(&self.path, key)
    }

    /// Rejects keys outside `known`: a typo must not be silently ignored.
    fn only(&self, known: &[&str]) -> Result<()> {
        match self.map.keys().find(|k| !known.contains(&k.as_str())) {
            None => Ok(()),
            Some(k) => {
                // (Joined as `[&str]`, the one `join` the page's engine holds.)
                Err(ScenarioError::new(self.at(k), format!("unknown field; expected one of `{}`", known.join("`, `"))))
            }
        }
    }

    /// A present, non-null value.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn need(&self, key: &str) -> Result<&'a Value> {
        match self.map.get(key) {
            Some(v) => Ok(v),
            None => Err(ScenarioError::new(self.at(key), "is required")),
        }
    }

    fn number_of(&self, key: &str, v: &Value) -> Result<f64> {
        v.as_f64().ok_or_else(|| wrong(&self.at(key), v, "a number"))
    }

    fn num(&self, key: &str) -> Result<f64> {
        self.number_of(key, self.need(key)?)
    }

    fn opt_num(&self, key: &str) -> Result<Option<f64>> {
        self.get(key).map(|v| self.number_of(key, v)).transpose()
    }

    /// A number, or an uncertain figure's distribution (`Quantity`).
    fn quantity_of(&self, key: &str, v: &'a Value) -> Result<Quantity> {
        // An object without `distribution` is no distribution: the field's own error.
        if v.get("distribution").is_none() {
            return v
                .as_f64()
                .map(Quantity::Fixed)
                .ok_or_else(|| wrong(&self.at(key), v, "a number or a distribution"));
        }
        let d = Obj::new(v, self.at(key))?;
        // Each shape's fields, its parameters in order after `distribution`.
        const SHAPES: [&[&str]; 4] = [
            &["distribution", "events", "years", "prior"],
            &["distribution", "low", "high"],
            &["distribution", "low", "mode", "high"],
            &["distribution", "low", "high"],
        ];
        let shape: usize = variant(
            &d.at("distribution"),
            d.need("distribution")?,
            &[("gamma", 0), ("uniform", 1), ("triangular", 2), ("log_uniform", 3)],
            "`gamma`, `uniform`, `triangular` or `log_uniform`",
        )?;
        let fields = SHAPES[shape];
        d.only(fields)?;
        let mut p = [0.0; 3];
        for (slot, field) in p.iter_mut().zip(&fields[1..]) {
            if *field != "prior" {
                *slot = d.num(field)?;
            }
        }
        Ok(Quantity::Drawn(Box::new(match shape {
            0 => Distribution::Gamma {
                events: p[0],
                years: p[1],
                prior: variant(
                    &d.at("prior"),
                    d.need("prior")?,
                    &[("jeffreys", Prior::Jeffreys), ("flat", Prior::Flat)],
                    "`jeffreys` or `flat`",
                )?,
            },
            1 => Distribution::Uniform { low: p[0], high: p[1] },
            2 => Distribution::Triangular { low: p[0], mode: p[1], high: p[2] },
            _ => Distribution::LogUniform { low: p[0], high: p[1] },
        })))
    }

    fn quantity(&self, key: &str) -> Result<Quantity> {
        self.quantity_of(key, self.need(key)?)
    }

    fn opt_quantity(&self, key: &str) -> Result<Option<Quantity>> {
        self.get(key).map(|v| self.quantity_of(key, v)).transpose()
    }

    fn text_of(path: &str, v: &Value) -> Result<String> {
        v.as_str().map(str::to_string).ok_or_else(|| wrong(path, v, "a string"))
    }

    fn text(&self, key: &str) -> Result<String> {
        Obj::text_of(&self.at(key), self.need(key)?)
    }

    /// One of a field's named values when present (see `variant`).
    fn opt_variant<T: Copy>(&self, key: &str, choices: &[(&str, T)], expected: &str) -> Result<Option<T>> {
        self.get(key).map(|v| variant(&self.at(key), v, choices, expected)).transpose()
    }

    fn opt_text(&self, key: &str) -> Result<Option<String>> {
        self.get(key).map(|v| Obj::text_of(&self.at(key), v)).transpose()
    }

    fn list_of(&self, key: &str, v: &'a Value) -> Result<&'a Vec<Value>> {
        v.as_array().ok_or_else(|| wrong(&self.at(key), v, "a sequence"))
    }

    /// An optional list: each item read by `item` with its own path.
    fn list<T>(&self, key: &str, item: impl Fn(&'a Value, String) -> Result<T>) -> Result<Vec<T>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(v) => {
                let items = self.list_of(key, v)?;
                items.iter().enumerate().map(|(i, x)| item(x, format!("{}[{i}]", self.at(key)))).collect()
            }
        }
    }

    fn strings(&self, key: &str) -> Result<Vec<String>> {
        self.list(key, |v, path| Obj::text_of(&path, v))
    }

    fn object<T>(&self, key: &str, read: impl Fn(Obj<'a>) -> Result<T>) -> Result<Option<T>> {
        self.get(key).map(|v| read(Obj::new(v, self.at(key))?)).transpose()
    }

    fn days(&self, key: &str) -> Result<Days> {
        let o = Obj::new(self.need(key)?, self.at(key))?;
        o.only(&["median", "p90"])?;
        Ok(Days { median: o.quantity("median")?, p90: o.num("p90")? })
    }

    fn opt_days(&self, key: &str) -> Result<Option<Days>> {
        match self.get(key) {
            None => Ok(None),
            Some(_) => self.days(key).map(Some),
        }
    }
}

/// The largest scenario document read, in bytes of JSON (the presets are about 6 KB; a
/// scenario at every count's limit is some 200 KB): a larger one is refused before it is
/// parsed, so memory never follows the input.
pub const MAX_SCENARIO_BYTES: usize = 1_000_000;
/// The most values (numbers, strings, items, keys) a scenario object from JavaScript may hold,
/// counted as it is read: the same bound for a document that is not text.
pub const MAX_SCENARIO_VALUES: usize = 100_000;

/// Reads a scenario from a parsed JSON value.
pub fn scenario(v: &Value) -> Result<Scenario> {
    let o = Obj::new(v, String::new())?;
    o.only(&[
        "name",
        "start_date",
        "horizon_days",
        "requirement_b200e",
        "requirement_growth",
        "requirement_sites",
        "training_run",
        "chips",
        "operators",
        "sites",
        "shocks",
        "relocation",
    ])?;
    let chips = match o.get("chips") {
        None => Default::default(),
        Some(v) => {
            let c = Obj::new(v, o.at("chips"))?;
            // Inserted one by one, in the JSON object's (sorted) order: collecting into the
            // map would sort the entries again, and link a stable sort into the wasm (4 KB).
            let mut chips = BTreeMap::new();
            for (name, spec) in c.map {
                let s = Obj::new(spec, c.at(name))?;
                s.only(&["bf16_tflops"])?;
                chips.insert(name.clone(), Chip { bf16_tflops: s.num("bf16_tflops")? });
            }
            chips
        }
    };
    let sites_value = o.need("sites")?;
    o.list_of("sites", sites_value)?;
    Ok(Scenario {
        name: o.opt_text("name")?,
        start_date: o.opt_text("start_date")?,
        horizon_days: o.opt_num("horizon_days")?,
        requirement_b200e: match o.get("requirement_b200e") {
            None => None,
            Some(Value::Array(_)) => Some(Requirement::Steps(o.list("requirement_b200e", |v, path| {
                let step = Obj::new(v, path)?;
                step.only(&["day", "b200e"])?;
                Ok(RequirementStep { day: step.num("day")?, b200e: step.num("b200e")? })
            })?)),
            Some(_) => o.opt_quantity("requirement_b200e")?.map(Requirement::Constant),
        },
        requirement_growth: o.object("requirement_growth", |g| {
            g.only(&["doubling_days", "step_days"])?;
            Ok(Growth { doubling_days: g.num("doubling_days")?, step_days: g.opt_num("step_days")? })
        })?,
        requirement_sites: o.strings("requirement_sites")?,
        training_run: o.object("training_run", |t| {
            t.only(&["flop", "mfu", "start_day", "sites", "fallback"])?;
            Ok(TrainingRun {
                flop: t.num("flop")?,
                mfu: t.num("mfu")?,
                start_day: t.opt_num("start_day")?,
                sites: t.strings("sites")?,
                fallback: t.object("fallback", |f| {
                    f.only(&["sites", "efficiency"])?;
                    Ok(Fallback { sites: f.strings("sites")?, efficiency: f.opt_num("efficiency")? })
                })?,
            })
        })?,
        chips,
        operators: o.list("operators", |v, path| operator(Obj::new(v, path)?))?,
        sites: o.list("sites", |v, path| site(Obj::new(v, path)?))?,
        shocks: o.list("shocks", |v, path| shock(Obj::new(v, path)?))?,
        relocation: o.object("relocation", |r| {
            r.only(&["share", "delay_days", "to_site"])?;
            Ok(Relocation {
                share: r.num("share")?,
                delay_days: r.opt_days("delay_days")?,
                to_site: r.opt_text("to_site")?,
            })
        })?,
    })
}

fn operator(o: Obj) -> Result<Operator> {
    o.only(&["id", "name", "distress"])?;
    Ok(Operator {
        id: o.text("id")?,
        name: o.opt_text("name")?,
        distress: o.object("distress", |d| {
            d.only(&["rate_per_year", "duration_days", "permanent_probability", "relet_share"])?;
            Ok(Distress {
                rate_per_year: d.quantity("rate_per_year")?,
                duration_days: d.days("duration_days")?,
                permanent_probability: d.opt_quantity("permanent_probability")?,
                relet_share: d.opt_quantity("relet_share")?,
            })
        })?,
    })
}

fn site(o: Obj) -> Result<Site> {
    o.only(&[
        "id",
        "name",
        "jurisdiction",
        "operator",
        "route",
        "chip",
        "gpus",
        "online_day",
        "online_date",
        "ramp_days",
        "availability",
        "online_delay_days",
        "outages",
    ])?;
    Ok(Site {
        id: o.text("id")?,
        name: o.opt_text("name")?,
        jurisdiction: o.text("jurisdiction")?,
        operator: o.opt_text("operator")?,
        route: o.text("route")?,
        chip: o.text("chip")?,
        gpus: o.quantity("gpus")?,
        online_day: o.opt_num("online_day")?,
        online_date: o.opt_text("online_date")?,
        ramp_days: o.opt_num("ramp_days")?,
        availability: o.opt_num("availability")?,
        online_delay_days: o.opt_days("online_delay_days")?,
        outages: o.object("outages", |x| {
            x.only(&["rate_per_year", "duration_days", "fraction"])?;
            Ok(Outages {
                rate_per_year: x.quantity("rate_per_year")?,
                duration_days: x.days("duration_days")?,
                fraction: x.opt_num("fraction")?,
            })
        })?,
    })
}

fn shock(o: Obj) -> Result<Shock> {
    o.only(&[
        "id",
        "name",
        "kind",
        "rate_per_year",
        "effect",
        "targets",
        "comply_probability",
        "lag_days",
        "permanent_probability",
        "duration_days",
        "scheduled_days",
        "scheduled_dates",
        "comply_by",
        "relet_share",
    ])?;
    let effect = variant(
        &o.at("effect"),
        o.need("effect")?,
        &[("halt", Effect::Halt), ("freeze", Effect::Freeze)],
        "`halt` or `freeze`",
    )?;
    Ok(Shock {
        id: o.text("id")?,
        name: o.opt_text("name")?,
        kind: o.opt_variant(
            "kind",
            &[
                ("rule", ShockKind::Rule),
                ("crackdown", ShockKind::Crackdown),
                ("halt", ShockKind::Halt),
                ("outage", ShockKind::Outage),
            ],
            "`rule`, `crackdown`, `halt` or `outage`",
        )?,
        rate_per_year: o.quantity("rate_per_year")?,
        effect,
        targets: o.object("targets", |t| {
            t.only(&["routes", "chips", "jurisdictions", "operators"])?;
            Ok(Targets {
                routes: t.strings("routes")?,
                chips: t.strings("chips")?,
                jurisdictions: t.strings("jurisdictions")?,
                operators: t.strings("operators")?,
            })
        })?,
        comply_probability: o.opt_quantity("comply_probability")?,
        lag_days: o.opt_days("lag_days")?,
        permanent_probability: o.opt_quantity("permanent_probability")?,
        duration_days: o.days("duration_days")?,
        scheduled_days: o.list("scheduled_days", |v, path| v.as_f64().ok_or_else(|| wrong(&path, v, "a number")))?,
        scheduled_dates: o.list("scheduled_dates", |v, path| Obj::text_of(&path, v))?,
        comply_by: o.opt_variant(
            "comply_by",
            &[
                ("site", ComplyBy::Site),
                ("operator", ComplyBy::Operator),
                ("jurisdiction", ComplyBy::Jurisdiction),
                ("all", ComplyBy::All),
            ],
            "`site`, `operator`, `jurisdiction` or `all`",
        )?,
        relet_share: o.opt_quantity("relet_share")?,
    })
}

/// One of a field's named values (`"halt"` or `"freeze"`, say), or an error saying which
/// are `expected` (written out by the caller, which keeps the engine small).
fn variant<T: Copy>(path: &str, v: &Value, choices: &[(&str, T)], expected: &str) -> Result<T> {
    match v.as_str() {
        Some(text) => {
            choices.iter().find(|(name, _)| *name == text).map(|&(_, x)| x).ok_or_else(|| {
                ScenarioError::new(path, format!("unknown variant {}, expected {expected}", quoted(text)))
            })
        }
        None => Err(wrong(path, v, expected)),
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

impl Scenario {
    /// Parses scenario JSON, naming the field of any error and the line and column of a file.
    /// Does not check ranges: see [`crate::model::Model::new`].
    pub fn from_json(text: &str) -> Result<Scenario> {
        match text.trim_start().chars().next() {
            Some('{') => {}
            None => return Err(ScenarioError::new("scenario", "is empty; expected a JSON object")),
            Some(_) => return Err(ScenarioError::new("scenario", "must be a JSON object ({ ... })")),
        }
        let value: serde_json::Value = serde_json::from_str::<Strict>(text).map(|s| s.0).map_err(|e| {
            // A syntax error: name the field the parser was in, and where in the file.
            let path = path_at(text, offset_of(text, e.line(), e.column()));
            let field = if path.is_empty() { "scenario".to_string() } else { path };
            let place =
                if e.line() > 0 { format!(" (at line {}, column {})", e.line(), e.column()) } else { String::new() };
            ScenarioError::new(field, format!("{}{place}", unlocated(&e)))
        })?;
        scenario(&value)
    }
}

/// A JSON value read from text with each object's keys checked to be distinct: JSON leaves a
/// repeated key's meaning open (serde_json would keep the last one without a word), so a file
/// that gives one twice is refused, where the second one stands.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_u64<E>(self, n: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_f64<E>(self, x: f64) -> std::result::Result<Value, E> {
        Ok(serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> std::result::Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key {}", quoted(&key))));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Presets and other serde users read a scenario through the same checks as a file.
impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        scenario(&value).map_err(serde::de::Error::custom)
    }
}

/// The path of the value being read at byte `offset` of a JSON text, such as `sites[0].id`:
/// where a syntax error (a truncated file, say) stopped the parser.
pub fn path_at(text: &str, offset: usize) -> String {
    enum Level {
        Object(Option<String>),
        Array(usize),
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Level> = Vec::new();
    let mut key_next = false;
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'{' => {
                stack.push(Level::Object(None));
                key_next = true;
            }
            b'[' => stack.push(Level::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Level::Array(n)) => *n += 1,
                Some(Level::Object(key)) => {
                    *key = None;
                    key_next = true;
                }
                None => {}
            },
            b':' => key_next = false,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if key_next {
                    if let Some(Level::Object(key)) = stack.last_mut() {
                        *key = Some(text.get(start..i.min(text.len())).unwrap_or_default().to_string());
                    }
                    key_next = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for level in &stack {
        match level {
            Level::Object(Some(key)) => path = member(&path, key),
            Level::Array(n) => path.push_str(&format!("[{n}]")),
            Level::Object(None) => {}
        }
    }
    path
}

/// The byte offset of serde_json's 1-based line and column.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_where_a_document_stops() {
        let text = "{\"sites\": [\n{\"id\": \"a\", \"outages\": {\"rate_per_year\": ";
        assert_eq!(path_at(text, text.len()), "sites[0].outages.rate_per_year");
        let text = r#"{"name": "a, [b]: {c}", "shocks": [{}, {"id": "x"}, {"#;
        assert_eq!(path_at(text, text.len()), "shocks[2]");
        assert_eq!(path_at("", 0), "");
    }

    #[test]
    fn offsets_count_lines_and_columns() {
        assert_eq!(offset_of("ab\ncd\nef", 2, 1), 4);
        assert_eq!(offset_of("ab", 1, 9), 2);
    }
}
