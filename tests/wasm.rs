//! The WebAssembly API, run by `wasm-pack test --node` and (with WASM_BINDGEN_USE_BROWSER=1)
//! `wasm-pack test --headless --chrome`: the results decode back into the core's types and
//! equal the native command's output byte for byte.
#![cfg(target_arch = "wasm32")]

use compute_shock::run::LIMITS;
use compute_shock::summary::Summary;
use compute_shock::wasm::{Run, limits, simulate, validate};
use compute_shock::{Model, Scenario, presets};
use js_sys::{Array, Float64Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js<T: Serialize>(value: &T) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

fn options(trials: f64, seed: f64) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"trials".into(), &trials.into()).unwrap();
    Reflect::set(&o, &"seed".into(), &seed.into()).unwrap();
    o.into()
}

/// The summary object back as the core's type, with the typed-array bands as plain arrays.
fn decode(summary: JsValue) -> Summary {
    let plain = Object::assign(&Object::new(), summary.unchecked_ref());
    let bands = Reflect::get(&summary, &"bands".into()).unwrap();
    let arrays = Object::new();
    for name in ["p5", "p25", "p50", "p75", "p95", "mean", "below_requirement"] {
        let typed: Float64Array =
            Reflect::get(&bands, &name.into()).unwrap().dyn_into().expect("bands are Float64Arrays");
        Reflect::set(&arrays, &name.into(), &Array::from(&typed)).unwrap();
    }
    Reflect::set(&plain, &"bands".into(), &arrays).unwrap();
    serde_wasm_bindgen::from_value(plain.into()).unwrap()
}

/// The message of a thrown error, checking it is an `Error` whose `field` and `reason` make
/// up its message.
fn message(v: JsValue) -> String {
    assert!(v.is_instance_of::<js_sys::Error>());
    let text = |key: &str| Reflect::get(&v, &key.into()).unwrap().as_string().unwrap_or_else(|| panic!("no {key}"));
    let message = text("message");
    assert_eq!(message, format!("{}: {}", text("field"), text("reason")));
    message
}

/// The `field` of a thrown error.
fn field(v: JsValue) -> String {
    Reflect::get(&v, &"field".into()).unwrap().as_string().unwrap()
}

const GOLDEN: [(&str, f64, f64, &str); 2] = [
    ("ceo-worst-case", 1000.0, 7.0, include_str!("golden/ceo-worst-case-1000-seed7.json")),
    ("two-track", 300.0, 12345.0, include_str!("golden/two-track-300-seed12345.json")),
];

/// Fails with where `got` first differs from `want` (a summary is tens of kilobytes: the whole
/// of both would bury the difference), and what `again` (the same run by `simulate`) gives
/// then: `got` again (the same wrong bytes), `want` (the run is not repeatable in this engine,
/// or only the path that failed is wrong), or other bytes.
fn same_bytes(label: &str, got: &str, want: &str, again: impl Fn() -> String) {
    if got == want {
        return;
    }
    let at = got.bytes().zip(want.bytes()).take_while(|(a, b)| a == b).count();
    // Eighty bytes either side (the summary is one line of ASCII JSON; a name may not be).
    let near =
        |s: &str| String::from_utf8_lossy(&s.as_bytes()[at.saturating_sub(80)..(at + 80).min(s.len())]).into_owned();
    let second = again();
    let repeat = if second == got {
        "simulate, run again, gave the same bytes"
    } else if second == want {
        "simulate, run again, gave the expected bytes"
    } else {
        "simulate, run again, gave other bytes"
    };
    panic!(
        "{label}: differs at byte {at} ({} against {} bytes); {repeat}\n got: …{}…\nwant: …{}…",
        got.len(),
        want.len(),
        near(got),
        near(want)
    );
}

/// `GOLDEN[i]`'s run by `simulate`, as the command prints it.
fn golden_run(i: usize) -> String {
    let (id, trials, seed, _) = GOLDEN[i];
    let scenario = presets::find(id).unwrap().scenario;
    decode(simulate(js(&scenario), options(trials, seed)).unwrap()).to_json() + "\n"
}

