//! One trial: draw the events, apply them to every site, and add up the day's capacity.
//!
//! Where is a shock applied? [`Engine::run_trial`] draws policy shocks, operator distress and
//! site outages as intervals per site; [`Engine::site_days`] turns a site's intervals into its
//! daily capacity. Every draw is an inverse transform of a uniform from the component's own
//! stream (see [`crate::rng`]), so a fixed seed gives common random numbers across scenarios.

use crate::catalogue::B200E_FLOP_PER_SECOND;
use crate::intervals::{self, Interval};
use crate::model::{Model, SiteModel};
use crate::rng::{Arrivals, Stream, StreamKey};
use crate::scenario::Effect;

const FOREVER: f64 = f64::INFINITY;

/// The stream keys of every component, for one seed.
struct Keys {
    shock: Vec<StreamKey>,
    /// `comply[k][j]`: shock k's compliance draws at its j-th target site.
    comply: Vec<Vec<StreamKey>>,
    distress: Vec<StreamKey>,
    outage: Vec<StreamKey>,
    delay: Vec<StreamKey>,
    relocate: Vec<StreamKey>,
}

/// Runs trials of one model with one seed.
pub struct Engine<'m> {
    model: &'m Model,
    keys: Keys,
    /// FLOP one B200e delivers to the training run in a day.
    flop_per_b200e_day: f64,
}

/// What one trial produced besides its capacity path (which stays in [`Scratch`]).
#[derive(Clone, Debug, PartialEq)]
pub struct TrialStats {
    pub final_capacity: f64,
    pub delivered: f64,
    pub shortfall_days: u32,
    pub longest_shortfall: u32,
    /// `None` when the run does not finish within the horizon.
    pub days_to_train: Option<f64>,
    pub policy_shocks: u32,
    /// A policy shock halted at least one site within the horizon.
    pub policy_shutdown: bool,
}

/// Per-site results of one trial.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SiteTrial {
    /// Days from the site's (possibly delayed) online day to the horizon.
    pub scheduled_days: f64,
    /// Of those, days up (a partial outage counts in part).
    pub up_days: f64,
    /// Shut for good within the horizon.
    pub permanent: bool,
}

/// Buffers reused across trials, so a run allocates once.
pub struct Scratch {
    /// B200e on each day of the last trial.
    pub capacity: Vec<f64>,
    pub sites: Vec<SiteTrial>,
    halts: Vec<Vec<Interval>>,
    freezes: Vec<Vec<Interval>>,
    outages: Vec<Vec<Interval>>,
    permanent_from: Vec<f64>,
    start: Vec<f64>,
    comply: Vec<Option<Stream>>,
    loss: Vec<f64>,
    frozen: Vec<f64>,
    tmp: Vec<Interval>,
}

impl Scratch {
    pub fn new(model: &Model) -> Self {
        let n = model.sites.len();
        Scratch {
            capacity: vec![0.0; model.horizon],
            sites: vec![SiteTrial::default(); n],
            halts: vec![Vec::new(); n],
            freezes: vec![Vec::new(); n],
            outages: vec![Vec::new(); n],
            permanent_from: vec![FOREVER; n],
            start: vec![0.0; n],
            comply: Vec::new(),
            loss: vec![0.0; model.horizon],
            frozen: vec![0.0; model.horizon],
            tmp: Vec::new(),
        }
    }
}

impl<'m> Engine<'m> {
    pub fn new(model: &'m Model, seed: u64) -> Self {
        let key = |label: String| StreamKey::new(seed, &label);
        let keys = Keys {
            shock: model.shocks.iter().map(|k| key(format!("shock/{}", k.id))).collect(),
            comply: model
                .shocks
                .iter()
                .map(|k| k.targets.iter().map(|&s| key(format!("comply/{}/{}", k.id, model.sites[s].id))).collect())
                .collect(),
            distress: model.operators.iter().map(|o| key(format!("distress/{}", o.id))).collect(),
            outage: model.sites.iter().map(|s| key(format!("outage/{}", s.id))).collect(),
            delay: model.sites.iter().map(|s| key(format!("delay/{}", s.id))).collect(),
            relocate: model.sites.iter().map(|s| key(format!("relocate/{}", s.id))).collect(),
        };
        let flop_per_b200e_day = B200E_FLOP_PER_SECOND * model.training.mfu * 86_400.0;
        Engine { model, keys, flop_per_b200e_day }
    }

