//! Closed-form checks: the simulation against the equations in docs/MODEL.md.
//!
//! Each statistical check accepts within `common::Z` Monte Carlo standard errors, computed
//! from the sample itself or from the binomial formula, never tuned by hand.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{Z, binomial_se, mean_and_se, model, paths};
use compute_shock::{Engine, RunOptions, Scenario, Scratch, run};

/// One site of 1,000 B200s, always available, plus whatever `extra` adds to it.
fn one_site(horizon: u32, site_extra: &str, rest: &str) -> String {
    format!(
        r#"{{ "horizon_days": {horizon},
             "sites": [ {{ "id": "s", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200",
                          "gpus": 1000 {site_extra} }} ] {rest} }}"#
    )
}

#[test]
fn chance_a_site_survives_a_year_of_poisson_shocks() {
    // Shocks arrive at r a year; each is complied with with probability c and permanent with
    // probability p. Permanent shutdowns are then a thinned Poisson process of rate r·c·p,
    // so the site survives the year with probability exp(-r·c·p).
    for (r, c, p) in [(0.8f64, 0.6, 1.0), (2.0, 0.5, 0.5), (0.3, 1.0, 1.0)] {
        let json = one_site(
            365,
            "",
            &format!(
                r#", "shocks": [ {{ "id": "k", "rate_per_year": {r}, "effect": "halt", "comply_probability": {c},
                                  "permanent_probability": {p}, "duration_days": {{ "median": 5, "p90": 20 }} }} ]"#
            ),
        );
        let scenario = Scenario::from_json(&json).unwrap();
        let trials = 20_000;
        let summary = run(&scenario, RunOptions::new(f64::from(trials), 11.0).unwrap()).unwrap();
        let expected = 1.0 - (-r * c * p).exp();
        let got = summary.sites[0].p_permanent_shutdown;
        let se = binomial_se(expected, f64::from(trials));
        assert!((got - expected).abs() < Z * se, "r={r} c={c} p={p}: P(shut) {got}, expected {expected} ± {}", Z * se);
    }
}

#[test]
fn share_of_days_up_under_merged_outages_of_fixed_length() {
    // Outages arrive at λ a day and last exactly d days; overlapping ones merge. A moment x
    // is up when no outage started in (x - d, x], so P(up at x) = exp(-λ·min(x, d)) (no
    // outages start before day 0). Averaged over the horizon H:
    //   (1/H)·[(1 - exp(-λd))/λ + (H - d)·exp(-λd)],
    // which tends to exp(-λd) for long horizons.
    let horizon = 730.0;
    for (rate_per_year, d, fraction) in [(36.5, 3.0, 1.0), (10.0, 0.5, 1.0), (73.0, 4.0, 0.4)] {
        let json = one_site(
            730,
            &format!(
                r#", "outages": {{ "rate_per_year": {rate_per_year}, "duration_days": {{ "median": {d}, "p90": {d} }}, "fraction": {fraction} }}"#
            ),
            "",
        );
        let m = model(&json);
        let lambda: f64 = rate_per_year / 365.0;
        let up_time = ((1.0 - (-lambda * d).exp()) / lambda + (horizon - d) * (-lambda * d).exp()) / horizon;
        // A partial outage takes `fraction` of the site while it lasts.
        let expected = 1.0 - fraction * (1.0 - up_time);

        let engine = Engine::new(&m, 5);
        let mut scratch = Scratch::new(&m);
        let shares: Vec<f64> = (0..4000)
            .map(|t| {
                engine.run_trial(t, &mut scratch);
                let (scheduled, up, _) = scratch.sites[0].days();
                up / scheduled
            })
            .collect();
        let (mean, se) = mean_and_se(&shares);
        assert!(
            (mean - expected).abs() < Z * se,
            "rate {rate_per_year}/yr, d {d}, fraction {fraction}: share up {mean}, expected {expected} ± {}",
            Z * se
        );
        // The capacity path agrees with the site's share up: 1,000 B200e while up.
        let cap: f64 = paths(&m, 5, 50).iter().flatten().sum::<f64>() / (50.0 * horizon * 1000.0);
        let share50: f64 = shares[..50].iter().sum::<f64>() / 50.0;
        assert!((cap - share50).abs() < 1e-9, "{cap} vs {share50}");
    }
}

