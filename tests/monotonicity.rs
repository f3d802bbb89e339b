//! Common random numbers make outcomes monotone in the risk parameters: for a fixed seed,
//! with relocation off, raising a risk never raises any trial's capacity on any day, and
//! adding GPUs or relocation share never lowers it (docs/MODEL.md, "Reproducibility").
#![cfg(not(target_arch = "wasm32"))]

mod common;

use compute_shock::scenario::{
    ComplyBy, Days, Distress, Effect, Growth, Operator, Outages, Quantity, Relocation, Scenario, Shock, Site, Targets,
};
use compute_shock::{Engine, Model, Scratch};
use proptest::prelude::*;

const HORIZON: f64 = 150.0;
const TRIALS: u64 = 12;

fn days() -> impl Strategy<Value = Days> {
    (0.2f64..40.0, 1.0f64..4.0).prop_map(|(median, ratio)| Days::new(median, median * ratio))
}

fn site(i: usize) -> impl Strategy<Value = Site> {
    (
        0u32..20_000,
        prop::sample::select(vec!["B200", "H200", "H20"]),
        prop::sample::select(vec!["offshore_rental", "domestic"]),
        prop::sample::select(vec!["JP", "MY"]),
        0u32..60,
        0u32..90,
        0.5f64..=1.0,
        prop::option::of(days()),
        prop::option::of((0.0f64..40.0, days(), 0.0f64..=1.0)),
    )
        .prop_map(move |(gpus, chip, route, j, online, ramp, availability, delay, outages)| Site {
            id: format!("site{i}"),
            name: None,
            jurisdiction: j.into(),
            operator: Some("op".into()),
            route: route.into(),
            chip: chip.into(),
            gpus: f64::from(gpus).into(),
            online_day: Some(f64::from(online)),
            online_date: None,
            ramp_days: Some(f64::from(ramp)),
            availability: Some(availability),
            online_delay_days: delay,
            outages: outages.map(|(rate_per_year, duration_days, fraction)| Outages {
                rate_per_year: rate_per_year.into(),
                duration_days,
                fraction: Some(fraction),
            }),
        })
}