    /// Runs trial number `trial`, leaving its capacity path and site results in `scratch`.
    pub fn run_trial(&self, trial: u64, scratch: &mut Scratch) -> TrialStats {
        let m = self.model;
        let horizon = m.horizon as f64;
        for (i, site) in m.sites.iter().enumerate() {
            scratch.halts[i].clear();
            scratch.freezes[i].clear();
            scratch.outages[i].clear();
            scratch.permanent_from[i] = FOREVER;
            let delay = if site.online_delay.is_zero() {
                0.0
            } else {
                site.online_delay.quantile(self.keys.delay[i].stream(trial).uniform())
            };
            scratch.start[i] = site.online_day + delay;
        }

        // Operator distress halts every site the operator runs, from the day it strikes.
        for (k, op) in m.operators.iter().enumerate() {
            let Some(d) = op.distress else { continue };
            let mut arrivals = Arrivals::new(self.keys.distress[k].stream(trial), d.rate_per_day, horizon);
            while let Some(t) = arrivals.next_time() {
                let marks = arrivals.marks();
                let permanent = marks.uniform() < d.permanent_probability;
                let length = d.duration.quantile(marks.uniform());
                let end = if permanent { FOREVER } else { t + length };
                for &s in &op.sites {
                    scratch.halts[s].push((t, end));
                    if permanent {
                        scratch.permanent_from[s] = scratch.permanent_from[s].min(t);
                    }
                }
            }
        }

        // Policy shocks: each arrival hits each complying target site from T + lag.
        let mut policy_shocks = 0u32;
        let mut policy_shutdown = false;
        for (k, shock) in m.shocks.iter().enumerate() {
            scratch.comply.clear();
            scratch.comply.resize_with(shock.targets.len(), || None);
            let mut arrivals = Arrivals::new(self.keys.shock[k].stream(trial), shock.rate_per_day, horizon);
            while let Some(t) = arrivals.next_time() {
                policy_shocks += 1;
                let marks = arrivals.marks();
                let from = t + shock.lag.quantile(marks.uniform());
                let permanent = marks.uniform() < shock.permanent_probability;
                let length = shock.duration.quantile(marks.uniform());
                let end = if permanent { FOREVER } else { from + length };
                for (j, &s) in shock.targets.iter().enumerate() {
                    // Compliance streams are made only when an arrival needs them; the j-th
                    // arrival always uses the j-th draw, whatever the rate.
                    let stream = scratch.comply[j].get_or_insert_with(|| self.keys.comply[k][j].stream(trial));
                    if stream.uniform() >= shock.comply_probability {
                        continue;
                    }
                    match shock.effect {
                        Effect::Halt => {
                            scratch.halts[s].push((from, end));
                            if permanent {
                                scratch.permanent_from[s] = scratch.permanent_from[s].min(from);
                            }
                            if from < horizon && end > from {
                                policy_shutdown = true;
                            }
                        }
                        Effect::Freeze => scratch.freezes[s].push((from, end)),
                    }
                }
            }
        }

        // Site outages: power, cooling, network.
        for (i, site) in m.sites.iter().enumerate() {
            let Some(o) = site.outages else { continue };
            let mut arrivals = Arrivals::new(self.keys.outage[i].stream(trial), o.rate_per_day, horizon);
            while let Some(t) = arrivals.next_time() {
                let length = o.duration.quantile(arrivals.marks().uniform());
                scratch.outages[i].push((t, t + length));
            }
        }

        scratch.capacity.iter_mut().for_each(|c| *c = 0.0);
        for (i, site) in m.sites.iter().enumerate() {
            self.site_days(i, site, trial, scratch);
        }
        self.trial_stats(scratch, policy_shocks, policy_shutdown)
    }

