//! Paired runs: comparisons and the sensitivity tornado, checked against separate runs.
#![cfg(not(target_arch = "wasm32"))]

use compute_shock::paired::{METRICS, compare, sensitivity};
use compute_shock::presets::{self, Label, Source};
use compute_shock::scenario::{member, resolve};
use compute_shock::{RunOptions, Scenario, run};

fn options(trials: f64, seed: f64) -> RunOptions {
    RunOptions::new(trials, seed).unwrap()
}

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    for p in presets::all() {
        let c = compare(&p.scenario, &p.scenario, options(500.0, 3.0)).unwrap();
        for stat in [
            &c.differences.final_capacity_b200e,
            &c.differences.delivered_b200e_days,
            &c.differences.shortfall_days,
            &c.differences.longest_shortfall_days,
        ] {
            assert_eq!(stat.n, 500, "{}", p.id);
            assert_eq!(
                (stat.mean, stat.p5, stat.p50, stat.p95),
                (Some(0.0), Some(0.0), Some(0.0), Some(0.0)),
                "{}",
                p.id
            );
        }
        for q in &c.probabilities {
            assert_eq!((q.difference, q.standard_error), (0.0, 0.0), "{} {}", p.id, q.name);
            assert_eq!(q.a, q.b);
        }
    }
}

#[test]
fn a_comparison_reports_each_side_as_its_own_run_does() {
    // The US rule switched off against the preset: each side's probabilities are its own
    // run's, and the change can only help (the same futures, minus the shocks).
    let a = presets::find("tencent-datasection").unwrap().scenario;
    let mut b = a.clone();
    b.shocks[0].rate_per_year = 0.0.into();
    let o = options(2000.0, 5.0);
    let c = compare(&a, &b, o).unwrap();
    let (ra, rb) = (run(&a, o).unwrap(), run(&b, o).unwrap());
    let week = c.probabilities.iter().find(|q| q.name == "shortfall_7_days").unwrap();
    assert_eq!((week.a, week.b), (ra.probabilities.shortfall_7_days, rb.probabilities.shortfall_7_days));
    assert!(week.difference < 0.0 && week.standard_error > 0.0);
    // Paired, the difference is known far better than two independent runs would know it.
    let independent = ((week.a * (1.0 - week.a) + week.b * (1.0 - week.b)) / 2000.0).sqrt();
    assert!(week.standard_error < independent, "{} vs {independent}", week.standard_error);
    assert!(c.differences.final_capacity_b200e.p5.unwrap() >= 0.0, "no future loses capacity when a shock is removed");
    assert!(c.differences.shortfall_days.p95.unwrap() <= 0.0);
}

#[test]
fn comparing_two_horizons_names_the_field() {
    let a = presets::find("tencent-datasection").unwrap().scenario;
    let b = presets::find("ceo-worst-case").unwrap().scenario;
    let e = compare(&a, &b, options(10.0, 1.0)).unwrap_err();
    assert_eq!(e.field, "horizon_days");
}

