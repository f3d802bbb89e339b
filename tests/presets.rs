//! The built-in presets: valid, sourced, and telling the story they are named for.
#![cfg(not(target_arch = "wasm32"))]

use compute_shock::date::Date;
use compute_shock::presets::{self, Label};
use compute_shock::{Model, RunOptions, run};
use serde_json::Value;

#[test]
fn every_preset_file_parses_and_validates() {
    let all = presets::all();
    assert_eq!(all.len(), 4, "a preset file failed to parse");
    for p in &all {
        Model::new(&p.scenario).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert_eq!(p.scenario.name.as_deref(), Some(p.name.as_str()));
        // The evidence it accounts for is dated, and no earlier than its day 0 (the world
        // it starts from is the one its evidence describes).
        let as_of = Date::parse("as_of", &p.as_of).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        let start = Date::parse("start_date", p.scenario.start_date.as_deref().unwrap()).unwrap();
        assert!(as_of.days_since(start) >= 0, "{}: evidence as of {as_of}, before its day 0 {start}", p.id);
    }
    assert_eq!(all[0].id, "tencent-datasection", "the first preset is the default the docs name");
}

/// Follows a path such as `sites[0].outages.duration_days` into a JSON value.
fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = v;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, Some(rest.trim_end_matches(']').parse::<usize>().ok()?)),
            None => (part, None),
        };
        cur = cur.get(key)?;
        if let Some(i) = index {
            cur = cur.get(i)?;
        }
    }
    Some(cur)
}

#[test]
fn every_source_names_a_figure_the_scenario_has() {
    for p in presets::all() {
        let v = serde_json::to_value(&p.scenario).unwrap();
        assert!(!p.sources.is_empty());
        for s in &p.sources {
            assert!(lookup(&v, &s.field).is_some(), "{}: source for missing field {}", p.id, s.field);
            assert!(!s.note.trim().is_empty());
            if s.label == Label::Reported {
                assert!(s.source.is_some(), "{}: reported figure {} names no source", p.id, s.field);
            }
            // Every assumed number says how far it could be off; a figure lies in its own range.
            if s.label == Label::Assumed && lookup(&v, &s.field).is_some_and(Value::is_number) {
                assert!(s.range.is_some(), "{}: assumption {} has no range", p.id, s.field);
            }
            if let (Some([lo, hi]), Some(x)) = (s.range, lookup(&v, &s.field).and_then(Value::as_f64)) {
                assert!(lo <= hi && (lo..=hi).contains(&x), "{}: {} = {x} outside its range {lo}-{hi}", p.id, s.field);
            }
        }
    }
}

#[test]
fn presets_tell_their_stories() {
    let options = RunOptions::new(4000.0, 1.0).unwrap();
    let get = |id: &str| run(&presets::find(id).unwrap().scenario, options).unwrap();

    // The CEO's worst case, literally: one halt of a week, on a stated day inside the
    // training run, never permanent. The run finishes a week later than its status quo at
    // every reported percentile (an ordinary outage in the extra week adds a little in a few
    // futures: fewer than 1%), and the firm is below the floor for that week.
    let ceo = get("ceo-worst-case");
    assert_eq!(ceo.sites[0].p_permanent_shutdown, 0.0);
    assert_eq!(ceo.metrics.policy_shocks.p5, Some(1.0));
    assert_eq!(ceo.metrics.policy_shocks.p95, Some(1.0));
    let delay = &ceo.metrics.training_delay_days;
    assert_eq!((delay.stat.p5, delay.stat.p50, delay.stat.p95), (Some(7.0), Some(7.0), Some(7.0)));
    assert!(ceo.probabilities.training_delay_over_7_days < 0.01);
    assert_eq!(ceo.metrics.final_capacity_b200e.p50, Some(15_000.0 * 0.97));

    // Two-track: the domestic fleet keeps the firm above zero in nearly every future, where
    // offshore-only Tencent is left with nothing in some.
    let tencent = get("tencent-datasection");
    let two = get("two-track");
    assert_eq!(tencent.metrics.final_capacity_b200e.p5, Some(0.0));
    assert!(two.metrics.final_capacity_b200e.p5.unwrap() > 5000.0);
    assert!(two.probabilities.any_shortfall < tencent.probabilities.any_shortfall);

    // The run starts after day 0 (nothing is pending today), so rules that arrive meanwhile
    // can delay it: in some futures by more than a month, against the same futures without
    // them (about 3% with the register's rates: 0.03305 at 20,000 trials; at 4,000 its
    // standard error is 0.003, so 1% is more than seven below).
    for p in [&tencent, &two] {
        assert!(p.probabilities.training_delay_over_30_days > 0.01, "{}", p.scenario);
    }

    // Southeast Asia: rented sites, nothing moved home (Malaysia's permits block it), so
    // the worst futures end with nothing.
    let sea = get("southeast-asia");
    assert_eq!(sea.metrics.final_capacity_b200e.p5, Some(0.0));
}

#[test]
fn the_page_gets_every_preset_as_written() {
    let page: Vec<presets::Preset> = serde_json::from_str(&presets::json()).unwrap();
    assert_eq!(page, presets::all());
    assert_eq!(page.len(), 4);
}