#[test]
fn days_to_train_at_constant_capacity() {
    // FLOP / (B200e × 2.25e15 FLOP/s × MFU × 86,400 s): 3.8e25 on 15,000 B200 at 40% ≈ 32.58.
    let json = r#"{ "horizon_days": 400, "training_run": { "flop": 3.8e25, "mfu": 0.4, "start_day": 10 },
        "sites": [ { "id": "osaka", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200", "gpus": 15000 } ] }"#;
    let summary = run(&Scenario::from_json(json).unwrap(), RunOptions::new(100.0, 1.0).unwrap()).unwrap();
    let expected = 3.8e25 / (15_000.0 * 2.25e15 * 0.4 * 86_400.0);
    let t = &summary.metrics.days_to_train.stat;
    for q in [t.p5, t.p50, t.p95, t.mean] {
        assert!((q.unwrap() - expected).abs() < 5e-4, "{q:?} vs {expected}");
    }
    assert_eq!(summary.metrics.days_to_train.p_unfinished, 0.0);

    // Half the GPUs of H200s (989/2250 B200e each) take 2 × 2250/989 as long.
    let slower = json.replace(r#""chip": "B200", "gpus": 15000"#, r#""chip": "H200", "gpus": 7500"#);
    let summary = run(&Scenario::from_json(&slower).unwrap(), RunOptions::new(10.0, 1.0).unwrap()).unwrap();
    let expected_h200 = expected * 2.0 * 2250.0 / 989.0;
    let got = summary.metrics.days_to_train.stat.p50.unwrap();
    assert!((got - expected_h200).abs() < 5e-4, "{got} vs {expected_h200}");

    // Too little compute to finish: every trial unfinished.
    let tiny = json.replace("15000", "100");
    let summary = run(&Scenario::from_json(&tiny).unwrap(), RunOptions::new(10.0, 1.0).unwrap()).unwrap();
    assert_eq!(summary.probabilities.training_unfinished, 1.0);
    assert_eq!(summary.metrics.days_to_train.stat.p50, None);
}

#[test]
fn lognormal_delays_have_their_median_and_p90() {
    // With no ramp, the site is fully up on day t exactly when its delay is at most t days
    // (the day's capacity is its average, and the day ends at t + 1). So the share of trials
    // fully up on day 60 estimates P(delay ≤ median) = 0.5, and on day 180 P(delay ≤ p90) = 0.9.
    let json = one_site(400, r#", "online_delay_days": { "median": 60, "p90": 180 }"#, "");
    let m = model(&json);
    let n = 10_000;
    let runs = paths(&m, 3, n);
    for (day, p) in [(60, 0.5), (180, 0.9)] {
        let share = runs.iter().filter(|c| c[day] == 1000.0).count() as f64 / n as f64;
        let se = binomial_se(p, n as f64);
        assert!((share - p).abs() < Z * se, "day {day}: {share} vs {p} ± {}", Z * se);
    }
}

#[test]
fn daily_band_percentiles_match_the_trials_within_the_stated_resolution() {
    // The fan chart's percentiles come from fixed bins; check them against exact order
    // statistics of the same trials.
    let scenario = compute_shock::presets::find("southeast-asia").unwrap().scenario;
    let m = compute_shock::Model::new(&scenario).unwrap();
    let n = 2000;
    let summary = run(&scenario, RunOptions::new(n as f64, 4.0).unwrap()).unwrap();
    let runs = paths(&m, 4, n);
    // Within a bin of the binned values, which on a site's build days are within half a bin
    // of the trials' own (a line's days are binned from the middle of its intercept's bucket:
    // docs/MODEL.md, "Aggregation").
    let resolution = 1.5 * summary.resolution_b200e;
    for day in [0, 100, 400, 729] {
        let mut values: Vec<f64> = runs.iter().map(|c| c[day]).collect();
        values.sort_by(f64::total_cmp);
        for (q, band) in [(0.05, &summary.bands.p5), (0.5, &summary.bands.p50), (0.95, &summary.bands.p95)] {
            // Nearest rank ⌈q·n⌉, and its neighbour: the band may sit between them.
            let rank = ((q * n as f64).ceil() as usize).max(1);
            let (lo, hi) = (values[rank - 1], values[rank.min(values.len() - 1)]);
            let got = band[day];
            assert!(
                got >= lo.min(hi) - resolution - 0.05 && got <= lo.max(hi) + resolution + 0.05,
                "day {day} q {q}: band {got}, order statistics {lo}..{hi}, resolution {resolution}"
            );
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        assert!(
            (summary.bands.mean[day] - mean).abs() <= 0.05 + 1e-9,
            "day {day}: mean {} vs {mean}",
            summary.bands.mean[day]
        );
    }
}

#[test]
fn a_scheduled_week_long_halt_of_every_site_delays_the_run_by_exactly_a_week() {
    // 1,000 B200 at 40% MFU deliver 1000·2.25e15·0.4·86400 = 7.776e22 FLOP a day; a 3e24
    // FLOP run takes 3e24 / 7.776e22 ≈ 38.6 days. A halt of exactly 7 days from day 10 (no lag, always
    // complied with, never permanent) stops it for 7 whole days, in every trial, whatever the
    // random shocks of another type do elsewhere.
    let json = one_site(
        120,
        r#", "operator": "op" "#,
        r#", "operators": [ { "id": "op" } ],
             "training_run": { "flop": 3e24, "mfu": 0.4 },
             "shocks": [ { "id": "week", "rate_per_year": 0, "effect": "halt", "scheduled_days": [10],
                           "duration_days": { "median": 7, "p90": 7 } } ]"#,
    );
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(500.0, 3.0).unwrap()).unwrap();
    let delay = &summary.metrics.training_delay_days;
    assert_eq!(delay.stat.n, 500);
    for q in [delay.stat.p5, delay.stat.p50, delay.stat.p95, delay.stat.mean] {
        assert_eq!(q, Some(7.0));
    }
    assert_eq!((delay.p_unfinished, delay.p_status_quo_unfinished), (0.0, 0.0));
    assert_eq!(summary.probabilities.training_delay_over_7_days, 0.0, "exactly 7 is not more than 7");
    // The scheduled arrival happens in every trial, and nothing else does.
    assert_eq!(summary.metrics.policy_shocks.p5, Some(1.0));
    assert_eq!(summary.metrics.policy_shocks.p95, Some(1.0));
    assert_eq!(summary.probabilities.any_policy_shutdown, 1.0);
    let days = summary.metrics.days_to_train.stat.p50.unwrap();
    assert!((days - (3e24 / (1000.0 * 2.25e15 * 0.4 * 86_400.0) + 7.0)).abs() < 1e-3, "{days}");
}

#[test]
fn without_policy_shocks_the_delay_is_zero_in_every_trial() {
    // Every preset with its policy rates at zero: outages and distress still strike, but they
    // strike the status quo alike, so the delay is exactly 0 in every trial that finishes.
    for p in compute_shock::presets::all() {
        let mut scenario = p.scenario.clone();
        for k in &mut scenario.shocks {
            k.rate_per_year = 0.0.into();
            k.scheduled_days.clear();
        }
        let summary = run(&scenario, RunOptions::new(2000.0, 5.0).unwrap()).unwrap();
        let delay = &summary.metrics.training_delay_days;
        assert_eq!(delay.p_unfinished, 0.0, "{}", p.id);
        assert_eq!(delay.stat.n as f64, 2000.0 * (1.0 - delay.p_status_quo_unfinished), "{}", p.id);
        if delay.stat.n > 0 {
            assert_eq!((delay.stat.p5, delay.stat.p95, delay.stat.mean), (Some(0.0), Some(0.0), Some(0.0)), "{}", p.id);
        }
        assert_eq!(summary.probabilities.training_delay_over_7_days, 0.0, "{}", p.id);
    }
}

#[test]
fn the_delay_is_the_paired_difference_of_two_runs_with_the_same_futures() {
    // The delay in each trial is days to train with the shocks minus days to train with the
    // same scenario's policy rates at zero: so the mean delay over trials where both finish
    // equals the difference of the two runs' mean days over the same trials. With a run that
    // always finishes in both, that is the difference of the two summaries' means.
    let json = one_site(
        365,
        r#", "outages": { "rate_per_year": 6, "duration_days": { "median": 1, "p90": 3 } }"#,
        r#", "training_run": { "flop": 3e24, "mfu": 0.4 },
             "shocks": [ { "id": "k", "rate_per_year": 4, "effect": "halt", "comply_probability": 0.7,
                           "duration_days": { "median": 3, "p90": 10 } } ]"#,
    );
    let with = Scenario::from_json(&json).unwrap();
    let mut without = with.clone();
    without.shocks[0].rate_per_year = 0.0.into();
    let options = RunOptions::new(4000.0, 9.0).unwrap();
    let a = run(&with, options).unwrap();
    let b = run(&without, options).unwrap();
    assert_eq!((a.metrics.days_to_train.p_unfinished, b.metrics.days_to_train.p_unfinished), (0.0, 0.0));
    let got = a.metrics.training_delay_days.stat.mean.unwrap();
    let expected = a.metrics.days_to_train.stat.mean.unwrap() - b.metrics.days_to_train.stat.mean.unwrap();
    // Means are rounded to 3 decimals in the summary, and summed in fixed point (2^-16).
    assert!((got - expected).abs() <= 2e-3, "mean delay {got}, difference of means {expected}");
    assert!(got > 0.5, "the shocks do delay the run: {got}");
}

#[test]
fn a_week_long_halt_shows_as_a_week_of_futures_below_the_requirement() {
    // 1,000 B200 against a requirement of 500: below it only while halted, which a halt of
    // exactly 7 days from day 10.0 does on days 10 to 16, in every future. The daily bands
    // show the same week at 0; here the share of futures below says it directly.
    let json = one_site(
        40,
        "",
        r#", "requirement_b200e": 500,
             "shocks": [ { "id": "week", "rate_per_year": 0, "effect": "halt", "scheduled_days": [10],
                           "duration_days": { "median": 7, "p90": 7 } } ]"#,
    );
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(300.0, 2.0).unwrap()).unwrap();
    let below = &summary.bands.below_requirement;
    assert_eq!(below.len(), 40);
    for (t, &share) in below.iter().enumerate() {
        assert_eq!(share, if (10..17).contains(&t) { 1.0 } else { 0.0 }, "day {t}");
    }
    assert_eq!(summary.metrics.shortfall_days.p50, Some(7.0));
    assert_eq!(summary.probabilities.shortfall_7_days, 1.0);
}

#[test]
fn compliance_by_operator_jurisdiction_or_all_shuts_a_group_together() {
    // Two sites of one operator in Japan, a third of another operator in Japan, a fourth of
    // that operator in Australia: one certain arrival on day 0, permanent, complied with half
    // the time. By site, each decides alone (and sometimes only one of the operator's sites
    // shuts); by operator, each operator's sites shut together; by jurisdiction, the three in
    // Japan; `all`, the four.
    let scenario = |by: &str| {
        let json = format!(
            r#"{{ "horizon_days": 30, "operators": [ {{ "id": "a" }}, {{ "id": "b" }} ],
                "sites": [
                  {{ "id": "s1", "jurisdiction": "JP", "operator": "a", "route": "offshore_rental", "chip": "B200", "gpus": 100 }},
                  {{ "id": "s2", "jurisdiction": "JP", "operator": "a", "route": "offshore_rental", "chip": "B200", "gpus": 100 }},
                  {{ "id": "s3", "jurisdiction": "JP", "operator": "b", "route": "offshore_rental", "chip": "B200", "gpus": 100 }},
                  {{ "id": "s4", "jurisdiction": "AU", "operator": "b", "route": "offshore_rental", "chip": "B200", "gpus": 100 }} ],
                "shocks": [ {{ "id": "k", "rate_per_year": 0, "scheduled_days": [0], "effect": "halt", "comply_probability": 0.5,
                              "comply_by": "{by}", "permanent_probability": 1, "duration_days": {{ "median": 1, "p90": 1 }} }} ] }}"#
        );
        model(&json)
    };
    let trials = 4000u64;
    for by in ["site", "operator", "jurisdiction", "all"] {
        let m = scenario(by);
        let engine = Engine::new(&m, 21);
        let mut scratch = Scratch::new(&m);
        let (mut split_operator, mut split_country, mut split_any, mut shut) = (0, 0, 0, 0);
        for trial in 0..trials {
            engine.run_trial(trial, &mut scratch);
            let p: Vec<bool> = scratch.sites.iter().map(|s| s.permanent).collect();
            split_operator += u32::from(p[0] != p[1] || p[2] != p[3]);
            split_country += u32::from(p[0] != p[2] || p[1] != p[2]);
            split_any += u32::from(p.iter().any(|&x| x != p[0]));
            shut += u32::from(p[0]);
        }
        match by {
            // Each site alone: the operator's two sites in Japan differ in half the trials,
            // so at least one operator is split in 3/4 of them.
            "site" => {
                let se = binomial_se(0.75, trials as f64);
                assert!((f64::from(split_operator) / trials as f64 - 0.75).abs() < Z * se, "{split_operator}");
            }
            "operator" => {
                assert_eq!(split_operator, 0);
                assert!(split_country > 0);
            }
            "jurisdiction" => {
                assert_eq!(split_country, 0);
                // Japan and Australia decide apart: they differ in half the trials.
                let se = binomial_se(0.5, trials as f64);
                assert!((f64::from(split_any) / trials as f64 - 0.5).abs() < Z * se, "{split_any}");
            }
            _ => assert_eq!((split_operator, split_country, split_any), (0, 0, 0)),
        }
        // Whoever decides, each site shuts half the time.
        let se = binomial_se(0.5, trials as f64);
        assert!((f64::from(shut) / trials as f64 - 0.5).abs() < Z * se, "{by}: {shut}");
    }
}

#[test]
fn a_requirement_in_steps_counts_the_days_below_each_step() {
    // 1,000 B200 always up, against 500 until day 100, 1,500 until day 150, then 1,000
    // (not below: equal is enough). By hand: days 100 to 149 are below, 50 days in a row,
    // in every trial; with a 5-day halt from day 20 (below nothing then) still 50.
    let json = one_site(
        200,
        "",
        r#", "requirement_b200e": [ { "day": 0, "b200e": 500 }, { "day": 100, "b200e": 1500 }, { "day": 150, "b200e": 1000 } ],
             "shocks": [ { "id": "k", "rate_per_year": 0, "scheduled_days": [20], "effect": "halt",
                           "duration_days": { "median": 5, "p90": 5 } } ]"#,
    );
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(200.0, 1.0).unwrap()).unwrap();
    assert_eq!((summary.metrics.shortfall_days.p5, summary.metrics.shortfall_days.p95), (Some(55.0), Some(55.0)));
    assert_eq!(summary.metrics.longest_shortfall_days.p50, Some(50.0));
    let below = &summary.bands.below_requirement;
    for (t, &share) in below.iter().enumerate() {
        let expected = (20..25).contains(&t) || (100..150).contains(&t);
        assert_eq!(share, if expected { 1.0 } else { 0.0 }, "day {t}");
    }
    assert_eq!(summary.requirement_b200e, 500.0);
    let steps: Vec<(usize, f64)> = summary.requirement_steps.iter().map(|s| (s.day, s.b200e)).collect();
    assert_eq!(steps, [(0, 500.0), (100, 1500.0), (150, 1000.0)]);
    // A constant requirement has no steps in the summary (the format of older summaries).
    let plain = run(&Scenario::from_json(&one_site(20, "", "")).unwrap(), RunOptions::new(10.0, 1.0).unwrap()).unwrap();
    assert!(plain.requirement_steps.is_empty());
}

