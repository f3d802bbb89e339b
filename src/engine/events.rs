//! A trial's events: the uncertain figures drawn for it, each site's start, and the halts,
//! freezes, outages and re-lets that operator distress, policy shocks and outages put on the
//! sites. The engine ([`crate::trial`]) and the day-by-day one it is checked against share
//! this: they differ in how they turn events into days, never in which events there are.

use crate::intervals::{self, Interval};
use crate::model::{Model, Target, UncertainInput};
use crate::rng::{Arrivals, Stream, StreamKey};
use crate::scenario::Effect;
use crate::{greater, lesser};

pub(crate) const FOREVER: f64 = f64::INFINITY;

/// The stream keys of every component, for one seed.
struct Keys {
    shock: Vec<StreamKey>,
    /// `comply[k][j]`: shock k's compliance draws at its j-th target site.
    comply: Vec<Vec<StreamKey>>,
    /// Shock k's scheduled arrivals have streams of their own (their marks, and compliance
    /// at each target), so adding or moving one changes no random arrival's draws.
    scheduled: Vec<StreamKey>,
    comply_scheduled: Vec<Vec<StreamKey>>,
    distress: Vec<StreamKey>,
    outage: Vec<StreamKey>,
    delay: Vec<StreamKey>,
    relocate: Vec<StreamKey>,
    /// One stream per uncertain figure (`uncertain/shock/<id>/rate`, …): one draw a trial.
    uncertain: Vec<StreamKey>,
}

/// An uncertain figure as a trial draws it: the model's, and where it goes in the trial's
/// parameters.
struct Draw<'m> {
    slot: usize,
    input: &'m UncertainInput,
}

impl Draw<'_> {
    /// The figure's value in `trial`: one uniform from its stream, through the quantile (a
    /// rate a day). Once a trial, so kept out of line (the page's engine is smaller for it).
    #[inline(never)]
    fn value(&self, key: &StreamKey, trial: u64) -> f64 {
        let x = self.input.at(key.stream(trial).uniform());
        if self.input.target.is_rate() { x / 365.0 } else { x }
    }
}

/// Every stream a model's trials draw from, for one seed.
pub(crate) struct Streams<'m> {
    keys: Keys,
    draws: Vec<Draw<'m>>,
}

impl<'m> Streams<'m> {
    pub fn new(model: &'m Model, seed: u64) -> Self {
        let key = |parts: &[&str]| StreamKey::of(seed, parts);
        let each = |prefix: &str, ids: &mut dyn Iterator<Item = &String>| ids.map(|id| key(&[prefix, id])).collect();
        let groups = |prefix: &str| {
            let by_shock =
                model.shocks.iter().map(|k| k.group_names.iter().map(|g| key(&[prefix, &k.id, "/", g])).collect());
            by_shock.collect()
        };
        let keys = Keys {
            shock: each("shock/", &mut model.shocks.iter().map(|k| &k.id)),
            comply: groups("comply/"),
            scheduled: each("scheduled/", &mut model.shocks.iter().map(|k| &k.id)),
            comply_scheduled: groups("comply-scheduled/"),
            distress: each("distress/", &mut model.operators.iter().map(|o| &o.id)),
            outage: each("outage/", &mut model.sites.iter().map(|s| &s.id)),
            delay: each("delay/", &mut model.sites.iter().map(|s| &s.id)),
            relocate: each("relocate/", &mut model.sites.iter().map(|s| &s.id)),
            // Named by the component's id and the figure, as every other stream is, so a
            // comparison that removes or reorders a shock keeps each figure's draws.
            uncertain: model
                .uncertain
                .iter()
                .map(|u| {
                    let (component, id, figure) = match u.target {
                        Target::ShockRate(k) => ("shock/", &model.shocks[k].id, "/rate"),
                        Target::ShockComply(k) => ("shock/", &model.shocks[k].id, "/comply"),
                        Target::ShockPermanent(k) => ("shock/", &model.shocks[k].id, "/permanent"),
                        Target::DistressRate(i) => ("distress/", &model.operators[i].id, "/rate"),
                        Target::DistressPermanent(i) => ("distress/", &model.operators[i].id, "/permanent"),
                        Target::OutageRate(i) => ("outage/", &model.sites[i].id, "/rate"),
                        Target::SiteGpus(i) => ("site/", &model.sites[i].id, "/gpus"),
                        Target::Requirement => ("requirement", &String::new(), ""),
                        Target::ShockLag(k) => ("shock/", &model.shocks[k].id, "/lag"),
                        Target::ShockDuration(k) => ("shock/", &model.shocks[k].id, "/duration"),
                        Target::DistressDuration(i) => ("distress/", &model.operators[i].id, "/duration"),
                        Target::OutageDuration(i) => ("outage/", &model.sites[i].id, "/duration"),
                        Target::OnlineDelay(i) => ("site/", &model.sites[i].id, "/delay"),
                    };
                    key(&["uncertain/", component, id, figure])
                })
                .collect(),
        };
        let draws = model.uncertain.iter().map(|u| Draw { slot: model.slot(u.target), input: u }).collect();
        Streams { keys, draws }
    }