    /// Adds site `i`'s daily capacity (and any relocated capacity) to `scratch.capacity`.
    fn site_days(&self, i: usize, site: &SiteModel, trial: u64, scratch: &mut Scratch) {
        let m = self.model;
        let start = scratch.start[i];
        intervals::merge(&mut scratch.halts[i]);
        intervals::merge(&mut scratch.outages[i]);
        // Only freezes after the site's start delay its build-out.
        for f in scratch.freezes[i].iter_mut() {
            f.0 = f.0.max(start);
        }
        intervals::merge(&mut scratch.freezes[i]);

        // From day `cut` on, the site is halted for good: it adds nothing, so those days are
        // skipped (adding 0 would change no bit of any sum).
        let cut = match scratch.halts[i].last() {
            Some(&(from, FOREVER)) => (from.max(0.0).ceil() as usize).min(m.horizon),
            _ => m.horizon,
        };

        // Loss share per day: halted time, plus outage time outside halts times the outage
        // fraction. Monotone in every interval and in the fraction.
        // Most trials have few events: only clear and fill the day arrays when some are.
        let lossy = !scratch.halts[i].is_empty() || !scratch.outages[i].is_empty();
        if lossy {
            let loss = &mut scratch.loss[..cut];
            loss.iter_mut().for_each(|x| *x = 0.0);
            intervals::add_coverage(&scratch.halts[i], 1.0, loss);
            if let Some(o) = site.outages {
                intervals::subtract(&scratch.outages[i], &scratch.halts[i], &mut scratch.tmp);
                intervals::add_coverage(&scratch.tmp, o.fraction, loss);
            }
        }
        let frozen = !scratch.freezes[i].is_empty();
        if frozen {
            scratch.frozen.iter_mut().for_each(|x| *x = 0.0);
            intervals::add_coverage(&scratch.freezes[i], 1.0, &mut scratch.frozen);
        }

        // Build-out: a linear ramp over `ramp_days` of unfrozen time after the start (a ramp
        // of 0 days comes online within a day).
        let ramp = site.ramp_days.max(1.0);
        let full = site.full_capacity();
        let mut progress = 0.0;
        let mut scheduled = 0.0;
        let mut up = 0.0;
        // Days before the site's start have nothing to add.
        let mut t = (start.max(0.0) as usize).min(m.horizon);
        // Construction: the ramp advances with unfrozen time after the start.
        while t < m.horizon {
            let in_service = (t as f64 + 1.0 - start).clamp(0.0, 1.0);
            if in_service > 0.0 {
                let frozen_today = if frozen { scratch.frozen[t] } else { 0.0 };
                progress += (in_service - frozen_today).max(0.0);
                let built = (progress / ramp).min(1.0);
                let working = if t >= cut {
                    0.0
                } else if lossy {
                    1.0 - scratch.loss[t].min(1.0)
                } else {
                    1.0
                };
                scratch.capacity[t] += full * built * working;
                scheduled += in_service;
                up += in_service * working;
                if built == 1.0 && in_service == 1.0 {
                    t += 1;
                    break;
                }
            }
            t += 1;
        }
        // Fully built (it stays so: freezes only stop deliveries): what is left is losses.
        scheduled += (m.horizon - t) as f64;
        let rest = &mut scratch.capacity[t.min(cut)..cut];
        if lossy {
            for (c, &loss) in rest.iter_mut().zip(&scratch.loss[t.min(cut)..cut]) {
                let working = 1.0 - loss.min(1.0);
                *c += full * working;
                up += working;
            }
        } else {
            rest.iter_mut().for_each(|c| *c += full);
            up += rest.len() as f64;
        }

        let shut_at = scratch.permanent_from[i];
        let permanent = shut_at < m.horizon as f64;
        scratch.sites[i] = SiteTrial { scheduled_days: scheduled, up_days: up, permanent };

        // Relocation: a share of the GPUs installed when the site shut for good come back
        // as domestic capacity after a delay. They are not hit by later events.
        if permanent && m.relocation.share > 0.0 {
            let built_time = (shut_at - start).max(0.0) - intervals::measure_before(&scratch.freezes[i], shut_at);
            let built = (built_time.max(0.0) / ramp).min(1.0);
            let moved = m.relocation.share * full * built;
            if moved > 0.0 {
                let delay = if m.relocation.delay.is_zero() {
                    0.0
                } else {
                    m.relocation.delay.quantile(self.keys.relocate[i].stream(trial).uniform())
                };
                intervals::add_coverage(&[(shut_at + delay, FOREVER)], moved, &mut scratch.capacity);
            }
        }
    }

    fn trial_stats(&self, scratch: &Scratch, policy_shocks: u32, policy_shutdown: bool) -> TrialStats {
        let m = self.model;
        let mut shortfall_days = 0u32;
        let mut run = 0u32;
        let mut longest_shortfall = 0u32;
        let mut delivered = 0.0;
        for &c in &scratch.capacity {
            delivered += c;
            if c < m.requirement {
                shortfall_days += 1;
                run += 1;
                longest_shortfall = longest_shortfall.max(run);
            } else {
                run = 0;
            }
        }

        let mut days_to_train = None;
        let mut done = 0.0;
        for (t, &c) in scratch.capacity.iter().enumerate().skip(m.training.start_day) {
            let today = c * self.flop_per_b200e_day;
            if today > 0.0 && done + today >= m.training.flop {
                // Capacity is a day's average, so the run finishes part-way through the day.
                days_to_train = Some((t - m.training.start_day) as f64 + (m.training.flop - done) / today);
                break;
            }
            done += today;
        }

        TrialStats {
            final_capacity: scratch.capacity.last().copied().unwrap_or(0.0),
            delivered,
            shortfall_days,
            longest_shortfall,
            days_to_train,
            policy_shocks,
            policy_shutdown,
        }
    }
}
