//! Bad input gets an error naming the field, never a panic: hand-written cases, then
//! generated ones (every leaf of every preset set to a bad value, unknown fields anywhere,
//! truncated documents, arbitrary text).
#![cfg(not(target_arch = "wasm32"))]

use compute_shock::run::{MAX_TRIALS, RunOptions};
use compute_shock::scenario::member;
use compute_shock::{Model, Scenario, ScenarioError, presets, run};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The default preset's scenario as a JSON value, to edit.
fn base() -> Value {
    serde_json::to_value(presets::find("tencent-datasection").unwrap().scenario).unwrap()
}

/// Parses and validates, as every front end does.
fn check(text: &str) -> Result<Model, ScenarioError> {
    Model::new(&Scenario::from_json(text)?)
}

fn error_of(v: &Value) -> ScenarioError {
    match check(&v.to_string()) {
        Ok(_) => panic!("accepted: {v}"),
        Err(e) => e,
    }
}

/// Edits `base()` at a JSON pointer and expects an error on `field` containing `words`.
fn expect(pointer: &str, value: Value, field: &str, words: &str) {
    let mut v = base();
    *v.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = value;
    let e = error_of(&v);
    assert_eq!(e.field, field, "{e}");
    assert!(e.message.contains(words), "{e}");
}

#[test]
fn numbers_out_of_range() {
    expect("/sites/1/gpus", json!(-5), "sites[1].gpus", "must be an integer from 0 to 10000000, got -5");
    expect("/sites/1/gpus", json!(1e300), "sites[1].gpus", "got 1e300");
    expect("/sites/1/gpus", json!(10.5), "sites[1].gpus", "integer");
    expect("/horizon_days", json!(0), "horizon_days", "from 1 to 3650");
    expect("/horizon_days", json!(100000), "horizon_days", "from 1 to 3650");
    expect("/shocks/0/comply_probability", json!(1.2), "shocks[0].comply_probability", "from 0 to 1");
    expect("/shocks/0/rate_per_year", json!(-0.1), "shocks[0].rate_per_year", "from 0 to 52");
    expect("/sites/0/outages/fraction", json!(2), "sites[0].outages.fraction", "from 0 to 1");
    expect("/training_run/mfu", json!(0), "training_run.mfu", "above 0");
    expect("/training_run/flop", json!(1e31), "training_run.flop", "1e30");
    expect("/training_run/start_day", json!(730), "training_run.start_day", "from 0 to 729");
    expect("/requirement_b200e", json!(-1), "requirement_b200e", "from 0");
}

#[test]
fn a_requirement_growth_that_cannot_be() {
    let growth = |g: Value| {
        let mut v = base();
        v["requirement_growth"] = g;
        error_of(&v)
    };
    for (g, field, words) in [
        (json!({ "doubling_days": 0 }), "requirement_growth.doubling_days", "from 7 to 1000000, got 0"),
        (json!({ "doubling_days": -180 }), "requirement_growth.doubling_days", "got -180"),
        (json!({ "doubling_days": "180" }), "requirement_growth.doubling_days", "a number"),
        (json!({ "step_days": 30 }), "requirement_growth.doubling_days", "is required"),
        (json!({ "doubling_days": 180, "step_days": 0 }), "requirement_growth.step_days", "from 1 to 730, got 0"),
        (json!({ "doubling_days": 180, "step_days": 7.5 }), "requirement_growth.step_days", "integer"),
        (
            json!({ "doubling_days": 180, "step_days": 1 }),
            "requirement_growth.step_days",
            "gives 730 steps over the horizon; at most 400",
        ),
        (json!({ "doubling_days": 7, "step_days": 7 }), "requirement_growth.doubling_days", "past 1e9 B200e by day"),
        (json!({ "doubling_days": 180, "rate": 1 }), "requirement_growth.rate", "unknown field"),
        (json!(180), "requirement_growth", "expected a map"),
    ] {
        let e = growth(g.clone());
        assert_eq!(e.field, field, "{g}: {e}");
        assert!(e.message.contains(words), "{g}: {e}");
    }
    let mut v = base();
    v["requirement_growth"] = json!({ "doubling_days": 180 });
    assert!(check(&v.to_string()).is_ok());
}

