//! The WebAssembly boundary: the only module that knows JavaScript. Each export decodes its
//! arguments, calls the core and encodes the result; the run logic is the core's
//! ([`crate::run`], [`Session`]).
//!
//! - `simulate(scenario, { trials, seed, bins, first })` → the summary as a plain object, with
//!   the daily bands as `Float64Array`s;
//! - `Run`: the same run in steps ([`Session`]), for progress reports, cancelling between
//!   steps, and splitting a run across workers;
//! - `validate(scenario, options?)` (with options, the run against the work ceiling) and `limits()` (every option's range and default); the presets are
//!   data beside the engine (`presets.json`, written by scripts/site.mjs), not in it;
//! - errors are thrown as JS `Error`s with `field` (the path, such as `sites[0].gpus`) and
//!   `reason` (the sentence) beside the usual `message` (`"field: reason"`);
//! - a panic hook that records the message, so the page can show it instead of dying.

mod object;

use std::cell::RefCell;

use js_sys::{Array, Float64Array, Object, Reflect};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::model::Model;
use crate::run::{LIMITS, RunOptions, Session};
use crate::scenario::{Scenario, ScenarioError};
use crate::summary::Summary;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        // The console gets where it happened (for a bug report); readers get what happened,
        // without the engine's source paths.
        web_sys::console::error_1(&JsValue::from_str(&format!("compute-shock: internal error: {info}")));
        // (A panic's message is a `&str` or a `String`; `payload_as_str` is newer than the
        // crate's rust-version.)
        let payload = info.payload();
        let text =
            payload.downcast_ref::<&str>().copied().or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        let message = text.unwrap_or("an internal error").to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
    }));
}

/// The message of the last panic, if the module has panicked (a bug): the page shows it.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// Panics on purpose, so tests can check that the page survives a bug in the engine. Only in
/// the test build (`--features test-hooks`), never in what readers download.
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTest)]
#[allow(clippy::panic)]
pub fn panic_for_test() {
    panic!("deliberate panic for testing the error screen");
}

/// An input error as a JS `Error` with `field` and `reason` properties.
fn error(e: ScenarioError) -> JsValue {
    let js = js_sys::Error::new(&e.to_string());
    let _ = Reflect::set(&js, &"field".into(), &e.field.as_str().into());
    let _ = Reflect::set(&js, &"reason".into(), &e.message.as_str().into());
    js.into()
}

/// A failure that is not the caller's: encoding a result the core made.
fn internal(what: &str) -> JsValue {
    js_sys::Error::new(&format!("internal error {what}")).into()
}

/// A scenario object, read by the same walk as the command's files (`crate::read`), so the
/// same fields are checked and unknown ones rejected.
fn scenario_from_js(value: &JsValue) -> Result<Scenario, ScenarioError> {
    if !value.is_object() || Array::is_array(value) {
        return Err(ScenarioError::new("scenario", "must be an object such as { sites: [...] }"));
    }
    let mut budget = crate::read::MAX_SCENARIO_VALUES;
    let json = object::json_from_js(value, &mut String::new(), 0, &mut budget)?.unwrap_or(Value::Null);
    crate::read::scenario(&json)
}

fn model_of(scenario: &JsValue) -> Result<Model, JsValue> {
    Model::new(&scenario_from_js(scenario).map_err(error)?).map_err(error)
}

/// `{ trials, seed, bins, first }`, each optional (see `limits()`): `bins` trades resolution
/// for speed; `first` starts the run at that trial, so workers can split a run.
fn options(value: &JsValue) -> Result<RunOptions, ScenarioError> {
    let d = RunOptions::default();
    let (mut trials, mut seed, mut bins, mut first) =
        (f64::from(d.trials), d.seed as f64, d.bins as f64, d.first as f64);
    if !value.is_undefined() && !value.is_null() {
        if !value.is_object() || Array::is_array(value) {
            return Err(ScenarioError::new("options", "must be an object such as { trials: 1000, seed: 1 }"));
        }
        let obj: &Object = value.unchecked_ref();
        for key in Object::keys(obj).iter() {
            let name = key.as_string().unwrap_or_default();
            let slot = match name.as_str() {
                "trials" => &mut trials,
                "seed" => &mut seed,
                "bins" => &mut bins,
                "first" => &mut first,
                _ => {
                    return Err(ScenarioError::new(
                        crate::scenario::member("options", &name),
                        "unknown option; expected `trials`, `seed`, `bins` or `first`",
                    ));
                }
            };
            let item = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
            if !item.is_undefined() {
                *slot = item.as_f64().ok_or_else(|| ScenarioError::new(name.as_str(), "must be a number"))?;
            }
        }
    }
    RunOptions::new(trials, seed)?.with_split(bins, first)
}

/// The value as a plain JS object, through JSON text and the engine's `JSON.parse`: the same
/// object, field for field, as a serializer building it with a JS call a field would make
/// (`Option::None` as `null`, every number a JS number), with the code the native command
/// already carries to write its JSON; doing it a field at a time took 2.4 KB gzip more of the
/// module (the size budget's measure).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|_| internal("encoding the result"))?;
    js_sys::JSON::parse(&text).map_err(|_| internal("encoding the result"))
}