#[wasm_bindgen_test]
fn simulate_equals_the_native_command_byte_for_byte() {
    for (i, (id, .., golden)) in GOLDEN.iter().enumerate() {
        same_bytes(id, &golden_run(i), golden, || golden_run(i));
    }
}

#[wasm_bindgen_test]
fn a_run_in_steps_equals_simulate() {
    let (id, trials, seed, golden) = GOLDEN[0];
    let mut run = Run::new(js(&presets::find(id).unwrap().scenario), options(trials, seed)).unwrap();
    // Each step runs the trials asked for, or what is left: never more, never none.
    let mut ran = 0;
    while !run.done() {
        let now = run.step(333);
        assert_eq!(now, (ran + 333).min(trials as u32));
        assert_eq!(run.ran(), now);
        ran = now;
    }
    assert_eq!(ran, trials as u32);
    assert_eq!(run.step(333), ran, "a finished run runs nothing more");
    same_bytes("steps", &(decode(run.summary().unwrap()).to_json() + "\n"), golden, || golden_run(0));
}

#[wasm_bindgen_test]
fn validate_with_options_checks_the_whole_run_against_the_ceiling() {
    // A run split in shares passes each share's check; the page checks the whole first.
    let scenario = js(&presets::find("two-track").unwrap().scenario);
    validate(scenario.clone(), options(10_000.0, 1.0)).unwrap();
    let e = validate(scenario.clone(), options(1_000_000.0, 1.0)).unwrap_err();
    assert_eq!(field(e.clone()), "trials");
    assert!(message(e).contains("allows at most"));
    assert_eq!(field(validate(scenario, options(0.5, 1.0)).unwrap_err()), "trials");
}