#[test]
fn a_re_let_share_that_cannot_be() {
    let with = |at: &str, value: Value, field: &str, words: &str| {
        let mut v = base();
        let (parent, key) = at.rsplit_once('/').unwrap();
        v.pointer_mut(parent).unwrap()[key] = value;
        let e = error_of(&v);
        assert_eq!(e.field, field, "{e}");
        assert!(e.message.contains(words), "{e}");
    };
    with("/shocks/0/relet_share", json!(1.2), "shocks[0].relet_share", "from 0 to 1, got 1.2");
    with("/shocks/0/relet_share", json!(-0.1), "shocks[0].relet_share", "got -0.1");
    with(
        "/operators/0/distress/relet_share",
        json!("half"),
        "operators[0].distress.relet_share",
        "a number or a distribution",
    );
    let gamma = json!({ "distribution": "gamma", "events": 1, "years": 3, "prior": "jeffreys" });
    with("/shocks/0/relet_share", gamma, "shocks[0].relet_share.distribution", "describes a rate");
    let wide = json!({ "distribution": "uniform", "low": 0.2, "high": 1.5 });
    with("/shocks/0/relet_share", wide, "shocks[0].relet_share.high", "from 0.2 to 1, got 1.5");
    // A freeze keeps its GPUs in use: nothing to re-let.
    let mut v = base();
    v["shocks"][0]["effect"] = json!("freeze");
    v["shocks"][0]["relet_share"] = json!(0.5);
    let e = error_of(&v);
    assert_eq!(e.field, "shocks[0].relet_share", "{e}");
    assert!(e.message.contains("halts only"), "{e}");
}

#[test]
fn a_fallback_that_cannot_be() {
    let fallback = |f: Value, sites: Option<Value>| {
        let mut v = base();
        v["training_run"]["fallback"] = f;
        if let Some(s) = sites {
            v["training_run"]["sites"] = s;
        }
        error_of(&v)
    };
    for (f, sites, field, words) in [
        (json!({ "sites": [] }), None, "training_run.fallback.sites", "at least one site"),
        (json!({ "sites": ["nowhere"] }), None, "training_run.fallback.sites[0]", "nowhere"),
        (json!({ "sites": ["osaka", "osaka"] }), None, "training_run.fallback.sites[1]", "twice"),
        (json!({ "sites": ["osaka"], "efficiency": 0 }), None, "training_run.fallback.efficiency", "above 0"),
        (json!({ "sites": ["osaka"], "efficiency": 1.5 }), None, "training_run.fallback.efficiency", "from 0 to 1"),
        (
            json!({ "sites": ["osaka"] }),
            Some(json!(["sydney", "osaka"])),
            "training_run.sites[1]",
            "also the run's fallback",
        ),
        (json!({ "sites": ["osaka"], "share": 1 }), None, "training_run.fallback.share", "unknown field"),
    ] {
        let e = fallback(f.clone(), sites);
        assert_eq!(e.field, field, "{f}: {e}");
        assert!(e.message.contains(words), "{f}: {e}");
    }
}