fn shock(i: usize) -> impl Strategy<Value = Shock> {
    (
        0.0f64..6.0,
        prop::bool::ANY,
        prop::option::of(prop::sample::select(vec!["offshore_rental", "domestic"])),
        0.0f64..=1.0,
        prop::option::of(days()),
        0.0f64..=1.0,
        days(),
        prop::collection::vec(0.0f64..HORIZON, 0..=2),
        prop::option::of(prop::sample::select(vec![
            ComplyBy::Site,
            ComplyBy::Operator,
            ComplyBy::Jurisdiction,
            ComplyBy::All,
        ])),
        prop::option::of(0.0f64..=1.0),
    )
        .prop_map(
            move |(rate, halt, route, comply, lag, permanent, duration, scheduled_days, comply_by, relet)| Shock {
                id: format!("shock{i}"),
                name: None,
                kind: None,
                rate_per_year: rate.into(),
                effect: if halt { Effect::Halt } else { Effect::Freeze },
                targets: route.map(|r| Targets { routes: vec![r.into()], ..Targets::default() }),
                comply_probability: Some(comply.into()),
                lag_days: lag,
                permanent_probability: Some(permanent.into()),
                duration_days: duration,
                scheduled_days,
                scheduled_dates: Vec::new(),
                comply_by,
                relet_share: if halt { relet.map(Quantity::from) } else { None },
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(Just(()), 1..=3).prop_flat_map(|v| {
            let n = v.len();
            (0..n).map(site).collect::<Vec<_>>()
        }),
        prop::collection::vec(Just(()), 0..=3).prop_flat_map(|v| {
            let n = v.len();
            (0..n).map(shock).collect::<Vec<_>>()
        }),
        prop::option::of((0.0f64..3.0, days(), 0.0f64..=1.0)),
        prop::option::of((30u32..400, 1u32..60)),
    )
        .prop_map(|(sites, shocks, distress, growth)| Scenario {
            name: None,
            start_date: None,
            horizon_days: Some(HORIZON),
            requirement_b200e: None,
            requirement_growth: growth
                .map(|(doubling, step)| Growth { doubling_days: doubling.into(), step_days: Some(step.into()) }),
            requirement_sites: Vec::new(),
            training_run: None,
            chips: Default::default(),
            operators: vec![Operator {
                id: "op".into(),
                name: None,
                distress: distress.map(|(rate_per_year, duration_days, p)| Distress {
                    rate_per_year: rate_per_year.into(),
                    duration_days,
                    permanent_probability: Some(p.into()),
                    relet_share: None,
                }),
            }],
            sites,
            shocks,
            relocation: None,
        })
}

/// A change to a scenario that must move capacity one way.
#[derive(Clone, Debug)]
enum Change {
    ShockRate(usize, f64),
    Comply(usize, f64),
    Permanence(usize, f64),
    ShockDuration(usize, f64),
    OutageRate(usize, f64),
    OutageFraction(usize, f64),
    OutageDuration(usize, f64),
    DistressRate(f64),
    DistressDuration(f64),
    DistressPermanence(f64),
    MoreGpus(usize, f64),
    MoreRelocation(f64, f64),
    Relet(usize, f64),
}

impl Change {
    /// True when the change can only add capacity.
    fn adds(&self) -> bool {
        matches!(self, Change::MoreGpus(..) | Change::MoreRelocation(..))
    }

    fn apply(&self, s: &mut Scenario) {
        // The generated scenarios' figures are all fixed numbers.
        let raise = |x: &mut Quantity, by: f64, max: f64| {
            if let Quantity::Fixed(v) = x {
                *v = (*v + by).min(max);
            }
        };
        let scale = |d: &mut Days, k: f64| {
            if let Quantity::Fixed(m) = &mut d.median {
                *m *= k;
            }
            d.p90 *= k;
        };
        let n_sites = s.sites.len();
        let n_shocks = s.shocks.len().max(1);
        match *self {
            Change::ShockRate(k, by) => {
                s.shocks.get_mut(k % n_shocks).into_iter().for_each(|x| raise(&mut x.rate_per_year, by, 52.0))
            }
            Change::Comply(k, by) => s
                .shocks
                .get_mut(k % n_shocks)
                .into_iter()
                .for_each(|x| raise(x.comply_probability.get_or_insert(Quantity::Fixed(1.0)), by, 1.0)),
            Change::Permanence(k, by) => s
                .shocks
                .get_mut(k % n_shocks)
                .into_iter()
                .for_each(|x| raise(x.permanent_probability.get_or_insert(Quantity::Fixed(0.0)), by, 1.0)),
            Change::ShockDuration(k, f) => {
                s.shocks.get_mut(k % n_shocks).into_iter().for_each(|x| scale(&mut x.duration_days, f))
            }
            Change::OutageRate(k, by) => {
                s.sites[k % n_sites].outages.iter_mut().for_each(|o| raise(&mut o.rate_per_year, by, 365.0))
            }
            Change::OutageFraction(k, by) => s.sites[k % n_sites].outages.iter_mut().for_each(|o| {
                let f = o.fraction.get_or_insert(1.0);
                *f = (*f + by).min(1.0);
            }),
            Change::OutageDuration(k, f) => {
                s.sites[k % n_sites].outages.iter_mut().for_each(|o| scale(&mut o.duration_days, f))
            }
            Change::DistressRate(by) => {
                s.operators[0].distress.iter_mut().for_each(|d| raise(&mut d.rate_per_year, by, 52.0))
            }
            Change::DistressDuration(f) => {
                s.operators[0].distress.iter_mut().for_each(|d| scale(&mut d.duration_days, f))
            }
            Change::DistressPermanence(by) => s.operators[0]
                .distress
                .iter_mut()
                .for_each(|d| raise(d.permanent_probability.get_or_insert(Quantity::Fixed(0.0)), by, 1.0)),
            Change::MoreGpus(k, by) => raise(&mut s.sites[k % n_sites].gpus, by.round(), 10_000_000.0),
            Change::MoreRelocation(..) => {}
            // More of a halted site's GPUs let to others when a halt lifts.
            Change::Relet(k, by) => s
                .shocks
                .get_mut(k % n_shocks)
                .filter(|x| x.effect == Effect::Halt)
                .into_iter()
                .for_each(|x| raise(x.relet_share.get_or_insert(Quantity::Fixed(0.0)), by, 1.0)),
        }
    }
}

fn change() -> impl Strategy<Value = Change> {
    let k = 0usize..3;
    let by = 0.0f64..3.0;
    let p = 0.0f64..0.6;
    let f = 1.01f64..4.0;
    prop_oneof![
        (k.clone(), by.clone()).prop_map(|(k, b)| Change::ShockRate(k, b)),
        (k.clone(), p.clone()).prop_map(|(k, b)| Change::Comply(k, b)),
        (k.clone(), p.clone()).prop_map(|(k, b)| Change::Permanence(k, b)),
        (k.clone(), p.clone()).prop_map(|(k, b)| Change::Relet(k, b)),
        (k.clone(), f.clone()).prop_map(|(k, b)| Change::ShockDuration(k, b)),
        (k.clone(), by.clone()).prop_map(|(k, b)| Change::OutageRate(k, b * 10.0)),
        (k.clone(), p.clone()).prop_map(|(k, b)| Change::OutageFraction(k, b)),
        (k.clone(), f.clone()).prop_map(|(k, b)| Change::OutageDuration(k, b)),
        by.clone().prop_map(Change::DistressRate),
        f.clone().prop_map(Change::DistressDuration),
        p.clone().prop_map(Change::DistressPermanence),
        (k, 1.0f64..5000.0).prop_map(|(k, b)| Change::MoreGpus(k, b)),
        (0.0f64..0.5, 0.0f64..0.5).prop_map(|(a, b)| Change::MoreRelocation(a, b)),
    ]
}

fn capacity(s: &Scenario, seed: u64) -> Vec<Vec<f64>> {
    let model = Model::new(s).unwrap_or_else(|e| panic!("generated scenario invalid: {e}"));
    let engine = Engine::new(&model, seed);
    let mut scratch = Scratch::new(&model);
    (0..TRIALS)
        .map(|t| {
            engine.run_trial(t, &mut scratch);
            scratch.capacity.to_days()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn capacity_moves_one_way(base in scenario(), change in change(), seed in 0u64..1000) {
        let mut before = base.clone();
        let mut after = base;
        if let Change::MoreRelocation(share, by) = change {
            // Relocation on for both; only the share differs.
            let delay = Some(Days::new(20.0, 60.0));
            before.relocation = Some(Relocation { share, delay_days: delay.clone(), to_site: None });
            after.relocation = Some(Relocation { share: share + by, delay_days: delay, to_site: None });
        }
        change.apply(&mut after);
        // A change that changes nothing (no shocks to raise, a probability already at 1) says
        // nothing: draw another.
        prop_assume!(after != before);
        let (a, b) = (capacity(&before, seed), capacity(&after, seed));
        for (trial, (x, y)) in a.iter().zip(&b).enumerate() {
            for (day, (&x, &y)) in x.iter().zip(y).enumerate() {
                // Sums of the same terms in another grouping differ in their last bits only.
                let tol = 1e-9 * x.abs().max(1.0);
                if change.adds() {
                    prop_assert!(y >= x - tol, "{change:?}: trial {trial} day {day}: {x} -> {y}");
                } else {
                    prop_assert!(y <= x + tol, "{change:?}: trial {trial} day {day}: {x} -> {y}");
                }
            }
        }
    }
}