    /// Days from site `i`'s shutdown until its relocated GPUs work, in `trial`.
    fn relocation_delay(&self, model: &Model, i: usize, trial: u64) -> f64 {
        if model.relocation.delay.is_zero() {
            0.0
        } else {
            model.relocation.delay.quantile(self.keys.relocate[i].stream(trial).uniform())
        }
    }
}

/// What drawing a trial's events found, besides the events.
pub(crate) struct Drawn {
    pub policy_shocks: u32,
    /// A policy shock halted at least one site within the horizon.
    pub policy_shutdown: bool,
    /// A policy shock reached a site: without one, the status quo is the trial itself.
    pub touched: bool,
}

/// One trial's events, and its status quo's (the same with no policy shock), reused across
/// trials.
pub(crate) struct Events {
    /// The trial's figures (`Model::params`, the uncertain ones drawn for it).
    pub params: Vec<f64>,
    /// Each site's first day, its online delay drawn.
    pub start: Vec<f64>,
    pub halts: Vec<Vec<Interval>>,
    pub freezes: Vec<Vec<Interval>>,
    pub outages: Vec<Vec<Interval>>,
    pub permanent_from: Vec<f64>,
    /// Each site's halts that re-let GPUs: `(end, share the firm keeps)`, in draw order.
    pub relets: Vec<Vec<(f64, f64)>>,
    /// The earliest time a policy shock takes effect at a complying site in this trial.
    pub first_policy: f64,
    /// The status quo's halts, freezes (none), permanence and re-lets, swapped in to run the
    /// same sites again.
    sq_halts: Vec<Vec<Interval>>,
    sq_freezes: Vec<Vec<Interval>>,
    sq_permanent_from: Vec<f64>,
    sq_relets: Vec<Vec<(f64, f64)>>,
    comply: Vec<Option<Stream>>,
    complies: Vec<bool>,
    /// Halts and freezes the trial's policy shocks put on sites.
    policy_events: usize,
    /// Set by `draw`: this trial drew an event of any kind. The next draw clears the lists
    /// only then, and `Engine::whole_site` skips the lists when it is not set, so whatever
    /// adds an event to a list must be counted in it.
    drew: bool,
    /// Bit i: site i's start is drawn (an online delay); the others start on their day.
    /// (At most `MAX_SITES`, 64, sites.)
    delayed: u64,
}

impl Events {
    pub fn new(model: &Model) -> Self {
        let n = model.sites.len();
        Events {
            params: model.params.clone(),
            // (`+ 0.0` as a drawn delay of 0 would add: −0 becomes +0.)
            start: model.sites.iter().map(|s| s.online_day + 0.0).collect(),
            halts: vec![Vec::new(); n],
            freezes: vec![Vec::new(); n],
            outages: vec![Vec::new(); n],
            permanent_from: vec![FOREVER; n],
            relets: vec![Vec::new(); n],
            first_policy: FOREVER,
            sq_halts: vec![Vec::new(); n],
            sq_freezes: vec![Vec::new(); n],
            sq_permanent_from: vec![FOREVER; n],
            sq_relets: vec![Vec::new(); n],
            comply: Vec::new(),
            complies: Vec::new(),
            policy_events: 0,
            drew: false,
            delayed: {
                debug_assert!(n <= 64, "{n} sites: more than a bit set holds");
                model.sites.iter().enumerate().fold(0, |d, (i, s)| d | u64::from(!s.online_delay.is_zero()) << i)
            },
        }
    }

