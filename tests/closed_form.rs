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
                scratch.sites[0].up_days / scratch.sites[0].scheduled_days
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
    let resolution = summary.resolution_b200e;
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
