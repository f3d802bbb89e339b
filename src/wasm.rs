//! The WebAssembly boundary: the only module that knows JavaScript. It decodes, calls the
//! core and encodes; it holds no model logic.
//!
//! - `simulate(scenario, { trials, seed })` → the summary as a plain object, with the daily
//!   bands as `Float64Array`s;
//! - `presets()` → the presets with their scenarios and sources;
//! - `Run`: the same run in steps, for progress reports and cancelling between steps;
//! - a panic hook that records the message, so the page can show it instead of dying.

use std::cell::RefCell;

use js_sys::{Array, Float64Array, Object, Reflect};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::aggregate::{BINS, MIN_BINS};
use crate::model::{MAX_TRIALS, Model, RunOptions, show};
use crate::scenario::{Scenario, ScenarioError};
use crate::summary::Summary;
use crate::{Accumulator, add_trials, presets};

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&format!("compute-shock: internal error: {message}")));
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
    }));
}

/// The message of the last panic, if the module has panicked (a bug): the page shows it.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// Panics on purpose, so tests can check that the page survives a bug in the engine.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTest)]
#[allow(clippy::panic)]
pub fn panic_for_test() {
    panic!("deliberate panic for testing the error screen");
}

fn error(e: ScenarioError) -> JsError {
    JsError::new(&e.to_string())
}

/// Deepest nesting a scenario object may have (the format itself needs five levels).
const MAX_DEPTH: usize = 16;

/// A JSON number as `JSON.stringify` would write `x` and the command's parser read it back.
/// A whole number below 10^21 is written as digits (JavaScript's: the shortest that read
/// back to `x`, padded with zeros, so 2^60 is 1152921504606847000), read as an integer when
/// it fits in 64 bits; anything else is a float with the bits of `x`.
fn json_number(x: f64) -> serde_json::Number {
    if x.fract() == 0.0 && x.abs() < 1e21 {
        let digits: String = js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default();
        if let Ok(n) = digits.parse::<u64>() {
            return n.into();
        }
        if let Ok(n) = digits.parse::<i64>() {
            return n.into();
        }
    }
    // `x` is finite here (checked by the caller), so this is always `Some`.
    serde_json::Number::from_f64(x).unwrap_or_else(|| 0u64.into())
}

/// A JS value as the JSON value that `JSON.stringify` and the command's parser would make of
/// it, without going through text: `None` where JSON leaves a value out (`undefined`, a
/// function). Names the first non-finite number (JSON would turn it into `null`) and stops
/// at `MAX_DEPTH`, so a cycle is an error, not a hang. Objects are read by their own keys:
/// `toJSON` methods (a `Date`) and boxed primitives (`new Number(5)`) are not unwrapped, so
/// they are rejected as objects where JSON text would have given a string or a number.
fn json_from_js(v: &JsValue, path: &mut String, depth: usize) -> Result<Option<Value>, ScenarioError> {
    let here = |path: &str| if path.is_empty() { "scenario".to_string() } else { path.to_string() };
    if depth > MAX_DEPTH {
        return Err(ScenarioError::new(here(path), "is nested too deeply"));
    }
    if v.is_null() {
        return Ok(Some(Value::Null));
    }
    if v.is_undefined() || v.is_function() || v.is_symbol() {
        return Ok(None);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(x) = v.as_f64() {
        if !x.is_finite() {
            return Err(ScenarioError::new(path.as_str(), format!("must be a finite number, got {}", show(x))));
        }
        return Ok(Some(Value::Number(json_number(x))));
    }
    if let Some(text) = v.as_string() {
        return Ok(Some(Value::String(text)));
    }
    if v.is_bigint() {
        return Err(ScenarioError::new(here(path), "must be a number, not a BigInt"));
    }
    if Array::is_array(v) {
        let mut items = Vec::new();
        for (i, item) in Array::from(v).iter().enumerate() {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            items.push(json_from_js(&item, path, depth + 1)?.unwrap_or(Value::Null));
            path.truncate(len);
        }
        return Ok(Some(Value::Array(items)));
    }
    let obj: &Object = v.unchecked_ref();
    let mut map = serde_json::Map::new();
    for key in Object::keys(obj).iter() {
        let name = key.as_string().unwrap_or_default();
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&name);
        let item = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
        if let Some(value) = json_from_js(&item, path, depth + 1)? {
            map.insert(name, value);
        }
        path.truncate(len);
    }
    Ok(Some(Value::Object(map)))
}