    /// Draws trial `trial`'s figures and events, and its status quo's.
    pub fn draw(&mut self, m: &Model, streams: &Streams, trial: u64) -> Drawn {
        let keys = &streams.keys;
        let horizon = m.horizon as f64;
        // The uncertain figures, drawn once for the trial from their own streams.
        for (d, key) in streams.draws.iter().zip(&keys.uncertain) {
            self.params[d.slot] = d.value(key, trial);
        }
        // The last trial's events cleared (none to clear after a trial that drew none).
        if self.drew {
            for i in 0..m.sites.len() {
                self.halts[i].clear();
                self.freezes[i].clear();
                self.outages[i].clear();
                self.relets[i].clear();
                self.permanent_from[i] = FOREVER;
                self.sq_halts[i].clear();
                self.sq_relets[i].clear();
                self.sq_permanent_from[i] = FOREVER;
            }
        }
        // A site's start: its online day and its delay (the others' set once, in `new`).
        let mut delayed = self.delayed;
        while delayed != 0 {
            let i = delayed.trailing_zeros() as usize;
            delayed &= delayed - 1;
            let site = &m.sites[i];
            let median = self.params[m.slot(Target::OnlineDelay(i))];
            let delay = site.online_delay.quantile_at(median, keys.delay[i].stream(trial).uniform());
            self.start[i] = site.online_day + delay;
        }
        let mut distress_halts = 0;

        // Operator distress halts every site the operator runs, from the day it strikes.
        for (k, op) in m.operators.iter().enumerate() {
            let Some(d) = op.distress else { continue };
            let rate = self.params[m.slot(Target::DistressRate(k))];
            let permanence = self.params[m.slot(Target::DistressPermanent(k))];
            let mut arrivals = Arrivals::new(keys.distress[k].stream(trial), rate, horizon);
            while let Some(t) = arrivals.next_time() {
                let marks = arrivals.marks();
                let permanent = marks.uniform() < permanence;
                let length = d.duration.quantile_at(self.params[m.slot(Target::DistressDuration(k))], marks.uniform());
                let relet = d.relet.share(|| marks.uniform());
                let end = if permanent { FOREVER } else { t + length };
                distress_halts += op.sites.len();
                for &s in &op.sites {
                    self.halts[s].push((t, end));
                    if permanent {
                        self.permanent_from[s] = lesser(self.permanent_from[s], t);
                    } else if relet > 0.0 {
                        self.relets[s].push((end, 1.0 - relet));
                    }
                }
            }
        }

        // The status quo: everything so far (distress, delays), and outages below, but no
        // policy shock. (Its lists are as cleared, and without distress in the trial it has
        // no halt, re-let or permanence.)
        if distress_halts > 0 {
            for i in 0..m.sites.len() {
                self.sq_halts[i].extend_from_slice(&self.halts[i]);
                self.sq_permanent_from[i] = self.permanent_from[i];
                self.sq_relets[i].extend_from_slice(&self.relets[i]);
            }
        }

        // Policy shocks: each arrival hits each complying target site from T + lag. Random
        // arrivals first, then the scheduled ones, each set with its own streams.
        let mut policy_shocks = 0u32;
        let mut policy_shutdown = false;
        self.first_policy = FOREVER;
        self.policy_events = 0;
        for (k, shock) in m.shocks.iter().enumerate() {
            self.comply.clear();
            self.comply.resize_with(shock.group_names.len(), || None);
            let mut arrivals =
                Arrivals::new(keys.shock[k].stream(trial), self.params[m.slot(Target::ShockRate(k))], horizon);
            while let Some(t) = arrivals.next_time() {
                policy_shocks += 1;
                policy_shutdown |= self.arrive(m, k, t, arrivals.marks(), &keys.comply[k], trial);
            }
            if !shock.scheduled.is_empty() {
                self.comply.clear();
                self.comply.resize_with(shock.group_names.len(), || None);
                let mut marks = keys.scheduled[k].stream(trial);
                for &t in &shock.scheduled {
                    policy_shocks += 1;
                    policy_shutdown |= self.arrive(m, k, t, &mut marks, &keys.comply_scheduled[k], trial);
                }
            }
        }

        // Did any policy shock reach a site? Counted as they are drawn, before the site's days
        // merge its intervals (a policy halt inside a distress halt would otherwise vanish
        // from the count). If none did, the status quo is this very trial.
        let touched = self.policy_events > 0;

        // Site outages: power, cooling, network.
        let mut outages = false;
        for (i, site) in m.sites.iter().enumerate() {
            let Some(o) = site.outages else { continue };
            let mut arrivals =
                Arrivals::new(keys.outage[i].stream(trial), self.params[m.slot(Target::OutageRate(i))], horizon);
            while let Some(t) = arrivals.next_time() {
                let length =
                    o.duration.quantile_at(self.params[m.slot(Target::OutageDuration(i))], arrivals.marks().uniform());
                self.outages[i].push((t, t + length));
                outages = true;
            }
        }
        self.drew = distress_halts > 0 || touched || outages;
        Drawn { policy_shocks, policy_shutdown, touched }
    }