#[test]
fn dates_that_cannot_be() {
    let with = |edit: &dyn Fn(&mut Value), field: &str, words: &str| {
        let mut v = base();
        edit(&mut v);
        let e = error_of(&v);
        assert_eq!(e.field, field, "{e}");
        assert!(e.message.contains(words), "{e}");
    };
    // Sydney online on a date instead of a day.
    let online = |date: &'static str| {
        move |v: &mut Value| {
            v["sites"][1].as_object_mut().unwrap().remove("online_day");
            v["sites"][1]["online_date"] = json!(date);
        }
    };
    with(&online("2026-02-30"), "sites[1].online_date", "YYYY-MM-DD, got \"2026-02-30\"");
    with(&online("2000-01-01"), "sites[1].online_date", "within 3650 days of start_date");
    // (The preset gives Sydney's date; a day as well is one too many.)
    with(&|v| v["sites"][1]["online_day"] = json!(180), "sites[1].online_date", "not both");
    with(
        &|v| {
            v.as_object_mut().unwrap().remove("start_date");
            // (Sydney by its day, so that the shock's date is the first that needs one.)
            v["sites"][1].as_object_mut().unwrap().remove("online_date");
            v["sites"][1]["online_day"] = json!(180);
            v["shocks"][0]["scheduled_dates"] = json!(["2026-01-04"]);
        },
        "shocks[0].scheduled_dates[0]",
        "needs a start_date",
    );
    with(
        &|v| v["shocks"][0]["scheduled_dates"] = json!(["4 January 2026"]),
        "shocks[0].scheduled_dates[0]",
        "YYYY-MM-DD",
    );
    with(&|v| v["shocks"][0]["scheduled_dates"] = json!([20260104]), "shocks[0].scheduled_dates[0]", "a string");
    // Days and dates count together against the 64 a shock may have.
    with(
        &|v| {
            v["shocks"][0]["scheduled_days"] = json!((0..40).collect::<Vec<_>>());
            v["shocks"][0]["scheduled_dates"] = json!(vec!["2026-01-04"; 40]);
        },
        "shocks[0].scheduled_dates",
        "at most 64 entries, got 80",
    );
    // A date before day 0 is history, not an error.
    let mut v = base();
    v["shocks"][0]["scheduled_dates"] = json!(["2025-01-01", "2026-01-04"]);
    assert!(check(&v.to_string()).is_ok());
}

#[test]
fn uncertain_gpus_and_floor_that_cannot_be() {
    let gamma = json!({ "distribution": "gamma", "events": 1, "years": 3, "prior": "jeffreys" });
    expect("/sites/0/gpus", gamma.clone(), "sites[0].gpus.distribution", "describes a rate");
    expect("/requirement_b200e", gamma, "requirement_b200e.distribution", "describes a rate");
    let huge = json!({ "distribution": "uniform", "low": 1000, "high": 2e7 });
    expect("/sites/0/gpus", huge, "sites[0].gpus.high", "from 1000 to 10000000");
    let upside_down = json!({ "distribution": "triangular", "low": 9000, "mode": 5000, "high": 20000 });
    expect("/requirement_b200e", upside_down, "requirement_b200e.mode", "from 9000 to 1000000000, got 5000");
    expect("/sites/0/gpus", json!({ "distribution": "normal" }), "sites[0].gpus.distribution", "unknown variant");
}