#[test]
fn each_sensitivity_value_is_what_a_separate_run_gives() {
    let p = presets::find("two-track").unwrap();
    let o = options(400.0, 9.0);
    let json = serde_json::to_value(&p.scenario).unwrap();
    for metric in METRICS {
        let s = sensitivity(&p.scenario, &p.sources, metric, o).unwrap();
        assert!(s.rows.len() >= 10, "{metric}: {} rows", s.rows.len());
        let base = run(&p.scenario, o).unwrap();
        assert_eq!(s.baseline, serde_json::to_value(&base.probabilities).unwrap()[metric].as_f64().unwrap());
        // Sorted by the size of the swing.
        assert!(s.rows.windows(2).all(|w| w[0].swing.abs() >= w[1].swing.abs()));
        if metric != "shortfall_7_days" {
            continue;
        }
        for row in &s.rows {
            // A sourced number spans its source's range; a drawn figure (the register's
            // rates) its 10th to 90th percentile.
            let source = p.sources.iter().find(|x| x.field == row.field).unwrap();
            let pointer = format!("/{}", row.field.replace(['.', '['], "/").replace(']', ""));
            if json.pointer(&pointer).unwrap().is_number() {
                assert_eq!([row.low, row.high], source.range.unwrap());
            } else {
                assert!(0.0 < row.low && row.low < row.high, "{row:?}");
            }
            for (x, got) in [(row.low, row.metric_at_low), (row.high, row.metric_at_high)] {
                let mut v = json.clone();
                if let Some(parent) = row.field.strip_suffix(".median") {
                    let d = resolve(&v, parent).unwrap().clone();
                    let (m, q) = (d["median"].as_f64().unwrap(), d["p90"].as_f64().unwrap());
                    let parent_path = format!("/{}", parent.replace(['.', '['], "/").replace(']', ""));
                    v.pointer_mut(&parent_path).unwrap()["p90"] =
                        serde_json::json!(if m > 0.0 { q * x / m } else { x });
                }
                let pointer = format!("/{}", row.field.replace(['.', '['], "/").replace(']', ""));
                *v.pointer_mut(&pointer).unwrap() = serde_json::json!(x);
                let separate = run(&Scenario::from_json(&v.to_string()).unwrap(), o).unwrap();
                assert_eq!(got, separate.probabilities.shortfall_7_days, "{} = {x}", row.field);
            }
            assert!(row.standard_error >= 0.0);
        }
    }
}

#[test]
fn the_dominant_figure_comes_first() {
    // One site, one shock: its rate from 0 to 5 a year decides almost everything; the
    // outages' fraction between 0.9 and 1 barely matters.
    let scenario = Scenario::from_json(
        r#"{ "horizon_days": 365, "requirement_b200e": 500,
             "sites": [ { "id": "s", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200", "gpus": 1000,
                          "outages": { "rate_per_year": 1, "duration_days": { "median": 1, "p90": 2 }, "fraction": 0.95 } } ],
             "shocks": [ { "id": "k", "rate_per_year": 1, "effect": "halt", "duration_days": { "median": 10, "p90": 30 } } ] }"#,
    )
    .unwrap();
    let source = |field: &str, range: [f64; 2]| Source {
        field: field.into(),
        label: Label::Assumed,
        note: "test".into(),
        source: None,
        range: Some(range),
        derivation: None,
    };
    let sources = [source("sites[0].outages.fraction", [0.9, 1.0]), source("shocks[0].rate_per_year", [0.0, 5.0])];
    let s = sensitivity(&scenario, &sources, "shortfall_7_days", options(2000.0, 4.0)).unwrap();
    assert_eq!(s.rows[0].field, "shocks[0].rate_per_year");
    // At rate 0 only the outages remain: about one a year of about a day, so a week short
    // needs five or more in the year (Poisson(1): 0.4%) or a rare long one; expect about
    // 0.1-0.2%, and 2,000 trials give a standard error near 0.1%.
    assert!(s.rows[0].metric_at_low < 0.01, "{:?}", s.rows[0]);
    assert!(s.rows[0].swing > 0.9 && !s.rows[0].within_noise, "{:?}", s.rows[0]);
    assert!(s.rows[1].swing.abs() < 0.05);
}

#[test]
fn bad_sensitivity_requests_name_the_field() {
    let p = presets::find("ceo-worst-case").unwrap();
    let o = options(10.0, 1.0);
    let e = sensitivity(&p.scenario, &p.sources, "median_delay", o).unwrap_err();
    assert_eq!(e.field, "metric");
    assert!(e.message.contains("shortfall_7_days"), "{e}");
    let e = sensitivity(&p.scenario, &[], "shortfall_7_days", o).unwrap_err();
    assert_eq!(e.field, "sources");
    // A range that makes the scenario invalid names the figure.
    let mut bad = p.sources.clone();
    bad.retain(|s| s.range.is_some());
    let field = member("sites[0]", "gpus");
    bad.push(Source {
        field: field.clone(),
        label: Label::Assumed,
        note: "n".into(),
        source: None,
        range: Some([-5.0, 10.0]),
        derivation: None,
    });
    let e = sensitivity(&p.scenario, &bad, "shortfall_7_days", o).unwrap_err();
    assert_eq!(e.field, field);
}