#[test]
fn a_growing_requirement_doubles_in_steps_and_counts_the_days_above_the_capacity() {
    // 1,000 B200 always up, against 500 doubling every 100 days in 10-day steps: on day d of
    // a step the requirement is 500 × 2^(d/100), so 1,000 on day 100 (not below: equal is
    // enough) and above from day 110, the next step: 90 days below, in a row, in every trial.
    let json = one_site(
        200,
        "",
        r#", "requirement_b200e": 500, "requirement_growth": { "doubling_days": 100, "step_days": 10 }"#,
    );
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(50.0, 1.0).unwrap()).unwrap();
    let steps: Vec<(usize, f64)> = summary.requirement_steps.iter().map(|s| (s.day, s.b200e)).collect();
    let expected: Vec<(usize, f64)> = (0..200).step_by(10).map(|d| (d, 500.0 * 2f64.powf(d as f64 / 100.0))).collect();
    assert_eq!(steps.len(), expected.len());
    for ((d, got), (_, want)) in steps.iter().zip(&expected) {
        // The summary gives each step to a thousandth of a B200e.
        assert!((got - want).abs() <= 0.0005 + 1e-12 * want, "day {d}: {got} against {want}");
    }
    assert_eq!((steps[10].0, steps[10].1), (100, 1000.0));
    assert_eq!((summary.metrics.shortfall_days.p5, summary.metrics.shortfall_days.p95), (Some(90.0), Some(90.0)));
    assert_eq!(summary.metrics.longest_shortfall_days.p50, Some(90.0));
    for (t, &share) in summary.bands.below_requirement.iter().enumerate() {
        assert_eq!(share, if t >= 110 { 1.0 } else { 0.0 }, "day {t}");
    }
    // Growth applies to a requirement in steps too, from each step's own figure: 500 then
    // 2,000 from day 50, doubling every 50 days in 100-day steps: days 0 (500), 50
    // (2,000 × 2 = 4,000) and 100 (2,000 × 4 = 8,000).
    let json = one_site(
        150,
        "",
        r#", "requirement_b200e": [ { "day": 0, "b200e": 500 }, { "day": 50, "b200e": 2000 } ],
             "requirement_growth": { "doubling_days": 50, "step_days": 100 }"#,
    );
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(10.0, 1.0).unwrap()).unwrap();
    let steps: Vec<(usize, f64)> = summary.requirement_steps.iter().map(|s| (s.day, s.b200e)).collect();
    assert_eq!(steps, [(0, 500.0), (50, 4000.0), (100, 8000.0)]);
}