    /// Applies an arrival of shock `k` on day `t`: its lag, permanence and length from
    /// `marks`, then each target's compliance from its stream of `comply`. True when it
    /// halts a site within the horizon.
    fn arrive(&mut self, m: &Model, k: usize, t: f64, marks: &mut Stream, comply: &[StreamKey], trial: u64) -> bool {
        let shock = &m.shocks[k];
        let horizon = m.horizon as f64;
        let from = t + shock.lag.quantile_at(self.params[m.slot(Target::ShockLag(k))], marks.uniform());
        let permanent = marks.uniform() < self.params[m.slot(Target::ShockPermanent(k))];
        let length = shock.duration.quantile_at(self.params[m.slot(Target::ShockDuration(k))], marks.uniform());
        let relet = shock.relet.share(|| marks.uniform());
        let end = if permanent { FOREVER } else { from + length };
        let mut halted = false;
        // One decision per compliance group (a site, operator or jurisdiction), drawn in
        // group order; a group's streams are made only when an arrival needs them, and its
        // j-th arrival always uses its j-th draw, whatever the rate.
        self.complies.clear();
        let compliance = self.params[m.slot(Target::ShockComply(k))];
        for (g, key) in comply.iter().enumerate() {
            let stream = self.comply[g].get_or_insert_with(|| key.stream(trial));
            self.complies.push(stream.uniform() < compliance);
        }
        for (j, &s) in shock.targets.iter().enumerate() {
            if !self.complies[shock.group[j]] {
                continue;
            }
            self.first_policy = lesser(self.first_policy, from);
            self.policy_events += 1;
            match shock.effect {
                Effect::Halt => {
                    self.halts[s].push((from, end));
                    if permanent {
                        self.permanent_from[s] = lesser(self.permanent_from[s], from);
                    } else if relet > 0.0 {
                        self.relets[s].push((end, 1.0 - relet));
                    }
                    if from < horizon && end > from {
                        halted = true;
                    }
                }
                Effect::Freeze => self.freezes[s].push((from, end)),
            }
        }
        halted
    }

    /// False when the trial drew no event at all: no site has a halt, freeze or outage.
    #[inline]
    pub fn drew(&self) -> bool {
        self.drew
    }

    /// True when the trial drew no event and no site's start: then, in a model with no
    /// uncertain figure, it is the same as every other such trial but for its count of shocks.
    #[inline]
    pub fn alike(&self) -> bool {
        !self.drew && self.delayed == 0
    }

