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
use wasm_bindgen::prelude::*;

use crate::aggregate::{BINS, MIN_BINS};
use crate::model::{Model, RunOptions, show};
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

/// Names the first non-finite number in a JS value: JSON would turn it into `null`.
fn find_non_finite(v: &JsValue, path: &mut String, depth: usize) -> Result<(), ScenarioError> {
    if depth > MAX_DEPTH {
        return Err(ScenarioError::new(
            if path.is_empty() { "scenario" } else { path.as_str() },
            "is nested too deeply",
        ));
    }
    if let Some(x) = v.as_f64() {
        if !x.is_finite() {
            return Err(ScenarioError::new(path.as_str(), format!("must be a finite number, got {}", show(x))));
        }
    } else if Array::is_array(v) {
        for (i, item) in Array::from(v).iter().enumerate() {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            find_non_finite(&item, path, depth + 1)?;
            path.truncate(len);
        }
    } else if v.is_object() {
        let obj: &Object = v.unchecked_ref();
        for key in Object::keys(obj).iter() {
            let name = key.as_string().unwrap_or_default();
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&name);
            let item = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
            find_non_finite(&item, path, depth + 1)?;
            path.truncate(len);
        }
    }
    Ok(())
}

/// A scenario object, read through the same JSON parser as the command's files, so unknown
/// fields are rejected here too.
fn scenario_from_js(value: &JsValue) -> Result<Scenario, ScenarioError> {
    if !value.is_object() || Array::is_array(value) {
        return Err(ScenarioError::new("scenario", "must be an object such as { sites: [...] }"));
    }
    find_non_finite(value, &mut String::new(), 0)?;
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| ScenarioError::new("scenario", "cannot be read as JSON (does it hold a cycle or a BigInt?)"))?;
    Scenario::from_json_unlocated(&text)
}

/// `{ trials, seed, bins }`: `bins` (64 to 1024, default 1024) trades resolution for speed.
fn options(value: &JsValue) -> Result<(RunOptions, usize), JsError> {
    let (mut trials, mut seed, mut bins) = (10_000.0, 1.0, BINS as f64);
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
                _ => {
                    return Err(JsError::new(&format!(
                        "options.{name}: unknown option; expected `trials`, `seed` or `bins`"
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
    Ok((RunOptions::new(trials, seed).map_err(error)?, bins as usize))
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
    let (options, bins) = self::options(&options)?;
    options.check_work(&model).map_err(error)?;
    let mut acc = Accumulator::with_bins(&model, bins);
    add_trials(&model, options.seed, 0..u64::from(options.trials), &mut acc);
    summary_to_js(Summary::new(&model, options, &acc))
}

/// The built-in presets: `[{ id, name, summary, scenario, sources: [{ field, label, note, source }] }]`.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    to_js(&presets::all())
}

/// Checks a scenario without running it; throws an `Error` naming the field.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> Result<(), JsError> {
    model_of(&scenario).map(|_| ())
}

/// A run done in steps: `new Run(scenario, options)`, then `step(n)` until `done`, then
/// `summary()`. Gives the same result as `simulate` with the same arguments.
#[wasm_bindgen]
pub struct Run {
    model: Model,
    options: RunOptions,
    acc: Accumulator,
    next: u64,
}

#[wasm_bindgen]
impl Run {
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: JsValue, options: JsValue) -> Result<Run, JsError> {
        let model = model_of(&scenario)?;
        let (options, bins) = self::options(&options)?;
        options.check_work(&model).map_err(error)?;
        let acc = Accumulator::with_bins(&model, bins);
        Ok(Run { model, options, acc, next: 0 })
    }

    /// Runs up to `trials` more trials; returns how many have run in all.
    pub fn step(&mut self, trials: u32) -> u32 {
        let end = (self.next + u64::from(trials)).min(u64::from(self.options.trials));
        add_trials(&self.model, self.options.seed, self.next..end, &mut self.acc);
        self.next = end;
        end as u32
    }

    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.next >= u64::from(self.options.trials)
    }

    #[wasm_bindgen(getter)]
    pub fn trials(&self) -> u32 {
        self.options.trials
    }

    pub fn summary(&self) -> Result<JsValue, JsError> {
        summary_to_js(Summary::new(&self.model, self.options, &self.acc))
    }
}