#[test]
fn the_training_delay_is_the_comparison_with_the_shocks_taken_out() {
    // Distress that often overlaps the policy halts: the delay each trial reports must be
    // the paired difference against the same scenario without policy shocks, as `compare`
    // measures it, whatever the overlaps.
    let with = Scenario::from_json(
        r#"{ "horizon_days": 200, "training_run": { "flop": 3e24, "mfu": 0.4, "start_day": 5 },
             "operators": [ { "id": "op", "distress": { "rate_per_year": 20, "duration_days": { "median": 3, "p90": 10 } } } ],
             "sites": [ { "id": "s", "jurisdiction": "JP", "operator": "op", "route": "offshore_rental", "chip": "B200", "gpus": 1000 } ],
             "shocks": [ { "id": "k", "rate_per_year": 6, "scheduled_days": [20], "effect": "halt",
                           "duration_days": { "median": 8, "p90": 20 } } ] }"#,
    )
    .unwrap();
    let mut without = with.clone();
    without.shocks.clear();
    let o = options(3000.0, 2.0);
    let summary = run(&with, o).unwrap();
    let c = compare(&without, &with, o).unwrap();
    let delay = &summary.metrics.training_delay_days;
    let diff = &c.differences.days_to_train;
    assert_eq!(delay.stat.n, diff.n, "the same futures finish in both");
    assert_eq!((delay.stat.p50, delay.stat.p90), (diff.p50, diff.p90));
    assert!((delay.stat.mean.unwrap() - diff.mean.unwrap()).abs() <= 2e-3, "{:?} vs {:?}", delay.stat.mean, diff.mean);
    let unfinished = c.probabilities.iter().find(|q| q.name == "training_unfinished").unwrap();
    assert_eq!(delay.p_status_quo_unfinished, unfinished.a);
    assert!(delay.stat.mean.unwrap() > 5.0, "the halts do delay it");
}

#[test]
fn a_swing_has_the_standard_error_of_its_own_metric() {
    // Each metric's standard error is the one compare gives for that probability between the
    // scenario at the two ends of the range.
    // (The US rule at a number, so that its source's range is the row's; the preset draws it.)
    let p = presets::find("tencent-datasection").unwrap();
    let o = options(600.0, 3.0);
    let field = "shocks[0].rate_per_year";
    let source = p.sources.iter().find(|s| s.field == field).unwrap().clone();
    let [low, high] = source.range.unwrap();
    let at = |x: f64| {
        let mut s = p.scenario.clone();
        s.shocks[0].rate_per_year = x.into();
        s
    };
    let c = compare(&at(low), &at(high), o).unwrap();
    for metric in METRICS {
        let s = sensitivity(&at(0.6), std::slice::from_ref(&source), metric, o).unwrap();
        let row = s.rows.iter().find(|r| r.field == field).unwrap();
        let q = c.probabilities.iter().find(|q| q.name == metric).unwrap();
        assert_eq!(row.standard_error, q.standard_error, "{metric}");
        assert_eq!(row.swing, q.difference, "{metric}");
    }
}