#[test]
fn gpus_re_let_during_a_halt_do_not_come_back() {
    // 1,000 B200 always up; a halt on day 10 for exactly 5 days, after which 40% of the GPUs
    // are let to others: 1,000 on days 0-9, 0 on days 10-14, 600 from day 15, in every trial.
    // The firm's share of the site's days and of its full capacity are both
    // (10 × 1,000 + 25 × 600) / 1,000 = 25 of 40 (0.625). A second halt on day 20 keeps 60%
    // of what was left: 360 from day 25.
    let halt = |days: &str| {
        one_site(
            40,
            "",
            &format!(
                r#", "shocks": [ {{ "id": "k", "rate_per_year": 0, "scheduled_days": {days}, "effect": "halt",
                                   "relet_share": 0.4, "duration_days": {{ "median": 5, "p90": 5 }} }} ]"#
            ),
        )
    };
    let summary = run(&Scenario::from_json(&halt("[10]")).unwrap(), RunOptions::new(20.0, 1.0).unwrap()).unwrap();
    for (t, &x) in summary.bands.p50.iter().enumerate() {
        let want = if t < 10 {
            1000.0
        } else if t < 15 {
            0.0
        } else {
            600.0
        };
        assert_eq!((x, summary.bands.p5[t], summary.bands.p95[t]), (want, want, want), "day {t}");
    }
    assert_eq!(summary.sites[0].share_of_days_up, Some(0.625));
    assert_eq!(summary.sites[0].share_of_full_capacity, Some(0.625));
    // A halt that lifts part-way through a day: the re-let counts from that moment, so day 15
    // of a halt from day 10.5 has half a day at 600 and half down.
    let json = halt("[10.5]");
    let days = &paths(&model(&json), 1, 1)[0];
    assert_eq!((days[10], days[14], days[16]), (500.0, 0.0, 600.0));
    assert!((days[15] - 300.0).abs() < 1e-9, "{}", days[15]);
    let twice = run(&Scenario::from_json(&halt("[10, 20]")).unwrap(), RunOptions::new(20.0, 1.0).unwrap()).unwrap();
    assert_eq!((twice.bands.p50[19], twice.bands.p50[24], twice.bands.p50[25]), (600.0, 0.0, 360.0));
    // A halt for good re-lets nothing: nothing comes back anyway.
    let json = halt("[10]").replace(r#""relet_share": 0.4"#, r#""relet_share": 0.4, "permanent_probability": 1"#);
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(20.0, 1.0).unwrap()).unwrap();
    assert_eq!(summary.bands.p50[39], 0.0);

    // Drawn afresh at each halt: with the share uniform on [0, 1], the capacity left after one
    // halt is 1,000 × (1 − U): mean 500, standard deviation 1,000/√12.
    let json = halt("[10]")
        .replace(r#""relet_share": 0.4"#, r#""relet_share": { "distribution": "uniform", "low": 0, "high": 1 }"#);
    let m = model(&json);
    let trials = 20_000;
    let last: Vec<f64> = paths(&m, 3, trials).iter().map(|p| p[39]).collect();
    let (mean, _) = mean_and_se(&last);
    let se = 1000.0 / 12f64.sqrt() / (trials as f64).sqrt();
    assert!((mean - 500.0).abs() < Z * se, "mean {mean}, se {se}");
    // Uniform: a tenth of the trials keep less than 100, a tenth more than 900.
    let below = last.iter().filter(|&&x| x < 100.0).count() as f64 / trials as f64;
    assert!((below - 0.1).abs() < Z * binomial_se(0.1, trials as f64), "{below}");
}