/// A scenario object, read by the same walk as the command's files (`crate::read`), so the
/// same fields are checked and unknown ones rejected. The object's numbers go in as they
/// are: no JSON text is written or parsed.
fn scenario_from_js(value: &JsValue) -> Result<Scenario, ScenarioError> {
    if !value.is_object() || Array::is_array(value) {
        return Err(ScenarioError::new("scenario", "must be an object such as { sites: [...] }"));
    }
    let json = json_from_js(value, &mut String::new(), 0)?.unwrap_or(Value::Null);
    crate::read::scenario(&json)
}

/// Options checked: the run's trials and seed, bins a day, and the first trial's number.
struct Options {
    run: RunOptions,
    bins: usize,
    first: u64,
}

/// A whole number of trials a run may have (or a first trial's number).
fn whole_trials(x: f64) -> bool {
    x.fract() == 0.0 && (0.0..=f64::from(MAX_TRIALS)).contains(&x)
}

/// `{ trials, seed, bins, first }`: `bins` (64 to 1024, default 1024) trades resolution for
/// speed; `first` (default 0) starts the run at that trial, so workers can split a run.
fn options(value: &JsValue) -> Result<Options, JsError> {
    let (mut trials, mut seed, mut bins, mut first) = (10_000.0, 1.0, BINS as f64, 0.0);
    if !value.is_undefined() && !value.is_null() {
        if !value.is_object() || Array::is_array(value) {
            return Err(JsError::new("options: must be an object such as { trials: 10000, seed: 1 }"));
        }
        let obj: &Object = value.unchecked_ref();
        for key in Object::keys(obj).iter() {
            let name = key.as_string().unwrap_or_default();
            let item = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
            let slot = match name.as_str() {
                "trials" => &mut trials,
                "seed" => &mut seed,
                "bins" => &mut bins,
                "first" => &mut first,
                _ => {
                    return Err(JsError::new(&format!(
                        "options.{name}: unknown option; expected `trials`, `seed`, `bins` or `first`"
                    )));
                }
            };
            if item.is_undefined() {
                continue;
            }
            *slot = item.as_f64().ok_or_else(|| JsError::new(&format!("{name}: must be a number")))?;
        }
    }
    if !(bins.fract() == 0.0 && (MIN_BINS as f64..=BINS as f64).contains(&bins)) {
        return Err(JsError::new(&format!("bins: must be an integer from {MIN_BINS} to {BINS}, got {}", show(bins))));
    }
    if !whole_trials(first) {
        return Err(JsError::new(&format!("first: must be an integer from 0 to {MAX_TRIALS}, got {}", show(first))));
    }
    Ok(Options { run: RunOptions::new(trials, seed).map_err(error)?, bins: bins as usize, first: first as u64 })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("internal error encoding the result: {e}")))
}

/// The summary as a JS object; the bands cross as typed arrays, one copy each.
fn summary_to_js(mut summary: Summary) -> Result<JsValue, JsError> {
    let bands = std::mem::replace(
        &mut summary.bands,
        crate::summary::Bands { p5: vec![], p25: vec![], p50: vec![], p75: vec![], p95: vec![], mean: vec![] },
    );
    let obj = to_js(&summary)?;
    let js_bands = Object::new();
    for (name, values) in [
        ("p5", &bands.p5),
        ("p25", &bands.p25),
        ("p50", &bands.p50),
        ("p75", &bands.p75),
        ("p95", &bands.p95),
        ("mean", &bands.mean),
    ] {
        Reflect::set(&js_bands, &name.into(), &Float64Array::from(values.as_slice()))
            .map_err(|_| JsError::new("internal error setting bands"))?;
    }
    Reflect::set(&obj, &"bands".into(), &js_bands).map_err(|_| JsError::new("internal error setting bands"))?;
    Ok(obj)
}

