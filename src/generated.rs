//! Scenarios drawn from a seed, for tests: the day-by-day oracle's (`Size::Oracle`: up to six
//! sites, four shocks and two years) and the work estimate's bound (`Size::Heavy`: up to 16
//! sites, eight shocks and ten years; `examples/work.rs`, `scripts/work-bound.mjs`). Each
//! draws every kind of input: up to six sites (ramps, delays, partial outages), shocks
//! (halts and freezes, scheduled arrivals, every way of complying), operator distress,
//! stepped requirements, separate pools and relocation to a site or in place.

// Test support, never in the page's engine: the one unwrap is of a fixed date that parses.
#![allow(clippy::unwrap_used)]

/// How large the drawn scenarios may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    Oracle,
    Heavy,
}

/// A halt's re-letting: none, a share, or drawn at each halt.
const RELET: [&str; 3] =
    ["", r#", "relet_share": 0.5"#, r#", "relet_share": {"distribution": "uniform", "low": 0, "high": 1}"#];

/// A duration whose median each trial draws (its p90 at the median's mean, 31).
const DRAWN_MEDIAN: &str = r#"{"median": {"distribution": "uniform", "low": 2, "high": 60}, "p90": 90}"#;

/// The scenario drawn from `seed`, as JSON text.
pub fn scenario_json(seed: u64, size: Size) -> String {
    let mut state = seed ^ 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    let horizon = match size {
        Size::Oracle => [7, 30, 200, 365, 730][next(5) as usize],
        Size::Heavy => [30, 365, 730, 1825, 3650][next(5) as usize],
    };
    // Day 0 is 1 January 2026; a date `d` days from it.
    let date = |d: i64| crate::date::Date::parse("", "2026-01-01").unwrap().plus(d).to_string();
    let days = |median: u64, k: u64| {
        // A median of 0 is no time at all (p90 0 too).
        let p90 = if median == 0 { 0.0 } else { (median * k) as f64 / 4.0 + 0.5 };
        format!(r#"{{"median": {}, "p90": {p90}}}"#, median as f64 / 4.0)
    };
    let ops = 1 + next(2);
    let operators: Vec<String> = (0..ops)
        .map(|o| match next(2) {
            0 => format!(r#"{{"id": "op{o}"}}"#),
            _ => format!(
                r#"{{"id": "op{o}", "distress": {{"rate_per_year": {}, "duration_days": {}, "permanent_probability": {}{}}}}}"#,
                ["0.1", "2.0", "10.0", r#"{"distribution": "log_uniform", "low": 0.1, "high": 5}"#][next(4) as usize],
                // A distress halt's length, its median drawn in one case in four (as below
                // for outages, construction delays and a shock's lag and length).
                if next(4) == 0 { DRAWN_MEDIAN.to_string() } else { days(1 + next(200), 1 + next(5)) },
                ["0.0", "0.3", "1.0", r#"{"distribution": "uniform", "low": 0, "high": 0.6}"#][next(4) as usize],
                RELET[next(3) as usize]
            ),
        })
        .collect();
    let n = 1 + next(match size {
        Size::Oracle => 6,
        Size::Heavy => 16,
    });
    let chips = ["B200", "B300", "H20"];
    let sites: Vec<String> = (0..n)
        .map(|i| {
            let delay = match next(4) {
                0 | 1 => String::new(),
                2 => format!(r#", "online_delay_days": {DRAWN_MEDIAN}"#),
                _ => format!(r#", "online_delay_days": {}"#, days(1 + next(300), 1 + next(4))),
            };
            let outages = if next(5) == 0 {
                String::new()
            } else {
                format!(
                    r#", "outages": {{"rate_per_year": {}, "duration_days": {}, "fraction": {}}}"#,
                    ["0.07", "2.0", "40.0", r#"{"distribution": "uniform", "low": 0.5, "high": 5}"#][next(4) as usize],
                    if next(4) == 0 { DRAWN_MEDIAN.to_string() } else { days(1 + next(30), 1 + next(5)) },
                    [1.0, 0.5, 0.3333][next(3) as usize]
                )
            };
            // Online on a day, or on a date (before day 0: part or all of its ramp is behind it).
            let online = match next(3) {
                0 => r#""online_day": 0"#.to_string(),
                1 => format!(r#""online_day": {}"#, next(horizon)),
                _ => format!(r#""online_date": "{}""#, date(next(400 + horizon) as i64 - 400)),
            };
            format!(
                r#"{{"id": "s{i}", "jurisdiction": "{}", "operator": "op{}", "route": "r{}", "chip": "{}", "gpus": {}, {online}, "ramp_days": {}{delay}{outages}}}"#,
                ["JP", "AU", "CN"][next(3) as usize],
                next(ops),
                next(2),
                chips[next(3) as usize],
                ["100", "15000", "123457", r#"{"distribution": "uniform", "low": 5000, "high": 20000}"#][next(4) as usize],
                [0, 1, 7, 90, 365][next(5) as usize]
            )
        })
        .collect();
    let shock_count = next(match size {
        Size::Oracle => 5,
        Size::Heavy => 9,
    });
    let shocks: Vec<String> = (0..shock_count)
        .map(|k| {
            let scheduled = match next(4) {
                0 => format!(r#", "scheduled_days": [{}]"#, next(horizon)),
                1 => format!(r#", "scheduled_dates": ["{}", "{}"]"#, date(next(horizon) as i64 - 30), date(next(horizon) as i64)),
                _ => String::new(),
            };
            let effect = ["halt", "freeze"][next(2) as usize];
            let relet = if effect == "halt" { RELET[next(3) as usize] } else { "" };
            format!(
                r#"{{"id": "k{k}", "rate_per_year": {}, "effect": "{effect}", "targets": {{"jurisdictions": {}}}, "comply_probability": {}, "comply_by": "{}", "lag_days": {}, "permanent_probability": {}, "duration_days": {}{scheduled}{relet}}}"#,
                [
                    "0.0",
                    "0.6",
                    "4.0",
                    "20.0",
                    r#"{"distribution": "gamma", "events": 2, "years": 3, "prior": "jeffreys"}"#,
                    r#"{"distribution": "uniform", "low": 0.5, "high": 8}"#
                ][next(6) as usize],
                ["[]", r#"["JP"]"#, r#"["CN"]"#][next(3) as usize],
                ["1.0", "0.5", r#"{"distribution": "triangular", "low": 0.2, "mode": 0.6, "high": 1}"#][next(3) as usize],
                ["site", "operator", "jurisdiction", "all"][next(4) as usize],
                if next(4) == 0 { DRAWN_MEDIAN.to_string() } else { days(next(200), 1 + next(3)) },
                ["0.0", "0.5", "1.0", r#"{"distribution": "uniform", "low": 0, "high": 1}"#][next(4) as usize],
                if next(4) == 0 { DRAWN_MEDIAN.to_string() } else { days(1 + next(400), 1 + next(5)) }
            )
        })
        .collect();
    let requirement = match next(4) {
        0 => "9700".to_string(),
        1 => "0".to_string(),
        2 => r#"{"distribution": "uniform", "low": 5000, "high": 15000}"#.to_string(),
        _ => format!(r#"[{{"day": 0, "b200e": 1000}}, {{"day": {}, "b200e": 50000}}]"#, 1 + next(horizon - 1)),
    };
    let pick = |k: u64| {
        format!(
            "[{}]",
            (0..n).filter(|i| (k >> i) & 1 == 1).map(|i| format!(r#""s{i}""#)).collect::<Vec<_>>().join(",")
        )
    };
    let (req_sites, train_sites) = (next(1 << n), next(1 << n));
    // A fallback for the run: sites outside its own, at an efficiency.
    let fallback_sites = next(1 << n) & !train_sites;
    let fallback = if fallback_sites == 0 {
        String::new()
    } else {
        format!(
            r#", "fallback": {{"sites": {}, "efficiency": {}}}"#,
            pick(fallback_sites),
            [1.0, 0.5, 0.3][next(3) as usize]
        )
    };
    let growth = if next(3) == 0 {
        // No faster than a floor that stays under the 1e9 B200e the check allows over ten years.
        format!(r#", "requirement_growth": {{"doubling_days": {}}}"#, (60 + next(400)).max(horizon / 12))
    } else {
        String::new()
    };
    let relocation = match next(3) {
        0 => String::new(),
        1 => format!(r#", "relocation": {{"share": 0.5, "delay_days": {}}}"#, days(next(400), 2)),
        _ => format!(
            r#", "relocation": {{"share": 1.0, "delay_days": {}, "to_site": "s{}"}}"#,
            days(next(400), 2),
            next(n)
        ),
    };
    let json = format!(
        r#"{{"start_date": "2026-01-01", "horizon_days": {horizon}, "requirement_b200e": {requirement}{growth}, "requirement_sites": {}, "training_run": {{"flop": {}, "mfu": 0.4, "start_day": {}, "sites": {}{fallback}}}, "operators": [{}], "sites": [{}], "shocks": [{}]{relocation}}}"#,
        if req_sites == 0 { "[]".into() } else { pick(req_sites) },
        [1e22, 3.8e25][next(2) as usize],
        next(horizon),
        if train_sites == 0 { "[]".into() } else { pick(train_sites) },
        operators.join(","),
        sites.join(","),
        shocks.join(",")
    );
    json
}