#[test]
fn a_run_whose_sites_shut_for_good_finishes_on_its_fallback() {
    // The run needs 20 days of 1,000 B200e on its own site `p`; `p` shuts for good on day 10.
    // Its fallback `f`, 1,000 B200e at half efficiency (500 a day for the run), takes the
    // other 10 days' worth in 20 days: the run ends on day 30, 10 days after its status quo
    // (day 20). Without the fallback it never finishes.
    let scenario = |fallback: &str| {
        let flop = 20.0 * 1000.0 * compute_shock::catalogue::B200E_FLOP_PER_SECOND * 0.5 * 86_400.0;
        format!(
            r#"{{ "horizon_days": 60,
                 "training_run": {{ "flop": {flop}, "mfu": 0.5{fallback} }},
                 "sites": [
                   {{ "id": "p", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200", "gpus": 1000 }},
                   {{ "id": "f", "jurisdiction": "CN", "route": "domestic", "chip": "B200", "gpus": 1000 }} ],
                 "shocks": [ {{ "id": "k", "rate_per_year": 0, "scheduled_days": [10], "effect": "halt",
                                "targets": {{ "jurisdictions": ["JP"] }}, "permanent_probability": 1,
                                "duration_days": {{ "median": 1, "p90": 1 }} }} ] }}"#
        )
    };
    let on = |json: &str| run(&Scenario::from_json(json).unwrap(), RunOptions::new(10.0, 1.0).unwrap()).unwrap();
    let with = on(&scenario(r#", "fallback": { "sites": ["f"], "efficiency": 0.5 }"#));
    let days = with.metrics.days_to_train;
    let (p5, p95) = (days.stat.p5.unwrap(), days.stat.p95.unwrap());
    assert!((p5 - 30.0).abs() < 1e-9 && (p95 - 30.0).abs() < 1e-9, "{p5} {p95}");
    let delay = with.metrics.training_delay_days.stat.p50.unwrap();
    assert!((delay - 10.0).abs() < 1e-9, "{delay}");
    assert_eq!(with.training_run_fallback_sites, ["f"]);
    // Without a list of its own, the run draws on the requirement's sites less the fallback.
    assert_eq!(with.training_run_sites, ["p"]);
    // The requirement still counts both sites: 2,000 until day 10, then 1,000.
    assert_eq!((with.bands.p50[9], with.bands.p50[10]), (2000.0, 1000.0));
    // Without the fallback, the run draws on both sites (the requirement's): 2,000 a day for
    // 10 days is the whole run, so it ends on day 10 before the shock. With the run on `p`
    // alone and no fallback, it never finishes.
    let both = on(&scenario(""));
    let d = both.metrics.days_to_train.stat.p50.unwrap();
    assert!((d - 10.0).abs() < 1e-9, "{d}");
    let alone = on(&scenario(r#", "sites": ["p"]"#));
    assert_eq!(alone.metrics.days_to_train.p_unfinished, 1.0);
}

#[test]
fn events_given_by_date_count_from_the_start_date() {
    // A site whose 180-day ramp began 90 days before day 0 is (90 + t + 1)/180 built on day t,
    // whole from day 89 (exactly: the ramp's days are a line, each to its rounding).
    let json = one_site(200, r#", "online_date": "2025-10-02", "ramp_days": 180"#, r#", "start_date": "2025-12-31""#);
    let days = &paths(&model(&json), 1, 1)[0];
    let close = |x: f64, want: f64| (x - want).abs() <= 1e-12 * want;
    for (t, &x) in days.iter().enumerate() {
        let want = 1000.0 * ((91 + t) as f64 / 180.0).min(1.0);
        assert!(if t >= 89 { x == want } else { close(x, want) }, "day {t}: {x} against {want}");
    }
    assert!(close(days[88], 1000.0 * 179.0 / 180.0) && days[89] == 1000.0);
    // A shock dated 10 days after day 0 is the shock on day 10, to the byte; dates before day 0
    // (history) and after the horizon are left out.
    let halt = |when: &str| {
        one_site(
            40,
            "",
            &format!(
                r#", "start_date": "2026-01-01",
                   "shocks": [ {{ "id": "k", "rate_per_year": 0.5, {when}, "effect": "halt",
                                  "duration_days": {{ "median": 5, "p90": 20 }} }} ]"#
            ),
        )
    };
    let bytes = |json: &str| {
        let s = run(&Scenario::from_json(json).unwrap(), RunOptions::new(500.0, 3.0).unwrap()).unwrap();
        serde_json::to_string(&s).unwrap()
    };
    assert_eq!(bytes(&halt(r#""scheduled_dates": ["2026-01-11"]"#)), bytes(&halt(r#""scheduled_days": [10]"#)));
    assert_eq!(
        bytes(&halt(r#""scheduled_dates": ["2025-12-31", "2026-01-11", "2026-03-01"]"#)),
        bytes(&halt(r#""scheduled_days": [10]"#))
    );
    // The same world started later: a site online on 1 March 2026 and a shock on 1 April, seen
    // from 1 January (days 59 and 90) and from 1 February (days 28 and 59).
    let dated = |start: &str| {
        format!(
            r#"{{ "start_date": "{start}", "horizon_days": 120,
                 "sites": [ {{ "id": "s", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200", "gpus": 1000,
                              "online_date": "2026-03-01", "ramp_days": 30 }} ],
                 "shocks": [ {{ "id": "k", "rate_per_year": 0, "scheduled_dates": ["2026-04-01"], "effect": "halt",
                                "duration_days": {{ "median": 5, "p90": 5 }} }} ] }}"#
        )
    };
    let by_day = |online: u32, shock: u32| {
        format!(
            r#"{{ "horizon_days": 120,
                 "sites": [ {{ "id": "s", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200", "gpus": 1000,
                              "online_day": {online}, "ramp_days": 30 }} ],
                 "shocks": [ {{ "id": "k", "rate_per_year": 0, "scheduled_days": [{shock}], "effect": "halt",
                                "duration_days": {{ "median": 5, "p90": 5 }} }} ] }}"#
        )
    };
    let bands =
        |json: &str| run(&Scenario::from_json(json).unwrap(), RunOptions::new(20.0, 1.0).unwrap()).unwrap().bands;
    assert_eq!(bands(&dated("2026-01-01")), bands(&by_day(59, 90)));
    assert_eq!(bands(&dated("2026-02-01")), bands(&by_day(28, 59)));
}

#[test]
fn a_site_frozen_half_built_is_up_every_day_but_at_half_its_build() {
    // A 100-day ramp from day 0, frozen for good from day 50.0: built (t+1)/100 on days 0-49,
    // then 0.5. Up every day, so its share of days up is 1; its share of its full build is
    // (1 + 2 + … + 50)/100 + 150 × 0.5, over 200 days: 87.75 / 200 = 0.43875.
    let json = one_site(
        200,
        r#", "ramp_days": 100"#,
        r#", "shocks": [ { "id": "k", "rate_per_year": 0, "scheduled_days": [50], "effect": "freeze",
                           "permanent_probability": 1, "duration_days": { "median": 1, "p90": 1 } } ]"#,
    );
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(20.0, 1.0).unwrap()).unwrap();
    assert_eq!(summary.sites[0].share_of_days_up, Some(1.0));
    assert_eq!(summary.sites[0].share_of_full_capacity, Some(0.43875));
    assert_eq!(summary.metrics.final_capacity_b200e.p50, Some(500.0));
}

#[test]
fn a_site_with_no_ramp_shut_on_its_first_day_relocates_all_its_gpus() {
    // No ramp: the site is whole from day 0. Shut for good at day 0.5, with every GPU moved
    // home at once: half of day 0 at the site, the other half and every later day at home.
    let json = one_site(
        30,
        r#", "ramp_days": 0"#,
        r#", "relocation": { "share": 1, "delay_days": { "median": 0, "p90": 0 } },
             "shocks": [ { "id": "k", "rate_per_year": 0, "scheduled_days": [0.5], "effect": "halt",
                           "permanent_probability": 1, "duration_days": { "median": 1, "p90": 1 } } ]"#,
    );
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(10.0, 1.0).unwrap()).unwrap();
    assert_eq!(summary.bands.p50[0], 1000.0);
    assert_eq!(summary.metrics.final_capacity_b200e.p50, Some(1000.0));
    assert_eq!(summary.sites[0].p_permanent_shutdown, 1.0);
}

/// Two whole B200 sites with no outages: `a` (1,000 GPUs, Japan) and `b` (3,000, Australia),
/// with `run` added to the training run and `rest` to the scenario.
fn two_sites(run: &str, rest: &str) -> String {
    format!(
        r#"{{ "horizon_days": 120, "requirement_b200e": 2000,
             "training_run": {{ "flop": 3e24, "mfu": 0.4 {run} }},
             "sites": [
               {{ "id": "a", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200", "gpus": 1000 }},
               {{ "id": "b", "jurisdiction": "AU", "route": "offshore_rental", "chip": "B200", "gpus": 3000 }} ]
             {rest} }}"#,
        run = run,
    )
}

#[test]
fn a_training_run_draws_only_on_its_own_sites() {
    // 1,000 B200 at 40% MFU: 3e24 FLOP in 3e24 / 7.776e22 days; with both sites, a quarter of
    // that (9.6 days). A week's halt of `b` from day 2 delays a run on `a` by nothing, and a run
    // on both by the three quarters of the week's work it would have done on `b`.
    let on_a = 3e24 / (1000.0 * 2.25e15 * 0.4 * 86_400.0);
    let halt_b = r#", "shocks": [ { "id": "k", "rate_per_year": 0, "scheduled_days": [2], "effect": "halt",
                     "targets": { "jurisdictions": ["AU"] }, "duration_days": { "median": 7, "p90": 7 } } ]"#;
    let options = RunOptions::new(50.0, 1.0).unwrap();
    let only_a = run(&Scenario::from_json(&two_sites(r#", "sites": ["a"]"#, halt_b)).unwrap(), options).unwrap();
    assert_eq!(only_a.training_run_sites, ["a"]);
    assert!(only_a.requirement_sites.is_empty(), "the requirement still counts both sites");
    let days = only_a.metrics.days_to_train.stat.p50.unwrap();
    assert!((days - on_a).abs() < 1e-3, "{days} against {on_a}");
    assert_eq!(only_a.metrics.training_delay_days.stat.p95, Some(0.0));
    // The requirement (2,000 over both sites) still sees `b`'s week: 7 days at 1,000.
    assert_eq!(only_a.metrics.shortfall_days.p50, Some(7.0));

    let both = run(&Scenario::from_json(&two_sites("", halt_b)).unwrap(), options).unwrap();
    assert!(both.training_run_sites.is_empty());
    // Both: 4,000 B200 for 2 days, then 1,000 for 7, then 4,000 until done.
    let per_day = 4000.0 * 2.25e15 * 0.4 * 86_400.0;
    let expected = 9.0 + (3e24 - 2.0 * per_day - 7.0 * per_day / 4.0) / per_day;
    let days = both.metrics.days_to_train.stat.p50.unwrap();
    assert!((days - expected).abs() < 1e-3, "{days} against {expected}");
}

#[test]
fn the_requirement_and_the_chart_count_only_the_named_sites() {
    let halt = |target: &str| {
        format!(
            r#", "requirement_sites": ["a"],
                 "shocks": [ {{ "id": "k", "rate_per_year": 0, "scheduled_days": [10], "effect": "halt",
                     "targets": {{ "jurisdictions": ["{target}"] }}, "duration_days": {{ "median": 7, "p90": 7 }} }} ]"#
        )
    };
    let options = RunOptions::new(20.0, 1.0).unwrap();
    // Requirement 2,000 against `a`'s 1,000: short every day, whatever happens to `b`.
    let b_halted = run(&Scenario::from_json(&two_sites("", &halt("AU"))).unwrap(), options).unwrap();
    assert_eq!(b_halted.requirement_sites, ["a"]);
    assert_eq!(b_halted.training_run_sites, ["a"], "the run follows the requirement's sites by default");
    assert_eq!(b_halted.max_capacity_b200e, 1000.0);
    assert!(b_halted.bands.p50.iter().all(|&c| c == 1000.0), "the chart shows `a` alone");
    assert_eq!(b_halted.metrics.shortfall_days.p50, Some(120.0));
    // With the requirement at 500, only `a`'s own week counts.
    let lower = |json: String| json.replace(r#""requirement_b200e": 2000"#, r#""requirement_b200e": 500"#);
    let a_halted = run(&Scenario::from_json(&lower(two_sites("", &halt("JP")))).unwrap(), options).unwrap();
    assert_eq!(a_halted.metrics.shortfall_days.p50, Some(7.0));
    assert_eq!(a_halted.bands.p50[12], 0.0);
    let b_halted = run(&Scenario::from_json(&lower(two_sites("", &halt("AU")))).unwrap(), options).unwrap();
    assert_eq!(b_halted.metrics.shortfall_days.p95, Some(0.0));
}

#[test]
fn relocated_gpus_share_the_risks_of_the_site_they_land_at() {
    // `a` (1,000 B200 in Japan) is shut for good on day 10 and half its GPUs land at once at
    // `home` (China, no GPUs of its own); Beijing halts Chinese sites for exactly a week from
    // day 30. Counted: `a` and `home`.
    let scenario = |to_site: &str| {
        format!(
            r#"{{ "horizon_days": 60, "requirement_b200e": 100,
                 "requirement_sites": ["a", "home"],
                 "sites": [
                   {{ "id": "a", "jurisdiction": "JP", "route": "offshore_rental", "chip": "B200", "gpus": 1000 }},
                   {{ "id": "home", "jurisdiction": "CN", "route": "domestic", "chip": "H20", "gpus": 0 }} ],
                 "shocks": [
                   {{ "id": "us", "rate_per_year": 0, "scheduled_days": [10], "effect": "halt", "permanent_probability": 1,
                     "targets": {{ "jurisdictions": ["JP"] }}, "duration_days": {{ "median": 1, "p90": 1 }} }},
                   {{ "id": "beijing", "rate_per_year": 0, "scheduled_days": [30], "effect": "halt",
                     "targets": {{ "jurisdictions": ["CN"] }}, "duration_days": {{ "median": 7, "p90": 7 }} }} ],
                 "relocation": {{ "share": 0.5 {to_site} }} }}"#
        )
    };
    let options = RunOptions::new(10.0, 1.0).unwrap();
    let home = run(&Scenario::from_json(&scenario(r#", "to_site": "home""#)).unwrap(), options).unwrap();
    let p50 = &home.bands.p50;
    assert_eq!((p50[9], p50[10], p50[29]), (1000.0, 500.0, 500.0));
    assert!(p50[30..37].iter().all(|&c| c == 0.0), "the week of Beijing's halt: {:?}", &p50[28..40]);
    assert_eq!((p50[37], p50[59]), (500.0, 500.0));
    assert_eq!(home.metrics.shortfall_days.p50, Some(7.0));

    // Without a landing site the relocated GPUs face nothing further.
    let none = run(&Scenario::from_json(&scenario("")).unwrap(), options).unwrap();
    assert!(none.bands.p50[10..].iter().all(|&c| c == 500.0));
    assert_eq!(none.metrics.shortfall_days.p95, Some(0.0));

    // Landing at a site outside the requirement's pool, they stop counting.
    let out = scenario(r#", "to_site": "home""#)
        .replace(r#""requirement_sites": ["a", "home"]"#, r#""requirement_sites": ["a"]"#);
    let out = run(&Scenario::from_json(&out).unwrap(), options).unwrap();
    assert!(out.bands.p50[10..].iter().all(|&c| c == 0.0));
}

/// Week-long US closures at λ a day on one site, with a training run of `run_days` days at
/// full capacity from `start`.
fn week_long_halts(start: u32, run_days: f64, lambda_per_day: f64, horizon: u32) -> String {
    // FLOP for `run_days` days of 1,000 B200e at 40% MFU.
    let flop = run_days * 1000.0 * 2.25e15 * 0.4 * 86_400.0;
    one_site(
        horizon,
        "",
        &format!(
            r#", "training_run": {{ "flop": {flop:e}, "mfu": 0.4, "start_day": {start} }},
               "shocks": [ {{ "id": "us", "rate_per_year": {}, "effect": "halt", "comply_probability": 1,
                              "permanent_probability": 0, "duration_days": {{ "median": 7, "p90": 7 }} }} ]"#,
            lambda_per_day * 365.0
        ),
    )
}

#[test]
fn week_long_halts_delay_a_run_by_exactly_a_week_or_more() {
    // Halts of exactly 7 days at Poisson times (λ a day) on a run that needs L days of
    // uptime from day a. The run finishes later than a + L + 7 exactly when more than 7 of
    // the days [a, a + L + 7) are halted, so with W = L + 7:
    // - D = 7 exactly when exactly one halt touches [a, W + a), and it starts in [a, a + L);
    //   a halt from the 7 days before a would reach into the run (none can start before
    //   day 0): P(D = 7) = λL·exp(-λ(L + 7 + min(a, 7))).
    // - D ≤ 7 otherwise only when no halt starts in [a, a + L): then the halted days are a
    //   tail X of a halt from before a plus a head Y of one from [a + L, a + W), each with
    //   P(≤ x) = exp(-λ(7 - x)) on [0, 7], and P(X + Y ≤ 7) = exp(-7λ)(1 + 7λ). From day 0
    //   there is no X: P(D ≤ 7, no halt in the run) = exp(-λL).
    // Today's delays must land on these exactly: a delay equal to 7 in exact arithmetic is
    // 7 as a number, not 7.000000000000007 (which would count it as more than a week late).
    let lambda = 0.02;
    let l = 40.0;
    let trials = 100_000u64;
    for start in [0u32, 30] {
        let json = week_long_halts(start, l, lambda, 400);
        let m = model(&json);
        let engine = Engine::new(&m, 3);
        let mut scratch = Scratch::new(&m);
        let (mut exactly_7, mut over_7) = (0u64, 0u64);
        for t in 0..trials {
            match engine.run_trial(t, &mut scratch).training_delay {
                compute_shock::Delay::Days(d) => {
                    // Never a rounding error either side of a week: 7 or another delay.
                    assert!(d == 7.0 || (d - 7.0).abs() > 1e-9, "start {start}, trial {t}: delay {d:?}");
                    exactly_7 += u64::from(d == 7.0);
                    over_7 += u64::from(d > 7.0);
                }
                other => panic!("start {start}, trial {t}: {other:?}"),
            }
        }
        let before = f64::from(start.min(7));
        let p_exactly_7 = lambda * l * (-lambda * (l + 7.0 + before)).exp();
        let p_at_most_7_no_halt_in_run =
            if start == 0 { (-lambda * l).exp() } else { (-lambda * (l + 7.0)).exp() * (1.0 + 7.0 * lambda) };
        let p_over_7 = 1.0 - p_at_most_7_no_halt_in_run - p_exactly_7;
        let n = trials as f64;
        for (what, got, expected) in
            [("D = 7", exactly_7 as f64 / n, p_exactly_7), ("D > 7", over_7 as f64 / n, p_over_7)]
        {
            let se = binomial_se(expected, n);
            assert!(
                (got - expected).abs() < Z * se,
                "start {start}: P({what}) {got}, expected {expected} ± {}",
                Z * se
            );
        }

        // The summary counts the same trials (its share is of every trial, as here).
        let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(n, 3.0).unwrap()).unwrap();
        assert_eq!(summary.probabilities.training_delay_over_7_days, over_7 as f64 / n, "start {start}");
    }
}

/// One site facing one shock whose figures may be uncertain: `rate`, `comply` and
/// `permanent` are JSON (a number or a distribution).
fn uncertain_shock(days: u32, rate: &str, comply: &str, permanent: &str) -> Scenario {
    let json = one_site(
        days,
        "",
        &format!(
            r#", "shocks": [ {{ "id": "k", "rate_per_year": {rate}, "effect": "halt", "comply_probability": {comply},
                              "permanent_probability": {permanent}, "duration_days": {{ "median": 5, "p90": 20 }} }} ]"#
        ),
    );
    Scenario::from_json(&json).unwrap()
}

/// P(the site is shut for good within the horizon) from 20,000 trials, against `expected`
/// within `Z` binomial standard errors.
fn check_shut(scenario: &Scenario, expected: f64, what: &str) {
    let trials = 20_000.0;
    let summary = run(scenario, RunOptions::new(trials, 17.0).unwrap()).unwrap();
    let got = summary.sites[0].p_permanent_shutdown;
    let se = binomial_se(expected, trials);
    assert!((got - expected).abs() < Z * se, "{what}: P(shut) {got}, expected {expected} ± {}", Z * se);
}

/// ∫ f(x) g(x) dx over [a, b] by Simpson's rule on 20,000 intervals (smooth integrands:
/// the error is far below the Monte Carlo's).
fn simpson(a: f64, b: f64, f: impl Fn(f64) -> f64) -> f64 {
    let n = 20_000;
    let h = (b - a) / n as f64;
    let inner: f64 = (1..n).map(|i| f(a + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 }).sum();
    (f(a) + f(b) + inner) * h / 3.0
}

#[test]
fn a_gamma_rate_from_a_record_gives_the_gamma_mixed_poisson() {
    // Permanent shutdowns arrive at λ·c·p a year given the trial's rate λ ~ Gamma(α, β), so
    // the site survives t years with probability E[exp(−λcpt)] = (1 + c·p·t/β)^(−α).
    for (events, years, prior, alpha, c, p, days) in [
        (0.0, 3.3, "jeffreys", 0.5, 0.9, 0.5, 730),
        (3.0, 2.0, "flat", 4.0, 1.0, 1.0, 365),
        (0.0, 0.5, "jeffreys", 0.5, 1.0, 1.0, 365),
    ] {
        let rate =
            format!(r#"{{ "distribution": "gamma", "events": {events}, "years": {years}, "prior": "{prior}" }}"#);
        let t = f64::from(days) / 365.0;
        let expected = 1.0 - (1.0 + c * p * t / years).powf(-alpha);
        check_shut(&uncertain_shock(days, &rate, &c.to_string(), &p.to_string()), expected, &rate);
    }
}

#[test]
fn a_uniform_rate_averages_the_exponentials() {
    // λ ~ U(a, b) a year, every arrival complied with and permanent: the site survives t
    // years with probability (e^(−at) − e^(−bt)) / ((b − a)·t).
    for (a, b, days) in [(0.0f64, 2.0f64, 365), (0.2, 0.6, 730)] {
        let t = f64::from(days) / 365.0;
        let survive = ((-a * t).exp() - (-b * t).exp()) / ((b - a) * t);
        let rate = format!(r#"{{ "distribution": "uniform", "low": {a}, "high": {b} }}"#);
        check_shut(&uncertain_shock(days, &rate, "1", "1"), 1.0 - survive, &rate);
    }
}

#[test]
fn triangular_and_log_uniform_probabilities_integrate_over_their_densities() {
    // Compliance C ~ triangular(0.2, 0.5, 0.9) at a fixed rate r = 1.5 a year, permanent:
    // P(survive a year) = E[exp(−r·C)], integrated against the triangle's density.
    let r = 1.5;
    let (lo, mode, hi) = (0.2, 0.5, 0.9);
    let tri = |x: f64| {
        if x < mode { 2.0 * (x - lo) / ((hi - lo) * (mode - lo)) } else { 2.0 * (hi - x) / ((hi - lo) * (hi - mode)) }
    };
    let survive = simpson(lo, mode, |x| (-r * x).exp() * tri(x)) + simpson(mode, hi, |x| (-r * x).exp() * tri(x));
    let comply = format!(r#"{{ "distribution": "triangular", "low": {lo}, "mode": {mode}, "high": {hi} }}"#);
    check_shut(&uncertain_shock(365, "1.5", &comply, "1"), 1.0 - survive, &comply);
    // Permanence P ~ log-uniform(0.05, 0.8): density 1/(x·ln(b/a)).
    let (a, b) = (0.05f64, 0.8f64);
    let survive = simpson(a, b, |x| (-r * x).exp() / (x * (b / a).ln()));
    let permanent = format!(r#"{{ "distribution": "log_uniform", "low": {a}, "high": {b} }}"#);
    check_shut(&uncertain_shock(365, "1.5", "1", &permanent), 1.0 - survive, &permanent);
}

#[test]
fn a_trials_draw_is_its_own_moving_another_input_leaves_it_and_a_larger_rate_adds_arrivals() {
    // Per trial: the shock count depends only on the trial's drawn rate and the shock's own
    // stream, so a change to the shock's duration leaves every count as it was; a record
    // with fewer years (every quantile higher) never lowers one.
    let rate =
        |years: f64| format!(r#"{{ "distribution": "gamma", "events": 1, "years": {years}, "prior": "jeffreys" }}"#);
    let counts = |s: &Scenario| {
        let m = compute_shock::Model::new(s).unwrap();
        let engine = Engine::new(&m, 3);
        let mut scratch = Scratch::new(&m);
        (0..4_000).map(|t| engine.run_trial(t, &mut scratch).policy_shocks).collect::<Vec<_>>()
    };
    let base = uncertain_shock(730, &rate(2.0), "1", "0");
    let mut longer = base.clone();
    longer.shocks[0].duration_days.median = 40.0.into();
    longer.shocks[0].duration_days.p90 = 90.0;
    assert_eq!(counts(&base), counts(&longer), "the rate's draws moved with the duration");
    let higher = counts(&uncertain_shock(730, &rate(1.0), "1", "0"));
    let base = counts(&base);
    assert!(base.iter().zip(&higher).all(|(a, b)| b >= a), "a higher rate removed an arrival");
    assert!(base.iter().zip(&higher).any(|(a, b)| b > a), "a higher rate added no arrival");
    // Streams are named by id: a second shock put first (rate 0, so it adds no arrival)
    // leaves the uncertain shock's draws, and so every count, as they were.
    let mut reordered = uncertain_shock(730, &rate(2.0), "1", "0");
    let mut quiet = reordered.shocks[0].clone();
    quiet.id = "quiet".into();
    quiet.rate_per_year = 0.0.into();
    reordered.shocks.insert(0, quiet);
    assert_eq!(counts(&reordered), base, "the rate's draws moved with the shock's position");
    // The draws differ between trials: the counts are not one fixed rate's.
    let spread = base.iter().filter(|&&n| n >= 4).count();
    assert!(spread > 0, "no trial drew a high rate");
}

#[test]
fn the_summary_names_each_uncertain_input_with_its_percentiles() {
    // Jeffreys with no events in 3.3 years: Gamma(1/2, 3.3), whose quantile is z²/6.6 with z
    // the normal quantile at (1 + u)/2: p10 0.0023925415, p50 0.0689297611, p90 0.4099308264;
    // mean 0.5/3.3.
    let rate = r#"{ "distribution": "gamma", "events": 0, "years": 3.3, "prior": "jeffreys" }"#;
    let s = uncertain_shock(365, rate, r#"{ "distribution": "uniform", "low": 0.5, "high": 1 }"#, "1");
    let summary = run(&s, RunOptions::new(100.0, 1.0).unwrap()).unwrap();
    let u = &summary.uncertain;
    assert_eq!(u.len(), 2);
    assert_eq!((u[0].field.as_str(), u[0].distribution.as_str()), ("shocks[0].rate_per_year", "gamma"));
    assert_eq!((u[0].mean, u[0].p10, u[0].p50, u[0].p90), (0.15151515, 0.00239254, 0.06892976, 0.40993083));
    assert_eq!(
        (u[1].field.as_str(), u[1].mean, u[1].p10, u[1].p90),
        ("shocks[0].comply_probability", 0.75, 0.55, 0.95)
    );
    // A scenario without one has no `uncertain` in its JSON.
    let fixed = run(&uncertain_shock(365, "0.5", "1", "1"), RunOptions::new(100.0, 1.0).unwrap()).unwrap();
    assert!(!fixed.to_json().contains("uncertain"));
}

#[test]
fn uncertain_gpus_and_floor_are_drawn_once_a_trial() {
    // GPUs ~ U(500, 1,500) at a site always up: each trial's capacity is its draw every day,
    // so the last day's mean is 1,000 within its standard error (1,000/√12/√n); the summary
    // gives the whole GPUs of the 10th and 90th percentiles (600 and 1,400), what the tornado
    // sets.
    let trials = 20_000u64;
    let json = one_site(30, "", "")
        .replace(r#""gpus": 1000"#, r#""gpus": { "distribution": "uniform", "low": 500, "high": 1500 }"#);
    let m = model(&json);
    let days = paths(&m, 5, trials);
    assert!(days.iter().all(|d| d.iter().all(|&x| x == d[0])), "one draw a trial");
    let last: Vec<f64> = days.iter().map(|d| d[29]).collect();
    let (mean, _) = mean_and_se(&last);
    let se = 1000.0 / 12f64.sqrt() / (trials as f64).sqrt();
    assert!((mean - 1000.0).abs() < Z * se, "mean {mean}, se {se}");
    let summary = run(&Scenario::from_json(&json).unwrap(), RunOptions::new(1000.0, 5.0).unwrap()).unwrap();
    let u = &summary.uncertain[0];
    assert_eq!((u.field.as_str(), u.p10, u.p90, u.mean), ("sites[0].gpus", 600.0, 1400.0, 1000.0));
    // The histogram's top covers the largest draw.
    assert_eq!(summary.max_capacity_b200e, 1500.0);

    // The floor ~ U(500, 1,500) against 1,000 B200 always up: below it every day in the
    // trials whose floor is above 1,000, half of them; a growing floor scales with the draw.
    let floor = r#", "requirement_b200e": { "distribution": "uniform", "low": 500, "high": 1500 }"#;
    let summary = run(
        &Scenario::from_json(&one_site(30, "", floor)).unwrap(),
        RunOptions::new(f64::from(trials as u32), 5.0).unwrap(),
    )
    .unwrap();
    let p = summary.probabilities.any_shortfall;
    assert!((p - 0.5).abs() < Z * binomial_se(0.5, trials as f64), "{p}");
    assert_eq!(summary.probabilities.shortfall_7_days, p);
    assert_eq!(summary.requirement_b200e, 1000.0, "the chart's floor is the mean");
    for &share in &summary.bands.below_requirement {
        assert_eq!(share, p, "the same trials below it every day");
    }
    // Doubling every 30 days from a floor drawn between 500 and 1,500: above 1,000 by day 30
    // when the draw is above 500 (all but none), so nearly every trial is below it by then.
    let growing = one_site(60, "", &format!(r#"{floor}, "requirement_growth": {{ "doubling_days": 30 }}"#));
    let summary = run(&Scenario::from_json(&growing).unwrap(), RunOptions::new(2000.0, 5.0).unwrap()).unwrap();
    assert_eq!(summary.bands.below_requirement[30], 1.0);
    assert!(summary.bands.below_requirement[0] < 0.6);
}

#[test]
fn a_drawn_median_gives_each_future_its_own_length() {
    // One halt on day 0, complied with at once, its length's median M ~ U(10, 50) and its
    // p90 at the mean, 30 (so no spread about the median: each future's halt lasts exactly
    // its draw). A day t is short when the halt covers more than half of it, so the share
    // of futures short on day t is P(M > t + 1/2) = (50 − t − 1/2) / 40 between day 10 and
    // day 49; each within four binomial standard errors. The summary names the input.
    let json = r#"{ "horizon_days": 80, "requirement_b200e": 500,
        "sites": [ { "id": "s", "jurisdiction": "JP", "route": "r", "chip": "B200", "gpus": 1000 } ],
        "shocks": [ { "id": "k", "rate_per_year": 0, "scheduled_days": [0], "effect": "halt",
                      "comply_probability": 1, "permanent_probability": 0,
                      "duration_days": { "median": { "distribution": "uniform", "low": 10, "high": 50 }, "p90": 30 } } ] }"#;
    let scenario = Scenario::from_json(json).unwrap();
    let n = 20_000u32;
    let s = compute_shock::run(&scenario, RunOptions::new(f64::from(n), 5.0).unwrap()).unwrap();
    for t in [12usize, 20, 30, 40, 48] {
        let expected = (50.0 - t as f64 - 0.5) / 40.0;
        let se = (expected * (1.0 - expected) / f64::from(n)).sqrt();
        let got = s.bands.below_requirement[t];
        assert!((got - expected).abs() < 4.0 * se + 1e-4, "day {t}: {got} against {expected}");
    }
    assert_eq!(s.bands.below_requirement[5], 1.0, "every halt lasts at least 10 days");
    assert_eq!(s.bands.below_requirement[60], 0.0, "and at most 50");
    let u = s.uncertain.iter().find(|u| u.field == "shocks[0].duration_days.median").unwrap();
    assert!((u.p10 - 14.0).abs() < 1e-9 && (u.p90 - 46.0).abs() < 1e-9, "{u:?}");
    // A median drawn below 0, and one where none may be drawn, are refused by name.
    let bad = json.replace(r#""low": 10"#, r#""low": 0"#);
    let e = Scenario::from_json(&bad).and_then(|s| compute_shock::Model::new(&s).map(|_| ())).unwrap_err();
    assert_eq!(e.field, "shocks[0].duration_days.median", "{e}");
    let relocation = json.replace(
        r#""horizon_days": 80,"#,
        r#""horizon_days": 80, "relocation": { "share": 0.5, "delay_days": { "median": { "distribution": "uniform", "low": 1, "high": 2 }, "p90": 3 } },"#,
    );
    let e = Scenario::from_json(&relocation).and_then(|s| compute_shock::Model::new(&s).map(|_| ())).unwrap_err();
    assert_eq!(e.field, "relocation.delay_days.median", "{e}");
}