    /// True when site `i` has a halt or an outage: a loss share to work out (its re-lets count
    /// only beside one of them).
    #[inline]
    pub fn loses(&self, i: usize) -> bool {
        !self.halts[i].is_empty() || !self.outages[i].is_empty()
    }

    /// Swaps the status quo's events with the trial's, both ways.
    pub fn swap_status_quo(&mut self) {
        std::mem::swap(&mut self.halts, &mut self.sq_halts);
        std::mem::swap(&mut self.freezes, &mut self.sq_freezes);
        std::mem::swap(&mut self.permanent_from, &mut self.sq_permanent_from);
        std::mem::swap(&mut self.relets, &mut self.sq_relets);
    }

    /// Site `i`'s events in the order its days read them: halts and outages merged, re-lets
    /// in the order they happen, freezes from its start on. Returns the day from which it is
    /// halted for good within `days` (`days` when never): from then on it adds nothing.
    pub fn settle(&mut self, i: usize, days: usize) -> usize {
        let start = self.start[i];
        // (Most lists are empty: nothing to merge. A list of one is still merged, which drops
        // it if it is empty; re-lets are only sorted, so one needs nothing.)
        for list in [&mut self.halts[i], &mut self.outages[i]] {
            if !list.is_empty() {
                intervals::merge(list);
            }
        }
        if self.relets[i].len() > 1 {
            intervals::sort(&mut self.relets[i]);
        }
        if !self.freezes[i].is_empty() {
            // Only freezes after the site's start delay its build-out.
            for f in self.freezes[i].iter_mut() {
                f.0 = greater(f.0, start);
            }
            intervals::merge(&mut self.freezes[i]);
        }
        match self.halts[i].last() {
            Some(&(from, FOREVER)) => (from.max(0.0).ceil() as usize).min(days),
            _ => days,
        }
    }

    /// What site `i` (`full` B200e when built, over a ramp of `ramp` days) sends home if it
    /// was shut for good within the run: `(B200e, the day they work from)`, a share of those
    /// installed when it shut and still the firm's (none re-let), after the relocation's delay.
    pub fn sent_home(
        &self,
        m: &Model,
        streams: &Streams,
        i: usize,
        full: f64,
        ramp: f64,
        trial: u64,
    ) -> Option<(f64, f64)> {
        let shut_at = self.permanent_from[i];
        if shut_at >= m.horizon as f64 || m.relocation.share <= 0.0 {
            return None;
        }
        let start = self.start[i];
        let built_time = greater(shut_at - start, 0.0) - intervals::measure_before(&self.freezes[i], shut_at);
        // A site with no ramp is whole from its first day (as its capacity is).
        let built = if m.sites[i].ramp_days == 0.0 {
            if shut_at >= start { 1.0 } else { 0.0 }
        } else {
            lesser(greater(built_time, 0.0) / ramp, 1.0)
        };
        // Of the GPUs, those the firm still had: exactly 1 without re-lets.
        let moved = m.relocation.share * full * built * kept_on(&self.relets[i], shut_at);
        (moved > 0.0).then(|| (moved, shut_at + streams.relocation_delay(m, i, trial)))
    }
}

/// The share of a site's GPUs the firm still has at time `at`, after the halts that re-let
/// some: the product of the shares each halt that lifted by then left, in the order they
/// lifted (`relets` sorted by time; 1 exactly when there are none).
fn kept_on(relets: &[(f64, f64)], at: f64) -> f64 {
    let mut kept = 1.0;
    for &(end, left) in relets {
        if end <= at {
            kept *= left;
        }
    }
    kept
}