#[wasm_bindgen_test]
fn a_huge_object_is_refused_before_it_is_read() {
    // A million sites: refused by their count before any is walked (it once took two minutes).
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    let sites = Array::new_with_length(1_000_000);
    sites.fill(&Object::new(), 0, 1_000_000);
    Reflect::set(&scenario, &"sites".into(), &sites).unwrap();
    let e = validate(scenario.clone(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(field(e.clone()), "sites");
    let reason = Reflect::get(&e, &"reason".into()).unwrap().as_string().unwrap();
    assert!(reason.contains("at most 100000 values"), "{reason}");
    // A text of two million characters: refused by its length before it is copied.
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    Reflect::set(&scenario, &"name".into(), &"x".repeat(2_000_000).into()).unwrap();
    assert_eq!(field(validate(scenario, JsValue::UNDEFINED).unwrap_err()), "name");
}

#[wasm_bindgen_test]
fn a_lone_surrogate_is_refused_as_the_command_refuses_it() {
    // "\ud800" in a name: JSON text cannot hold it, so the page must not run it either.
    let lone = js_sys::JsString::from_char_code1(0xD800);
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    Reflect::set(&scenario, &"name".into(), &lone).unwrap();
    let e = validate(scenario, JsValue::UNDEFINED).unwrap_err();
    assert_eq!(field(e.clone()), "name");
    assert!(Reflect::get(&e, &"reason".into()).unwrap().as_string().unwrap().contains("lone surrogate"));
    // A key holding one.
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    Reflect::set(&scenario, &lone, &1.into()).unwrap();
    assert_eq!(field(validate(scenario, JsValue::UNDEFINED).unwrap_err()), "scenario");
    // A real replacement character (U+FFFD) or a pair is text like any other.
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    Reflect::set(&scenario, &"name".into(), &"a \u{FFFD} b \u{1F600}".into()).unwrap();
    validate(scenario, JsValue::UNDEFINED).unwrap();
}

#[wasm_bindgen_test]
fn bad_input_throws_errors_naming_the_field() {
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    let sites: Array = Reflect::get(&scenario, &"sites".into()).unwrap().dyn_into().unwrap();
    let site = sites.get(0);

    Reflect::set(&site, &"gpus".into(), &(-5.0).into()).unwrap();
    assert_eq!(field(validate(scenario.clone(), JsValue::UNDEFINED).unwrap_err()), "sites[0].gpus");
    assert_eq!(
        message(simulate(scenario.clone(), JsValue::UNDEFINED).unwrap_err()),
        "sites[0].gpus: must be an integer from 0 to 10000000, got -5"
    );
    Reflect::set(&site, &"gpus".into(), &f64::NAN.into()).unwrap();
    assert_eq!(
        message(validate(scenario.clone(), JsValue::UNDEFINED).unwrap_err()),
        "sites[0].gpus: must be a finite number, got NaN"
    );
    Reflect::set(&site, &"gpus".into(), &"many".into()).unwrap();
    let m = message(validate(scenario.clone(), JsValue::UNDEFINED).unwrap_err());
    assert!(m.starts_with("sites[0].gpus: invalid type"), "{m}");
    Reflect::set(&site, &"gpus".into(), &15000.0.into()).unwrap();
    Reflect::set(&site, &"gpu".into(), &1.0.into()).unwrap();
    let m = message(validate(scenario.clone(), JsValue::UNDEFINED).unwrap_err());
    assert!(m.starts_with("sites[0].gpu: unknown field"), "{m}");
    Reflect::delete_property(site.unchecked_ref::<Object>(), &"gpu".into()).unwrap();
    validate(scenario.clone(), JsValue::UNDEFINED).unwrap();

    assert!(
        message(simulate(scenario.clone(), options(0.0, 1.0)).unwrap_err()).starts_with("trials: must be an integer")
    );
    assert_eq!(field(simulate(scenario.clone(), options(0.0, 1.0)).unwrap_err()), "trials");
    // Chip names that are not identifiers are quoted, as the page writes the same paths.
    let chips = Object::new();
    let spec = Object::new();
    Reflect::set(&spec, &"bf16_tflops".into(), &(-1.0).into()).unwrap();
    Reflect::set(&chips, &"My chip".into(), &spec).unwrap();
    Reflect::set(&scenario, &"chips".into(), &chips).unwrap();
    assert_eq!(field(validate(scenario.clone(), JsValue::UNDEFINED).unwrap_err()), "chips[\"My chip\"].bf16_tflops");
    Reflect::delete_property(scenario.unchecked_ref::<Object>(), &"chips".into()).unwrap();
    assert!(message(simulate(scenario.clone(), options(10.0, -1.0)).unwrap_err()).starts_with("seed:"));
    assert!(message(simulate(JsValue::from_str("osaka"), JsValue::UNDEFINED).unwrap_err()).starts_with("scenario:"));
    assert!(message(simulate(JsValue::NULL, JsValue::UNDEFINED).unwrap_err()).starts_with("scenario:"));
}

/// What the command says of the object's JSON text (`"ok"` when it is valid).
fn via_text(scenario: &JsValue) -> String {
    let text = js_sys::JSON::stringify(scenario).unwrap().as_string().unwrap();
    match Scenario::from_json(&text).and_then(|s| Model::new(&s)) {
        Ok(_) => "ok".into(),
        Err(e) => e.to_string(),
    }
}

#[wasm_bindgen_test]
fn objects_are_read_as_the_command_reads_their_json() {
    let undefined = JsValue::UNDEFINED;
    let cases: [(&str, &str, JsValue); 14] = [
        ("name", "", 5.0.into()),
        ("name", "", 1.5.into()),
        ("name", "", true.into()),
        ("name", "", JsValue::NULL),
        ("name", "", undefined.clone()),
        ("horizon_days", "", (-3.0).into()),
        ("horizon_days", "", 1e21.into()),
        ("horizon_days", "", 18_446_744_073_709_551_616.0.into()),
        ("horizon_days", "", (-0.0).into()),
        ("name", "", 1_152_921_504_606_846_976.0.into()),
        ("name", "", (-9_223_372_036_854_775_808.0).into()),
        ("gpus", "site", 0.1.into()),
        ("outages", "site", Array::new().into()),
        ("sites", "", Array::of1(&undefined).into()),
    ];
    let mut said = Vec::new();
    for (key, target, value) in cases {
        let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
        let object = if target == "site" {
            Reflect::get(&scenario, &"sites".into()).unwrap().unchecked_into::<Array>().get(0)
        } else {
            scenario.clone()
        };
        Reflect::set(&object, &key.into(), &value).unwrap();
        let from_object = validate(scenario.clone(), JsValue::UNDEFINED).map_or_else(message, |()| "ok".into());
        assert_eq!(from_object, via_text(&scenario), "{key} = {value:?}");
        said.push(from_object);
    }
    // The cases are mostly errors, and JSON's integers and floats are told apart.
    assert_eq!(said.iter().filter(|m| *m == "ok").count(), 2, "{said:?}");
    assert_eq!(said[0], "name: invalid type: integer `5`, expected a string");
    assert_eq!(said[1], "name: invalid type: floating point `1.5`, expected a string");
    // Big whole numbers as JavaScript writes them; -2^63 is written past i64, so a float.
    assert_eq!(said[9], "name: invalid type: integer `1152921504606847000`, expected a string");
    assert!(said[10].starts_with("name: invalid type: floating point"), "{}", said[10]);
}

#[wasm_bindgen_test]
fn unknown_options_and_odd_values_are_named() {
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    let o = Object::new();
    Reflect::set(&o, &"trial".into(), &5.0.into()).unwrap();
    let e = simulate(scenario.clone(), o.into()).unwrap_err();
    assert_eq!(field(e.clone()), "options.trial");
    assert!(message(e).starts_with("options.trial: unknown option"));
    let sites: Array = Reflect::get(&scenario, &"sites".into()).unwrap().dyn_into().unwrap();
    Reflect::set(&sites.get(0), &"availability".into(), &f64::INFINITY.into()).unwrap();
    assert_eq!(
        message(validate(scenario.clone(), JsValue::UNDEFINED).unwrap_err()),
        "sites[0].availability: must be a finite number, got Infinity"
    );
    // A cycle cannot become JSON: an error, not a hang or a crash.
    Reflect::set(&sites.get(0), &"availability".into(), &0.9.into()).unwrap();
    Reflect::set(&sites.get(0), &"self".into(), &sites.get(0)).unwrap();
    assert!(message(validate(scenario, JsValue::UNDEFINED).unwrap_err()).contains("nested too deeply"));
}

#[wasm_bindgen_test]
fn fewer_bins_give_a_coarser_cheaper_run_of_the_same_futures() {
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    let o = options(1000.0, 7.0);
    Reflect::set(&o, &"bins".into(), &128.0.into()).unwrap();
    let coarse = decode(simulate(scenario.clone(), o.clone()).unwrap());
    let fine = decode(simulate(scenario.clone(), options(1000.0, 7.0)).unwrap());
    // A day's range, the most capacity a day can have, split into the bins asked for.
    let resolution = |bins: f64| (fine.max_capacity_b200e / bins * 1000.0).round() / 1000.0;
    assert!(fine.max_capacity_b200e > 0.0);
    assert_eq!(coarse.resolution_b200e, resolution(128.0));
    assert_eq!(fine.resolution_b200e, resolution(1024.0));
    // Same futures: every per-trial figure and the means agree exactly; daily percentiles
    // agree within the coarse resolution.
    assert_eq!(coarse.metrics, fine.metrics);
    assert_eq!(coarse.bands.mean, fine.bands.mean);
    for (a, b) in coarse.bands.p50.iter().zip(&fine.bands.p50) {
        assert!((a - b).abs() <= coarse.resolution_b200e, "{a} vs {b}");
    }
    Reflect::set(&o, &"bins".into(), &3.0.into()).unwrap();
    assert!(message(simulate(scenario, o.into()).unwrap_err()).starts_with("bins: must be an integer from 64 to 1024"));
}

#[wasm_bindgen_test]
fn a_run_split_in_shares_and_absorbed_equals_the_whole() {
    let (id, trials, seed, golden) = GOLDEN[1];
    let scenario = js(&presets::find(id).unwrap().scenario);
    let share = |first: f64, n: f64| {
        let o = options(n, seed);
        Reflect::set(&o, &"first".into(), &first.into()).unwrap();
        let mut run = Run::new(scenario.clone(), o.into()).unwrap();
        while !run.done() {
            run.step(64);
        }
        run
    };
    let mut main = share(0.0, 100.0);
    // A worker's bytes are made once its room for lines is freed (they need as much).
    let bytes = share(100.0, 150.0).state();
    assert_eq!(compute_shock::DayFeed::kept_room(), 0);
    main.absorb(&bytes).unwrap();
    main.absorb(&share(250.0, trials - 250.0).state()).unwrap();
    same_bytes("shares", &(decode(main.summary().unwrap()).to_json() + "\n"), golden, || golden_run(1));
    assert!(main.absorb(&[1, 2, 3]).is_err());

    // Shares taken in turn by two workers, out of order, each extending its own run.
    let mut workers = [share(200.0, 60.0), share(0.0, 90.0)];
    for (k, first, n) in [(0, 90.0, 40.0), (1, 130.0, 70.0), (0, 260.0, trials - 260.0)] {
        let run = &mut workers[k];
        assert!(run.extend(first, n).is_ok());
        while !run.done() {
            run.step(50);
        }
        // As the page's worker does after its last share (any time gives the same bytes).
        run.settle();
    }
    let [mut a, mut b] = workers;
    assert_eq!(a.step(1), 60 + 40 + (trials as u32 - 260));
    a.absorb(&b.state()).unwrap();
    same_bytes("workers", &(decode(a.summary().unwrap()).to_json() + "\n"), golden, || golden_run(1));
    // Only a finished run takes more, whole numbers, and not past the most trials a run may
    // have in all.
    let mut c = share(0.0, 10.0);
    assert!(c.extend(10.0, 1e6).is_err());
    assert!(c.extend(10.0, 0.5).is_err());
    let mut d = Run::new(scenario.clone(), options(10.0, seed)).unwrap();
    assert!(d.extend(10.0, 5.0).is_err());
}

#[wasm_bindgen_test]
fn limits_are_the_cores() {
    let got: serde_json::Value = serde_wasm_bindgen::from_value(limits().unwrap()).unwrap();
    // (JavaScript has one kind of number: 36500.0 crosses as 36500, so compare as numbers.)
    fn as_f64(v: serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
            serde_json::Value::Object(m) => m.into_iter().map(|(k, v)| (k, as_f64(v))).collect(),
            other => other,
        }
    }
    assert_eq!(as_f64(got.clone()), as_f64(serde_json::to_value(LIMITS).unwrap()));
    assert_eq!(got["scenario"]["horizon_days"]["default"], serde_json::json!(730));
    assert_eq!(got["seed"]["max"], serde_json::json!(9_007_199_254_740_991u64));
    // The defaults are what a run without options gets.
    let scenario = js(&presets::find("ceo-worst-case").unwrap().scenario);
    let summary = decode(simulate(scenario, JsValue::UNDEFINED).unwrap());
    assert_eq!((summary.trials, summary.seed), (LIMITS.trials.default, LIMITS.seed.default));
    assert_eq!((summary.trials, summary.seed), (10_000, 1), "the published defaults");
}

#[wasm_bindgen_test]
fn a_run_keeps_each_trials_figures_as_the_native_session_does() {
    // The page pairs two runs' trials (a comparison, a sensitivity bar's standard error):
    // the figures it gets are the native session's, number for number.
    let scenario = presets::find("ceo-worst-case").unwrap().scenario;
    let mut run = Run::new(js(&scenario), options(120.0, 4.0)).unwrap();
    run.keep_trials();
    run.step(50);
    run.step(100);
    let got = run.trial_figures().to_vec();
    let mut native = compute_shock::Session::new(
        Model::new(&scenario).unwrap(),
        compute_shock::RunOptions::new(120.0, 4.0).unwrap(),
    )
    .unwrap();
    native.keep_trials();
    native.finish();
    assert_eq!(got.len(), 120 * compute_shock::run::TRIAL_FIGURES);
    let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
    assert!(got.iter().zip(native.kept()).all(|(&a, &b)| same(a, b)));
    // The CEO's week: almost every run finishes exactly seven days late (an ordinary outage
    // inside or after the week moves a few).
    assert!(got.chunks(5).filter(|t| t[4] == 7.0).count() >= 110);
}