fn model_of(scenario: &JsValue) -> Result<Model, JsError> {
    Model::new(&scenario_from_js(scenario).map_err(error)?).map_err(error)
}

/// Runs a scenario: `simulate(scenario, { trials = 10000, seed = 1, bins = 1024 })`.
#[wasm_bindgen]
pub fn simulate(scenario: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let model = model_of(&scenario)?;
    let o = self::options(&options)?;
    o.run.check_work(&model).map_err(error)?;
    let mut acc = Accumulator::with_bins(&model, o.bins);
    add_trials(&model, o.run.seed, o.first..o.first + u64::from(o.run.trials), &mut acc);
    summary_to_js(Summary::new(&model, o.run, &acc))
}

/// The built-in presets: `[{ id, name, summary, scenario, sources: [{ field, label, note, source }] }]`.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    // The files as written: parsed by JavaScript, so no serializer is built in for them.
    js_sys::JSON::parse(&presets::json()).map_err(|_| JsError::new("internal error reading the presets"))
}

/// Checks a scenario without running it; throws an `Error` naming the field.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> Result<(), JsError> {
    model_of(&scenario).map(|_| ())
}

/// A run done in steps: `new Run(scenario, options)`, then `step(n)` until `done`, then
/// `summary()`. Gives the same result as `simulate` with the same arguments. To split a run
/// across workers, give each a share (`first`, `trials`, and more with `extend`), send each
/// share's `state()` to one of them, and `absorb` it there: the merge is exact.
#[wasm_bindgen]
pub struct Run {
    model: Model,
    options: RunOptions,
    acc: Accumulator,
    /// The next trial of the current range, and the end of the range.
    next: u64,
    end: u64,
    /// Trials run, over every range.
    ran: u64,
}

#[wasm_bindgen]
impl Run {
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: JsValue, options: JsValue) -> Result<Run, JsError> {
        let model = model_of(&scenario)?;
        let o = self::options(&options)?;
        o.run.check_work(&model).map_err(error)?;
        let acc = Accumulator::with_bins(&model, o.bins);
        Ok(Run { model, options: o.run, acc, next: o.first, end: o.first + u64::from(o.run.trials), ran: 0 })
    }

    /// Runs up to `trials` more trials; returns how many this run has run in all.
    pub fn step(&mut self, trials: u32) -> u32 {
        let stop = (self.next + u64::from(trials)).min(self.end);
        add_trials(&self.model, self.options.seed, self.next..stop, &mut self.acc);
        self.ran += stop - self.next;
        self.next = stop;
        self.ran as u32
    }

    /// Gives a finished run another range of trials, `first` to `first + trials`, to add to
    /// the same accumulator: a worker can take a split run's shares one at a time, as it
    /// becomes free. The ranges must not overlap (the caller hands them out).
    pub fn extend(&mut self, first: f64, trials: f64) -> Result<(), JsError> {
        if !self.done() {
            return Err(JsError::new("extend: the run has trials left"));
        }
        if !whole_trials(first) || !whole_trials(trials) || self.ran as f64 + trials > f64::from(MAX_TRIALS) {
            return Err(JsError::new(&format!(
                "extend: first and trials must be integers, and a run at most {MAX_TRIALS} trials in all"
            )));
        }
        self.next = first as u64;
        self.end = self.next + trials as u64;
        Ok(())
    }

    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.next >= self.end
    }

    #[wasm_bindgen(getter)]
    pub fn trials(&self) -> u32 {
        self.options.trials
    }

    /// Trials run so far, over every range.
    #[wasm_bindgen(getter)]
    pub fn ran(&self) -> u32 {
        self.ran as u32
    }

    /// The trials run so far, as bytes for `absorb` in another worker.
    pub fn state(&self) -> Vec<u8> {
        self.acc.to_bytes()
    }

    /// Adds another share of the same run (the `state()` of a `Run` of the same scenario,
    /// seed and bins).
    pub fn absorb(&mut self, state: &[u8]) -> Result<(), JsError> {
        self.acc.merge_bytes(state).map_err(|e| JsError::new(&e))
    }

    pub fn summary(&self) -> Result<JsValue, JsError> {
        summary_to_js(Summary::new(&self.model, self.options, &self.acc))
    }
}
