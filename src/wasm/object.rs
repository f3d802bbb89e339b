//! A JS value as the JSON value the command's parser would make of its JSON text, walked
//! directly (no JSON text is written or parsed), so a scenario object is read by the same
//! checks as a file (`crate::read`).

use js_sys::{Array, Object, Reflect};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use crate::model::show;
use crate::read::{MAX_SCENARIO_BYTES, MAX_SCENARIO_VALUES};
use crate::scenario::{ScenarioError, member};

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

/// A JS string as Rust text, refusing a lone surrogate (half of a UTF-16 pair): JSON text
/// cannot hold one, so the command would refuse the scenario the page ran. (The conversion
/// puts U+FFFD in its place; only then is the string checked code unit by code unit. Its
/// UTF-8 bytes are looked for, not the character: `str::contains` would link a slicing
/// panic's formatting, 5 KB gzip, into the page's engine.)
fn text_of(s: &js_sys::JsString, path: &str) -> Result<String, ScenarioError> {
    let text = String::from(s);
    if text.as_bytes().windows(3).any(|w| w == [0xEF, 0xBF, 0xBD]) && !s.is_valid_utf16() {
        let at = if path.is_empty() { "scenario" } else { path };
        return Err(ScenarioError::new(at, "holds a lone surrogate (half of a UTF-16 pair): not valid Unicode text"));
    }
    Ok(text)
}

/// A JS value as the JSON value that `JSON.stringify` and the command's parser would make of
/// it, without going through text: `None` where JSON leaves a value out (`undefined`, a
/// function). Names the first non-finite number (JSON would turn it into `null`) and stops
/// at `MAX_DEPTH`, so a cycle is an error, not a hang; `budget` is how many more values may
/// be read (`read::MAX_SCENARIO_VALUES` for a whole scenario), checked before a list's items
/// or an object's keys are walked, so a huge object is refused at once. Objects are read by
/// their own keys:
/// `toJSON` methods (a `Date`) and boxed primitives (`new Number(5)`) are not unwrapped, so
/// they are rejected as objects where JSON text would have given a string or a number.
pub fn json_from_js(
    v: &JsValue,
    path: &mut String,
    depth: usize,
    budget: &mut usize,
) -> Result<Option<Value>, ScenarioError> {
    let here = |path: &str| if path.is_empty() { "scenario".to_string() } else { path.to_string() };
    if depth > MAX_DEPTH {
        return Err(ScenarioError::new(here(path), "is nested too deeply"));
    }
    // This value, and (for an object) its keys, from what may still be read.
    let too_much = |path: &str| {
        ScenarioError::new(
            here(path),
            format!("holds too much: a scenario may hold at most {MAX_SCENARIO_VALUES} values"),
        )
    };
    let spend = |n: usize, budget: &mut usize, path: &str| -> Result<(), ScenarioError> {
        if n > *budget {
            return Err(too_much(path));
        }
        *budget -= n;
        Ok(())
    };
    spend(1, budget, path)?;
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
    if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        // Measured before it is copied.
        if s.length() as usize > MAX_SCENARIO_BYTES {
            return Err(ScenarioError::new(here(path), format!("is a text over {MAX_SCENARIO_BYTES} characters")));
        }
        return Ok(Some(Value::String(text_of(s, path)?)));
    }
    if v.is_bigint() {
        return Err(ScenarioError::new(here(path), "must be a number, not a BigInt"));
    }
    if Array::is_array(v) {
        let list = Array::from(v);
        // (Each item is counted as it is read; a list too long for what is left is refused
        // before any is.)
        if list.length() as usize > *budget {
            return Err(too_much(path));
        }
        let mut items = Vec::new();
        for (i, item) in list.iter().enumerate() {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            items.push(json_from_js(&item, path, depth + 1, budget)?.unwrap_or(Value::Null));
            path.truncate(len);
        }
        return Ok(Some(Value::Array(items)));
    }
    let obj: &Object = v.unchecked_ref();
    let keys = Object::keys(obj);
    spend(keys.length() as usize, budget, path)?;
    let mut map = serde_json::Map::new();
    for key in keys.iter() {
        let name = match key.dyn_ref::<js_sys::JsString>() {
            Some(k) => text_of(k, path)?,
            None => String::new(),
        };
        let len = path.len();
        let inner = member(path, &name);
        path.clear();
        path.push_str(&inner);
        let item = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
        if let Some(value) = json_from_js(&item, path, depth + 1, budget)? {
            map.insert(name, value);
        }
        path.truncate(len);
    }
    Ok(Some(Value::Object(map)))
}