/// The summary as a JS object; the bands cross as typed arrays, one copy each.
fn summary_to_js(mut summary: Summary) -> Result<JsValue, JsValue> {
    let bands = std::mem::take(&mut summary.bands);
    let obj = to_js(&summary)?;
    let js_bands = Object::new();
    for (name, values) in bands.named() {
        Reflect::set(&js_bands, &name.into(), &Float64Array::from(values.as_slice()))
            .map_err(|_| internal("setting bands"))?;
    }
    Reflect::set(&obj, &"bands".into(), &js_bands).map_err(|_| internal("setting bands"))?;
    Ok(obj)
}

// The types of what crosses this boundary (types/engine.d.ts, declared from the Rust types by
// tests/types.rs), in the package's TypeScript declarations.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../../types/engine.d.ts");

/// Runs a scenario: `simulate(scenario, options)` (options as in `limits()`).
#[wasm_bindgen(unchecked_return_type = "Summary")]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RunOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let scenario = scenario_from_js(&scenario).map_err(error)?;
    let options = self::options(&options).map_err(error)?;
    summary_to_js(crate::run(&scenario, options).map_err(error)?)
}

/// Every run option's range and default:
/// `{ trials: { min, max, default }, seed: { … }, bins: { … } }`.
#[wasm_bindgen(unchecked_return_type = "Limits")]
pub fn limits() -> Result<JsValue, JsValue> {
    to_js(&LIMITS)
}

/// Checks a scenario without running it, and with `options` a run of it (the work ceiling,
/// which a run split in shares must meet as a whole); throws an `Error` naming the field.
#[wasm_bindgen]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RunOptions | undefined")] options: JsValue,
) -> Result<(), JsValue> {
    let model = model_of(&scenario)?;
    if options.is_undefined() || options.is_null() {
        return Ok(());
    }
    self::options(&options).and_then(|o| o.check_work(&model)).map_err(error)
}

/// A run done in steps ([`Session`]): `new Run(scenario, options)`, then `step(n)` until
/// `done`, then `summary()`. Gives the same result as `simulate` with the same arguments.
/// To split a run across workers, give each a share (`first`, `trials`, and more with
/// `extend`), send each share's `state()` to one of them, and `absorb` it there.
#[wasm_bindgen]
pub struct Run(Session);

#[wasm_bindgen]
impl Run {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RunOptions | undefined")] options: JsValue,
    ) -> Result<Run, JsValue> {
        let model = model_of(&scenario)?;
        let options = self::options(&options).map_err(error)?;
        Session::new(model, options).map(Run).map_err(error)
    }

    /// Runs up to `trials` more trials; returns how many this run has run in all.
    pub fn step(&mut self, trials: u32) -> u32 {
        self.0.step(trials) as u32
    }

    /// Keeps each trial's own figures from now on (call before `step`): for paired
    /// differences between two runs of the same seed (a comparison, a sensitivity bar's
    /// standard error).
    #[wasm_bindgen(js_name = keepTrials)]
    pub fn keep_trials(&mut self) {
        self.0.keep_trials();
    }

    /// The kept figures, five per trial in the order run: final capacity, days below the
    /// requirement, the longest run of them, days to train (NaN: unfinished) and the
    /// training delay (Infinity: only the status quo finishes; NaN: neither does).
    #[wasm_bindgen(js_name = trialFigures)]
    pub fn trial_figures(&self) -> Float64Array {
        Float64Array::from(self.0.kept())
    }

    /// Gives a finished run another range of trials, `first` to `first + trials`.
    pub fn extend(&mut self, first: f64, trials: f64) -> Result<(), JsValue> {
        self.0.extend(first, trials).map_err(error)
    }

    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.0.done()
    }

    #[wasm_bindgen(getter)]
    pub fn trials(&self) -> u32 {
        self.0.options().trials
    }

    /// Trials run so far, over every range.
    #[wasm_bindgen(getter)]
    pub fn ran(&self) -> u32 {
        self.0.ran() as u32
    }

    /// Adds the days of the trials run so far to the run's tables, which `state()` and
    /// `summary()` do anyway: for a worker whose last trials are done to do it while it waits
    /// for the others. The result is the same whenever it is called. It also frees the room
    /// the worker keeps for its next run's lines (15 MB at full resolution): the
    /// bytes a split run's worker makes (`state()`) or takes in (`absorb`) need as much, so
    /// the last worker calls it before `absorb` (whose bytes are copied in before it runs).
    pub fn settle(&mut self) {
        self.0.settle();
        crate::DayFeed::free_room();
    }

    /// The trials run so far, as bytes for `absorb` in another worker (settled first, the
    /// room for lines freed before the bytes are made).
    pub fn state(&mut self) -> Vec<u8> {
        self.settle();
        self.0.state()
    }

    /// Adds another share of the same run (the `state()` of a `Run` of the same scenario,
    /// seed and bins).
    pub fn absorb(&mut self, state: &[u8]) -> Result<(), JsValue> {
        self.0.absorb(state).map_err(error)
    }

    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&mut self) -> Result<JsValue, JsValue> {
        summary_to_js(self.0.summary())
    }
}