// The generated scenarios are native test code.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// A generated scenario's model, and the same with no policy shocks.
    fn models(seed: u64) -> (Model, Model) {
        let json = crate::generated::scenario_json(seed, crate::generated::Size::Oracle);
        let mut scenario = crate::Scenario::from_json(&json).unwrap();
        let model = Model::new(&scenario).unwrap();
        scenario.shocks.clear();
        (model, Model::new(&scenario).unwrap())
    }

    #[test]
    fn the_status_quo_is_the_trial_drawn_without_policy_shocks() {
        // Each trial's status quo (or, untouched, the trial itself) has the events of the same
        // scenario with its shocks taken out: the distress halts, re-lets and permanence drawn
        // from the same streams, none of the policy shocks'.
        let (mut touched, mut distress) = (0, 0);
        for seed in 0..300 {
            let (model, quiet) = models(seed);
            let (streams, quiet_streams) = (Streams::new(&model, seed), Streams::new(&quiet, seed));
            let (mut ev, mut want) = (Events::new(&model), Events::new(&quiet));
            for trial in 0..40 {
                let drawn = ev.draw(&model, &streams, trial);
                want.draw(&quiet, &quiet_streams, trial);
                if drawn.touched {
                    ev.swap_status_quo();
                    touched += 1;
                }
                let what = format!("scenario {seed}, trial {trial}");
                assert_eq!(ev.halts, want.halts, "{what}");
                assert_eq!(ev.relets, want.relets, "{what}");
                assert_eq!(ev.permanent_from, want.permanent_from, "{what}");
                assert!(ev.freezes.iter().all(Vec::is_empty), "{what}");
                distress += usize::from(drawn.touched && ev.halts.iter().any(|h| !h.is_empty()));
                if drawn.touched {
                    ev.swap_status_quo();
                }
            }
        }
        // Both kinds of trial are checked, and status quos with distress in them.
        assert!(touched > 1000 && distress > 100, "{touched} {distress}");
    }

    /// Numbers as their bits (so −0 and +0 differ).
    fn bits(xs: &[f64]) -> Vec<u64> {
        xs.iter().map(|x| x.to_bits()).collect()
    }

    #[test]
    fn a_trial_draws_the_same_events_after_any_other() {
        // Events are reused from trial to trial (lists cleared only after a trial that drew
        // some; starts drawn only for delayed sites): each trial's equal a fresh draw's.
        let (mut quiet, mut busy, mut delayed) = (0, 0, 0);
        for seed in 0..200 {
            let (model, _) = models(seed);
            let streams = Streams::new(&model, seed);
            let mut ev = Events::new(&model);
            for trial in 0..30 {
                let drawn = ev.draw(&model, &streams, trial);
                let mut fresh = Events::new(&model);
                let want = fresh.draw(&model, &streams, trial);
                let what = format!("scenario {seed}, trial {trial}");
                assert_eq!(
                    (drawn.policy_shocks, drawn.policy_shutdown, drawn.touched),
                    (want.policy_shocks, want.policy_shutdown, want.touched),
                    "{what}"
                );
                assert_eq!(
                    (&ev.halts, &ev.freezes, &ev.outages, &ev.relets),
                    (&fresh.halts, &fresh.freezes, &fresh.outages, &fresh.relets),
                    "{what}"
                );
                assert_eq!(
                    (&ev.permanent_from, bits(&ev.start), ev.first_policy.to_bits()),
                    (&fresh.permanent_from, bits(&fresh.start), fresh.first_policy.to_bits()),
                    "{what}"
                );
                // (A status quo is written out, and read, only for a touched trial.)
                if drawn.touched {
                    assert_eq!(
                        (&ev.sq_halts, &ev.sq_relets, &ev.sq_permanent_from),
                        (&fresh.sq_halts, &fresh.sq_relets, &fresh.sq_permanent_from),
                        "{what}"
                    );
                }
                if ev.drew {
                    busy += 1
                } else {
                    quiet += 1
                }
                delayed += (0..model.sites.len()).filter(|&i| ev.start[i] > model.sites[i].online_day).count();
                // As the engine leaves them: merged and sorted, and a touched trial's status quo
                // swapped in, merged and sorted, and swapped back.
                for i in 0..model.sites.len() {
                    ev.settle(i, model.horizon);
                }
                if drawn.touched {
                    ev.swap_status_quo();
                    for i in 0..model.sites.len() {
                        ev.settle(i, model.horizon);
                    }
                    ev.swap_status_quo();
                }
            }
        }
        // Quiet and busy trials follow each other, and delays are drawn.
        assert!(quiet > 500 && busy > 500 && delayed > 500, "{quiet} {busy} {delayed}");
    }
}