#[test]
fn a_key_given_twice_is_refused_where_it_repeats() {
    let e = check(
        r#"{ "sites": [ { "id": "a", "gpus": 1, "gpus": 2, "jurisdiction": "JP", "route": "x", "chip": "B200" } ] }"#,
    )
    .unwrap_err();
    assert_eq!(e.field, "sites[0].gpus", "{e}");
    assert!(e.message.starts_with(r#"duplicate key "gpus" (at line 1, column "#), "{e}");
    let e = check("{ \"name\": \"a\",\n  \"sites\": [],\n  \"name\": \"b\" }").unwrap_err();
    assert_eq!((e.field.as_str(), e.message.as_str()), ("name", r#"duplicate key "name" (at line 3, column 8)"#));
    // The same key in two objects is no repeat.
    assert!(
        check(
            r#"{ "sites": [ { "id": "a", "jurisdiction": "JP", "route": "x", "chip": "B200", "gpus": 1 },
                                  { "id": "b", "jurisdiction": "JP", "route": "x", "chip": "B200", "gpus": 1 } ] }"#
        )
        .is_ok()
    );
}

#[test]
fn an_error_quotes_at_most_sixty_characters_of_what_it_was_given() {
    // A three-megabyte id: the message is one short line, with the text's length.
    let mut v = base();
    v["sites"][0]["id"] = json!("x".repeat(3_000_000));
    let e = error_of(&v);
    assert_eq!(e.field, "sites[0].id");
    assert!(e.message.len() < 300, "{} bytes", e.message.len());
    assert!(e.message.ends_with(&format!("\"{}…\" (3000000 characters)", "x".repeat(60))), "{}", &e.message[..200]);
    expect(
        "/shocks/0/effect",
        json!("y".repeat(100)),
        "shocks[0].effect",
        &format!("unknown variant \"{}…\" (100 characters)", "y".repeat(60)),
    );
    // Short texts are quoted whole, escaped as JSON escapes them.
    expect("/sites/0/jurisdiction", json!("j\"p"), "sites[0].jurisdiction", r#"got "j\"p""#);
}

#[test]
fn uncertain_inputs_with_impossible_parameters() {
    let rate = "/shocks/0/rate_per_year";
    let gamma = |events: Value, years: Value| json!({ "distribution": "gamma", "events": events, "years": years, "prior": "jeffreys" });
    expect(rate, gamma(json!(-1), json!(3)), "shocks[0].rate_per_year.events", "integer from 0 to 1000");
    expect(rate, gamma(json!(0.5), json!(3)), "shocks[0].rate_per_year.events", "integer");
    expect(rate, gamma(json!(0), json!(0)), "shocks[0].rate_per_year.years", "above 0");
    expect(rate, gamma(json!(0), json!("3")), "shocks[0].rate_per_year.years", "expected a number");
    expect(
        rate,
        json!({ "distribution": "gamma", "events": 0, "years": 3 }),
        "shocks[0].rate_per_year.prior",
        "required",
    );
    expect(
        rate,
        json!({ "distribution": "gamma", "events": 0, "years": 3, "prior": "haldane" }),
        "shocks[0].rate_per_year.prior",
        "`jeffreys` or `flat`",
    );
    expect(
        rate,
        json!({ "distribution": "uniform", "low": 0.6, "high": 0.2 }),
        "shocks[0].rate_per_year.high",
        "from 0.6 to 52, got 0.2",
    );
    expect(
        rate,
        json!({ "distribution": "uniform", "low": 0, "high": 60 }),
        "shocks[0].rate_per_year.high",
        "from 0 to 52",
    );
    expect(
        rate,
        json!({ "distribution": "triangular", "low": 0.1, "mode": 0.05, "high": 1 }),
        "shocks[0].rate_per_year.mode",
        "from 0.1 to 52, got 0.05",
    );
    expect(
        rate,
        json!({ "distribution": "log_uniform", "low": 0, "high": 1 }),
        "shocks[0].rate_per_year.low",
        "above 0 on a log scale",
    );
    expect(
        rate,
        json!({ "distribution": "normal", "mean": 1 }),
        "shocks[0].rate_per_year.distribution",
        "`gamma`, `uniform`, `triangular` or `log_uniform`",
    );
    expect(rate, json!({ "low": 0, "high": 1 }), "shocks[0].rate_per_year", "expected a number or a distribution");
    expect(
        rate,
        json!({ "distribution": "uniform", "low": 0, "high": 1, "mode": 0.5 }),
        "shocks[0].rate_per_year.mode",
        "unknown field",
    );
    expect(
        "/shocks/0/comply_probability",
        json!({ "distribution": "uniform", "low": 0.5, "high": 1.5 }),
        "shocks[0].comply_probability.high",
        "from 0.5 to 1, got 1.5",
    );
    expect(
        "/shocks/0/permanent_probability",
        gamma(json!(0), json!(3)),
        "shocks[0].permanent_probability.distribution",
        "describes a rate",
    );
}

#[test]
fn durations_must_be_lognormal() {
    expect("/shocks/0/duration_days/p90", json!(1), "shocks[0].duration_days.p90", "at least the median (7)");
    expect("/shocks/0/lag_days", json!({ "median": 0, "p90": 5 }), "shocks[0].lag_days.median", "above 0");
    expect("/shocks/0/lag_days", json!({ "median": 5 }), "shocks[0].lag_days.p90", "required");
}

#[test]
fn non_finite_numbers() {
    // JSON cannot spell NaN or Infinity; JavaScript callers can, so the check is on the values.
    let mut s = presets::find("tencent-datasection").unwrap().scenario;
    s.sites[0].gpus = f64::NAN.into();
    let e = Model::new(&s).unwrap_err();
    assert_eq!(e.to_string(), "sites[0].gpus: must be a finite number, got NaN");
    s.sites[0].gpus = 15000.0.into();
    s.shocks[1].rate_per_year = f64::INFINITY.into();
    assert_eq!(
        Model::new(&s).unwrap_err().to_string(),
        "shocks[1].rate_per_year: must be a finite number, got Infinity"
    );
    s.shocks[1].rate_per_year = 0.1.into();
    s.relocation.as_mut().unwrap().share = f64::NEG_INFINITY;
    assert_eq!(Model::new(&s).unwrap_err().field, "relocation.share");
    // A number too large for a double, written in JSON.
    let e = check(r#"{"sites":[{"id":"a","jurisdiction":"JP","route":"x","chip":"B200","gpus":1e999}]}"#).unwrap_err();
    assert_eq!(e.field, "sites[0].gpus");
}

#[test]
fn wrong_types() {
    expect("/sites/1/gpus", json!("15000"), "sites[1].gpus", "expected a number");
    expect("/sites", json!({}), "sites", "expected a sequence");
    expect("/shocks/0/effect", json!("stop"), "shocks[0].effect", "expected `halt` or `freeze`");
    let mut v = base();
    v["shocks"][0]["comply_by"] = json!("country");
    let e = error_of(&v);
    assert_eq!(e.field, "shocks[0].comply_by");
    assert!(e.message.contains("expected `site`, `operator`, `jurisdiction` or `all`"), "{e}");
    v["shocks"][0]["comply_by"] = json!("operator");
    v["shocks"][0]["scheduled_days"] = json!([10, 100000]);
    let e = error_of(&v);
    assert_eq!(e.field, "shocks[0].scheduled_days[1]");
    assert!(e.message.contains("from 0 to"), "{e}");
    v["shocks"][0]["scheduled_days"] = json!([10, "soon"]);
    assert_eq!(error_of(&v).field, "shocks[0].scheduled_days[1]");
    v["shocks"][0]["scheduled_days"] = json!([10]);
    v["requirement_b200e"] = json!([{ "day": 5, "b200e": 10 }]);
    assert_eq!(error_of(&v).field, "requirement_b200e[0].day");
    v["requirement_b200e"] = json!([{ "day": 0, "b200e": 10 }, { "day": 0, "b200e": 20 }]);
    let e = error_of(&v);
    assert_eq!(e.field, "requirement_b200e[1].day");
    assert!(e.message.contains("in order of day"), "{e}");
    v["requirement_b200e"] = json!([{ "day": 0, "b200e": -1 }]);
    assert_eq!(error_of(&v).field, "requirement_b200e[0].b200e");
    v["requirement_b200e"] = json!([{ "day": 0, "b200e": 5, "when": 1 }]);
    assert_eq!(error_of(&v).field, "requirement_b200e[0].when");
    v["requirement_b200e"] = json!([]);
    assert_eq!(error_of(&v).field, "requirement_b200e");
    v["requirement_b200e"] = json!(10000);
    v["shocks"][0]["scheduled_days"] = json!([10]);
    v["start_date"] = json!("2026-02-30");
    let e = error_of(&v);
    assert_eq!(e.field, "start_date");
    assert!(e.message.contains("YYYY-MM-DD"), "{e}");
    expect("/shocks/0/targets/routes", json!("offshore_rental"), "shocks[0].targets.routes", "expected a sequence");
    expect("/name", json!(5), "name", "expected a string");
    expect("/sites/0/id", json!(null), "sites[0].id", "expected a string");
    assert_eq!(error_of(&json!([1, 2])).field, "scenario");
    assert_eq!(check("").unwrap_err().field, "scenario");
}

#[test]
fn unknown_fields_are_named() {
    let mut v = base();
    v["sites"][1]["gpu"] = json!(5);
    let e = error_of(&v);
    assert_eq!(e.field, "sites[1].gpu");
    assert!(e.message.starts_with("unknown field"), "{e}");
    // The message lists what the object takes, each in backquotes.
    let mut v = base();
    v["requirement_growth"] = json!({ "doubling_days": 180, "rate": 1 });
    let e = error_of(&v);
    assert_eq!(e.message, "unknown field; expected one of `doubling_days`, `step_days`");
    let mut v = base();
    v["horizon"] = json!(730);
    assert_eq!(error_of(&v).field, "horizon");
    let mut v = base();
    v["shocks"][0]["targets"]["countries"] = json!(["JP"]);
    assert_eq!(error_of(&v).field, "shocks[0].targets.countries");
}

#[test]
fn ids_and_references() {
    expect("/sites/1/id", json!(""), "sites[1].id", "1 to 64 letters");
    expect("/sites/1/id", json!("osaka"), "sites[1].id", "duplicate id \"osaka\"");
    expect("/shocks/1/id", json!("us_cloud_rule"), "shocks[1].id", "duplicate");
    expect("/sites/0/id", json!("<script>"), "sites[0].id", "letters, digits");
    expect("/sites/0/operator", json!("nobody"), "sites[0].operator", "names no operator");
    expect("/sites/0/chip", json!("B2000"), "sites[0].chip", "unknown chip \"B2000\"");
    expect("/shocks/0/targets/chips/1", json!("B3000"), "shocks[0].targets.chips[1]", "unknown chip");
    expect("/shocks/0/targets/operators", json!(["nobody"]), "shocks[0].targets.operators[0]", "names no operator");
    expect("/sites/0/jurisdiction", json!("Japan"), "sites[0].jurisdiction", "two-letter");
    expect("/sites", json!([]), "sites", "at least one site");
    expect("/name", json!("   "), "name", "must not be empty");
    // The pools and the landing site name sites, each once.
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut v = base();
        edit(&mut v);
        error_of(&v)
    };
    let e = with(&|v| v["requirement_sites"] = json!(["osaka", "narnia"]));
    assert_eq!(
        (e.field.as_str(), e.message.as_str()),
        ("requirement_sites[1]", "names no site in \"sites\": \"narnia\"")
    );
    let e = with(&|v| v["requirement_sites"] = json!(["osaka", "osaka"]));
    assert_eq!((e.field.as_str(), e.message.as_str()), ("requirement_sites[1]", "names \"osaka\" twice"));
    let e = with(&|v| v["requirement_sites"] = json!("osaka"));
    assert_eq!(e.field, "requirement_sites");
    let e = with(&|v| v["training_run"]["sites"] = json!(["sydney", 3]));
    assert_eq!(e.field, "training_run.sites[1]");
    let e = with(&|v| v["relocation"]["to_site"] = json!("beijing"));
    assert_eq!(
        (e.field.as_str(), e.message.as_str()),
        ("relocation.to_site", "names no site in \"sites\": \"beijing\"")
    );
}

#[test]
fn sizes_are_capped() {
    let mut v = base();
    let site = v["sites"][0].clone();
    v["sites"] = Value::Array(
        (0..65)
            .map(|i| {
                let mut s = site.clone();
                s["id"] = json!(format!("s{i}"));
                s
            })
            .collect(),
    );
    let e = error_of(&v);
    assert_eq!(e.field, "sites");
    assert!(e.message.contains("at most 64"), "{e}");
}

#[test]
fn trials_and_seed() {
    assert_eq!(RunOptions::new(0.0, 1.0).unwrap_err().field, "trials");
    assert_eq!(RunOptions::new(f64::from(MAX_TRIALS) + 1.0, 1.0).unwrap_err().field, "trials");
    assert_eq!(RunOptions::new(10.5, 1.0).unwrap_err().field, "trials");
    assert_eq!(RunOptions::new(f64::NAN, 1.0).unwrap_err().field, "trials");
    assert_eq!(RunOptions::new(10.0, -1.0).unwrap_err().field, "seed");
    assert_eq!(RunOptions::new(10.0, 2f64.powi(60)).unwrap_err().field, "seed");
    assert!(RunOptions::new(10.0, 9_007_199_254_740_991.0).is_ok());
}

#[test]
fn work_is_capped_so_no_input_hangs() {
    // The heaviest shape the limits allow: long horizon, many sites, frequent events.
    let mut v = base();
    v["horizon_days"] = json!(3650);
    v["training_run"]["start_day"] = json!(0);
    let site = v["sites"][0].clone();
    v["sites"] = Value::Array(
        (0..64)
            .map(|i| {
                let mut s = site.clone();
                s["id"] = json!(format!("s{i}"));
                s["outages"]["rate_per_year"] = json!(365);
                s
            })
            .collect(),
    );
    let scenario = Scenario::from_json(&v.to_string()).unwrap();
    let e = run(&scenario, RunOptions::new(1_000_000.0, 1.0).unwrap()).unwrap_err();
    assert_eq!(e.field, "trials");
    assert!(e.message.contains("at most"), "{e}");
}

/// Every node of a JSON value with its path (in the error format) and JSON pointer.
fn walk(v: &Value, path: String, pointer: String, out: &mut Vec<(String, String, Value)>) {
    out.push((path.clone(), pointer.clone(), v.clone()));
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let p = member(&path, k);
                walk(x, p, format!("{pointer}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                walk(x, format!("{path}[{i}]"), format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn leaves(v: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    walk(v, String::new(), String::new(), &mut out);
    out.retain(|(_, _, x)| !x.is_object() && !x.is_array());
    out
}

fn objects(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(v, String::new(), String::new(), &mut out);
    out.into_iter().filter(|(_, _, x)| x.is_object()).map(|(p, q, _)| (p, q)).collect()
}

fn all_leaves() -> Vec<(String, String, Value)> {
    presets::all().into_iter().flat_map(|p| leaves(&serde_json::to_value(p.scenario).unwrap())).collect()
}

fn bad_value(for_number: bool) -> impl Strategy<Value = Value> {
    let wrong_type = prop_oneof![Just(json!(true)), Just(json!([])), Just(json!({})), Just(json!({"x": 1}))];
    if for_number {
        prop_oneof![
            Just(json!(-5)),
            (1e-9f64..1e12).prop_map(|x| json!(-x)),
            (1e31f64..1e300).prop_map(|x| json!(x)),
            Just(json!("12")),
            wrong_type,
        ]
        .boxed()
    } else {
        prop_oneof![Just(json!(5)), Just(json!(-1.5)), wrong_type].boxed()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Any leaf of any preset set to a wrong type, a negative or a huge number: the error
    /// names exactly that field.
    #[test]
    fn a_bad_leaf_is_named((leaf, value) in {
        let leaves = all_leaves();
        (0..leaves.len()).prop_flat_map(move |i| {
            let leaf = leaves[i].clone();
            let numeric = leaf.2.is_number();
            (Just(leaf), bad_value(numeric))
        })
    }) {
        let (path, pointer, _) = leaf;
        // Rebuild the preset this leaf came from: try each and keep the one with the path.
        for p in presets::all() {
            let mut v = serde_json::to_value(&p.scenario).unwrap();
            let Some(slot) = v.pointer_mut(&pointer) else { continue };
            *slot = value.clone();
            let e = check(&v.to_string());
            prop_assert!(e.is_err(), "{path} = {value} accepted");
            let e = e.unwrap_err();
            prop_assert_eq!(&e.field, &path, "{} = {} gave {}", path, value, e);
        }
    }

    /// An unknown key added to any object is named, with its path; a key the object does
    /// know (an optional field the preset leaves out) is skipped.
    #[test]
    fn an_unknown_field_is_named(index in 0usize..1000, key in "[a-z_]{1,12}") {
        let v = base();
        let objs = objects(&v);
        let (path, pointer) = objs[index % objs.len()].clone();
        let with = |key: &str| {
            let mut edited = v.clone();
            edited.pointer_mut(&pointer).unwrap().as_object_mut().unwrap().insert(key.to_string(), json!(1));
            check(&edited.to_string())
        };
        // What the object knows, from the error for a key no object has.
        let probe = with("zz_no_such_field").unwrap_err();
        prop_assert_eq!(&probe.field, &member(&path, "zz_no_such_field"));
        let known: Vec<&str> = probe.message.split('`').skip(1).step_by(2).collect();
        prop_assert!(!known.is_empty(), "{}", probe);
        prop_assume!(!known.contains(&key.as_str()));
        let e = with(&key);
        prop_assert!(e.is_err(), "accepted unknown {} at {}", key, path);
        let e = e.unwrap_err();
        prop_assert_eq!(&e.field, &member(&path, &key));
        prop_assert!(e.message.starts_with("unknown field; expected one of"), "{}", e);
    }

    /// Every truncation of a valid document is an error, not a panic.
    #[test]
    fn truncated_documents_are_errors(cut in 0usize..10_000) {
        let text = base().to_string();
        let cut = cut % text.len();
        prop_assert!(check(&text[..cut]).is_err());
    }

    /// A valid document with a few characters deleted, inserted or replaced (so the parser
    /// and the checks are reached, not just the first character) is read or rejected, never
    /// a panic: a rejection names a field that is there, or the place of a syntax error; a
    /// document that is read reads back the same after writing.
    #[test]
    fn near_valid_documents_are_read_or_named(edits in proptest::collection::vec((0usize..10_000, 0usize..6, 0usize..TOKENS.len()), 1..4)) {
        let mut text = base().to_string();
        for (at, cut, token) in edits {
            let at = at % text.len();
            let end = (at + cut).min(text.len());
            if text.is_char_boundary(at) && text.is_char_boundary(end) {
                text.replace_range(at..end, TOKENS[token]);
            }
        }
        match check(&text) {
            Ok(_) => {
                let scenario = Scenario::from_json(&text).unwrap();
                let again = Scenario::from_json(&serde_json::to_string(&scenario).unwrap()).unwrap();
                prop_assert_eq!(again, scenario);
            }
            Err(e) => {
                prop_assert!(!e.field.is_empty() && !e.message.is_empty(), "{}", e);
                match serde_json::from_str::<Value>(&text) {
                    // Not JSON: the error says where.
                    Err(_) => prop_assert!(e.field == "scenario" || e.message.contains("(at line 1, column "), "{}", e),
                    // JSON: the field is in the document, or (if required) the object it is
                    // missing from is.
                    Ok(doc) if e.message == "is required" => prop_assert!(
                        resolve(&doc, &e.field).is_none() && resolve(&doc, parent(&e.field)).is_some(),
                        "{} in {}", e, text
                    ),
                    Ok(doc) => prop_assert!(
                        e.field == "scenario" || resolve(&doc, &e.field).is_some(),
                        "{} names nothing in {}", e, text
                    ),
                }
            }
        }
    }
}

/// What near-valid documents are edited with: JSON's own tokens and values of each type.
const TOKENS: [&str; 16] =
    ["", "0", "-1", "1e400", "0.5", "\"x\"", "null", "true", "[]", "{}", ",", ":", "\"", "}", "]", "{\"zz\": 1}"];

/// The path without its last member (`sites[0].gpus` → `sites[0]`).
fn parent(path: &str) -> &str {
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    &path[..cut]
}

/// The value at a path in the error syntax (`a.b[0]["c d"]`), if the document has it.
fn resolve<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    let mut node = doc;
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[\"") {
            let end = r.find("\"]")?;
            node = node.get(&r[..end])?;
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            node = node.get(r[..end].parse::<usize>().ok()?)?;
            rest = &r[end + 1..];
        } else {
            let r = rest.strip_prefix('.').unwrap_or(rest);
            let end = r.find(['.', '[']).unwrap_or(r.len());
            node = node.get(&r[..end])?;
            rest = &r[end..];
        }
    }
    Some(node)
}

#[test]
fn a_shock_of_an_unknown_kind_is_named() {
    let json = r#"{ "sites": [ { "id": "s", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200", "gpus": 10 } ],
        "shocks": [ { "id": "k", "kind": "coup", "rate_per_year": 1, "effect": "halt", "duration_days": { "median": 1, "p90": 2 } } ] }"#;
    let e = compute_shock::Scenario::from_json(json).unwrap_err().to_string();
    assert!(e.contains("shocks[0].kind") && e.contains("`rule`, `crackdown`, `halt` or `outage`"), "{e}");
    let ok = json.replace("coup", "crackdown");
    assert!(compute_shock::Scenario::from_json(&ok).is_ok());
}