#[test]
fn kept_trial_figures_give_the_paired_differences_compare_reports() {
    // Two sessions of the same seed, each keeping its trials' figures: counting the trials
    // where only one side has a week's shortfall gives compare's difference and standard
    // error, so a page holding the figures can draw the same tornado and comparison.
    use compute_shock::{Model, Session, run::TRIAL_FIGURES};
    let p = presets::find("tencent-datasection").unwrap();
    let o = options(800.0, 5.0);
    let at = |x: f64| {
        let mut s = p.scenario.clone();
        s.shocks[0].rate_per_year = x.into();
        s
    };
    let kept = |s: &Scenario| {
        let mut session = Session::new(Model::new(s).unwrap(), o).unwrap();
        session.keep_trials();
        session.step(300);
        session.finish();
        (session.kept().to_vec(), session.summary())
    };
    let ((a, sa), (b, sb)) = (kept(&at(0.0)), kept(&at(0.91)));
    assert_eq!((a.len(), b.len()), (800 * TRIAL_FIGURES, 800 * TRIAL_FIGURES));
    let week = |f: &[f64]| f[2] >= 7.0;
    let (mut a_only, mut b_only, mut in_b) = (0.0, 0.0, 0.0);
    for (x, y) in a.chunks(TRIAL_FIGURES).zip(b.chunks(TRIAL_FIGURES)) {
        a_only += f64::from(u8::from(week(x) && !week(y)));
        b_only += f64::from(u8::from(week(y) && !week(x)));
        in_b += f64::from(u8::from(week(y)));
        // Final capacity and shortfall days are the summary's per-trial inputs.
        assert!(x[0] >= 0.0 && x[1] >= x[2]);
    }
    assert_eq!(in_b / 800.0, sb.probabilities.shortfall_7_days);
    let c = compare(&at(0.0), &at(0.91), o).unwrap();
    let q = c.probabilities.iter().find(|q| q.name == "shortfall_7_days").unwrap();
    let (n, mean) = (800.0, (b_only - a_only) / 800.0);
    let variance = ((b_only + a_only) / n - mean * mean) * n / (n - 1.0);
    assert!((q.difference - (sb.probabilities.shortfall_7_days - sa.probabilities.shortfall_7_days)).abs() < 1e-9);
    assert!(
        (q.standard_error - (variance / n).sqrt()).abs() < 1e-6,
        "{} against {}",
        q.standard_error,
        (variance / n).sqrt()
    );
    // With relocation off, shocks only take capacity away: no delay is negative.
    assert!(a.iter().chain(&b).skip(4).step_by(TRIAL_FIGURES).all(|&d| d.is_nan() || d >= 0.0));
}

#[test]
fn every_run_of_a_sensitivity_or_comparison_counts_against_one_ceiling() {
    // The default preset at a million trials: its own run is within the ceiling, but its
    // tornado's runs together (a horizon up to three years among them) are not: refused at
    // once, before any runs, naming the trials and how many runs there were.
    let p = presets::find("tencent-datasection").unwrap();
    assert!(options(1_000_000.0, 1.0).check_work(&compute_shock::Model::new(&p.scenario).unwrap()).is_ok());
    let e = sensitivity(&p.scenario, &p.sources, "shortfall_7_days", options(1_000_000.0, 1.0)).unwrap_err();
    assert_eq!(e.field, "trials");
    assert!(e.message.starts_with("this sensitivity ("), "{e}");
    assert!(e.message.contains("runs) allows at most"), "{e}");
    // Two thousand ranges: refused the same way, whatever the trials the base allows.
    let many: Vec<Source> = (0..2000)
        .map(|_| Source {
            field: "sites[0].gpus".into(),
            label: Label::Assumed,
            note: String::new(),
            source: None,
            range: Some([7500.0, 20000.0]),
            derivation: None,
        })
        .collect();
    let e = sensitivity(&p.scenario, &many, "shortfall_7_days", options(100_000.0, 1.0)).unwrap_err();
    // The base run, both ends of each range and of each drawn figure.
    let drawn = compute_shock::Model::new(&p.scenario).unwrap().uncertain.len();
    assert!(
        e.message.starts_with(&format!("this sensitivity ({} runs) allows at most", 1 + 2 * (2000 + drawn))),
        "{e}"
    );
    // A comparison counts both scenarios' runs.
    let mut ten = p.scenario.clone();
    ten.horizon_days = Some(3650.0);
    let e = compare(&ten, &ten, options(1_000_000.0, 1.0)).unwrap_err();
    assert!(e.message.starts_with("this comparison allows at most"), "{e}");
}
