//! The day-by-day engine the run-based one in `trial.rs` replaced, kept for the tests: each
//! trial's capacity as day arrays, added element by element, a ramp's progress added day by
//! day. The engine in `trial.rs` must agree with it trial by trial: the same bits, but where a
//! ramp's days (a line there, each day from its formula) round otherwise, within a relative
//! 1e-9 (see its tests). Both draw a trial's events with `events.rs`; they differ only in how
//! the events become days.

use super::events::{Drawn, Events, FOREVER, Streams};
use crate::catalogue::B200E_FLOP_PER_SECOND;
use crate::intervals;
use crate::model::{Model, SiteModel, Target};
use crate::trial::{DAY_UNIT, DELIVERED_UNIT, Delay, SiteTrial, TrialStats, WHOLE_DAY, fixed, short_of};

/// Runs trials of one model with one seed.
pub struct Engine<'m> {
    model: &'m Model,
    streams: Streams<'m>,
    /// FLOP one B200e delivers to the training run in a day.
    flop_per_b200e_day: f64,
}

/// Buffers reused across trials, so a run allocates once.
pub struct Scratch {
    /// B200e on each day of the last trial, summed over the sites counted against the
    /// requirement.
    pub capacity: Vec<f64>,
    /// The same over the sites the training run draws on, when they are others.
    training: Vec<f64>,
    /// Over the run's fallback sites, and what the run gets each day (the better of the two).
    fallback: Vec<f64>,
    run: Vec<f64>,
    /// One site's days, when they go to both pools or to neither.
    site: Vec<f64>,
    /// GPUs relocated to a site of the scenario's choosing: `(B200e, landing day)`.
    moves: Vec<(f64, f64)>,
    pub sites: Vec<SiteTrial>,
    /// The trial's figures and events, and its status quo's.
    ev: Events,
    /// The status quo's capacity and site results, swapped in to run the same sites again.
    sq_capacity: Vec<f64>,
    sq_training: Vec<f64>,
    sq_fallback: Vec<f64>,
    sq_run: Vec<f64>,
    sq_sites: Vec<SiteTrial>,
    loss: Vec<f64>,
    frozen: Vec<f64>,
    tmp: Vec<intervals::Interval>,
}

impl Scratch {
    pub fn new(model: &Model) -> Self {
        let n = model.sites.len();
        Scratch {
            capacity: vec![0.0; model.horizon],
            training: if model.separate_training_pool { vec![0.0; model.horizon] } else { Vec::new() },
            fallback: vec![0.0; model.horizon],
            run: vec![0.0; model.horizon],
            site: Vec::new(),
            moves: Vec::new(),
            sites: vec![SiteTrial::default(); n],
            ev: Events::new(model),
            sq_capacity: vec![0.0; model.horizon],
            sq_training: if model.separate_training_pool { vec![0.0; model.horizon] } else { Vec::new() },
            sq_fallback: vec![0.0; model.horizon],
            sq_run: vec![0.0; model.horizon],
            sq_sites: vec![SiteTrial::default(); n],
            loss: vec![0.0; model.horizon],
            frozen: vec![0.0; model.horizon],
            tmp: Vec::new(),
        }
    }
}

impl<'m> Engine<'m> {
    pub fn new(model: &'m Model, seed: u64) -> Self {
        let flop_per_b200e_day = B200E_FLOP_PER_SECOND * model.training.mfu * 86_400.0;
        Engine { model, streams: Streams::new(model, seed), flop_per_b200e_day }
    }

    /// Runs trial number `trial`, leaving its capacity path and site results in `scratch`.
    pub fn run_trial(&self, trial: u64, scratch: &mut Scratch) -> TrialStats {
        let m = self.model;
        let Drawn { policy_shocks, policy_shutdown, touched } = scratch.ev.draw(m, &self.streams, trial);

        self.all_sites(trial, scratch);
        let mut stats = self.trial_stats(scratch, policy_shocks, policy_shutdown);

        // A run that finished before the day any policy shock takes effect had the same
        // capacity on each of its days as its status quo (every site's days before that one
        // are the same numbers, added in the same order), so it finished at the same time.
        let finished_before_policy = stats
            .days_to_train
            .is_some_and(|d| scratch.ev.first_policy.floor() > (m.training.start_day as f64 + d).floor());
        let status_quo = if touched && !finished_before_policy {
            self.swap_status_quo(scratch);
            self.all_sites(trial, scratch);
            let days = self.days_to_train(self.training_days(scratch));
            self.swap_status_quo(scratch);
            days
        } else {
            stats.days_to_train
        };
        stats.training_delay = Delay::between(stats.days_to_train, status_quo);
        stats
    }

    /// Every site's days into the pools, then any GPUs relocated to a named site.
    fn all_sites(&self, trial: u64, scratch: &mut Scratch) {
        let m = self.model;
        scratch.capacity.iter_mut().for_each(|c| *c = 0.0);
        scratch.training.iter_mut().for_each(|c| *c = 0.0);
        scratch.fallback.iter_mut().for_each(|c| *c = 0.0);
        scratch.moves.clear();
        for (i, site) in m.sites.iter().enumerate() {
            // A site in exactly one pool adds to it directly; one in both (when they differ)
            // or in neither goes through a buffer.
            let direct = !site.in_fallback
                && if m.separate_training_pool { site.in_requirement != site.in_training } else { site.in_requirement };
            if direct {
                let out = if site.in_requirement { &mut scratch.capacity } else { &mut scratch.training };
                let mut out = std::mem::take(out);
                self.site_days(i, site, trial, scratch, &mut out);
                if site.in_requirement { scratch.capacity = out } else { scratch.training = out }
            } else {
                let mut out = std::mem::take(&mut scratch.site);
                out.clear();
                out.resize(m.horizon, 0.0);
                self.site_days(i, site, trial, scratch, &mut out);
                add_to_pools(site, m.separate_training_pool, &out, scratch);
                scratch.site = out;
            }
        }
        if let Some(d) = m.relocation.to_site {
            self.land(d, scratch);
        }
        let e = m.training.fallback_efficiency;
        if e > 0.0 {
            let own = if m.separate_training_pool { &scratch.training } else { &scratch.capacity };
            for ((run, &own), &fallback) in scratch.run.iter_mut().zip(own).zip(&scratch.fallback) {
                *run = crate::greater(own, e * fallback);
            }
        }
    }

    /// GPUs relocated to site `d` work from their landing day as much as `d` is up (its
    /// halts, then its outages outside them at their fraction), whether or not `d` itself is
    /// built yet, and count wherever `d` counts.
    fn land(&self, d: usize, scratch: &mut Scratch) {
        if scratch.moves.is_empty() {
            return;
        }
        let m = self.model;
        let site = &m.sites[d];
        let n = m.horizon;
        // (Relocated GPUs are the firm's own: the landing site's re-lets are not theirs.)
        losses(d, site, n, false, scratch);
        let mut out = std::mem::take(&mut scratch.site);
        out.clear();
        out.resize(n, 0.0);
        for &(moved, from) in &scratch.moves {
            intervals::add_coverage(&[(from, FOREVER)], moved, &mut out);
        }
        for (c, &l) in out.iter_mut().zip(&scratch.loss[..n]) {
            *c *= 1.0 - l.min(1.0);
        }
        add_to_pools(site, m.separate_training_pool, &out, scratch);
        scratch.site = out;
    }

    /// The days the training run draws on.
    fn training_days<'s>(&self, scratch: &'s Scratch) -> &'s [f64] {
        let m = self.model;
        if m.training.fallback_efficiency > 0.0 {
            &scratch.run
        } else if m.separate_training_pool {
            &scratch.training
        } else {
            &scratch.capacity
        }
    }

    /// Swaps the status quo's events and outputs with the trial's, both ways.
    fn swap_status_quo(&self, s: &mut Scratch) {
        std::mem::swap(&mut s.capacity, &mut s.sq_capacity);
        std::mem::swap(&mut s.training, &mut s.sq_training);
        std::mem::swap(&mut s.fallback, &mut s.sq_fallback);
        std::mem::swap(&mut s.run, &mut s.sq_run);
        std::mem::swap(&mut s.sites, &mut s.sq_sites);
        s.ev.swap_status_quo();
    }

    /// Adds site `i`'s daily capacity (and capacity relocated from it, unless it goes to a
    /// named site) to `out`.
    fn site_days(&self, i: usize, site: &SiteModel, trial: u64, scratch: &mut Scratch, out: &mut [f64]) {
        let m = self.model;
        let start = scratch.ev.start[i];
        // From day `cut` on, the site is halted for good: it adds nothing, so those days are
        // skipped (adding 0 would change no bit of any sum).
        let cut = scratch.ev.settle(i, m.horizon);

        // Loss share per day: halted time, plus outage time outside halts times the outage
        // fraction. Monotone in every interval and in the fraction.
        // Most trials have few events: only clear and fill the day arrays when some are.
        let lossy = !scratch.ev.halts[i].is_empty() || !scratch.ev.outages[i].is_empty();
        if lossy {
            losses(i, site, cut, true, scratch);
        }
        let frozen = !scratch.ev.freezes[i].is_empty();
        if frozen {
            scratch.frozen.iter_mut().for_each(|x| *x = 0.0);
            intervals::add_coverage(&scratch.ev.freezes[i], 1.0, &mut scratch.frozen);
        }

        // Build-out: a linear ramp over `ramp_days` of unfrozen time after the start (a ramp
        // of 0 days comes online within a day).
        let ramp = site.ramp_days.max(1.0);
        // The trial's GPUs (the site's number, or its draw).
        let full = site.capacity_of(scratch.ev.params[self.model.slot(Target::SiteGpus(i))]);
        // Build time before day 0 (an online date before the start date).
        let mut progress = crate::greater(-start, 0.0);
        // Days scheduled, up and working, in fixed point (`DAY_UNIT`s), a day at a time.
        let mut scheduled = 0i64;
        let mut up = 0i64;
        let mut working_days = 0i64;
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
                out[t] += full * built * working;
                scheduled += fixed(in_service, DAY_UNIT);
                up += fixed(in_service * working, DAY_UNIT);
                working_days += fixed(in_service * built * working, DAY_UNIT);
                if built == 1.0 && in_service == 1.0 {
                    t += 1;
                    break;
                }
            }
            t += 1;
        }
        // Fully built (it stays so: freezes only stop deliveries): what is left is losses.
        scheduled += (m.horizon - t) as i64 * WHOLE_DAY;
        let up_before_rest = up;
        let rest = &mut out[t.min(cut)..cut];
        if lossy {
            for (c, &loss) in rest.iter_mut().zip(&scratch.loss[t.min(cut)..cut]) {
                let working = 1.0 - loss.min(1.0);
                *c += full * working;
                up += fixed(working, DAY_UNIT);
            }
        } else {
            rest.iter_mut().for_each(|c| *c += full);
            up += rest.len() as i64 * WHOLE_DAY;
        }
        // Fully built from day t: working as much as up.
        working_days += up - up_before_rest;

        scratch.sites[i] =
            SiteTrial::from_units(scheduled, up, working_days, scratch.ev.permanent_from[i] < m.horizon as f64);

        // Relocation: a share of the GPUs installed when the site shut for good come back
        // as domestic capacity after a delay: at the named site, sharing its risks, or else
        // where this site counted, hit by no later event.
        if let Some((moved, from)) = scratch.ev.sent_home(m, &self.streams, i, full, ramp, trial) {
            if m.relocation.to_site.is_some() {
                scratch.moves.push((moved, from));
            } else {
                intervals::add_coverage(&[(from, FOREVER)], moved, out);
            }
        }
    }

    fn trial_stats(&self, scratch: &Scratch, policy_shocks: u32, policy_shutdown: bool) -> TrialStats {
        let m = self.model;
        let mut shortfall_days = 0u32;
        let mut run = 0u32;
        let mut longest_shortfall = 0u32;
        let mut delivered = 0i64;
        let steps = &m.requirement_steps;
        // A drawn requirement scales every step by its draw over the model's mean.
        let drawn = m.uncertain.iter().any(|u| u.target == Target::Requirement);
        let scale = if drawn && m.requirement > 0.0 {
            scratch.ev.params[m.slot(Target::Requirement)] / m.requirement
        } else {
            1.0
        };
        let (mut requirement, mut next) = (steps[0].1 * scale, 1);
        for (t, &c) in scratch.capacity.iter().enumerate() {
            if next < steps.len() && steps[next].0 == t {
                requirement = steps[next].1 * scale;
                next += 1;
            }
            delivered += fixed(c, DELIVERED_UNIT);
            if short_of(c, requirement) {
                shortfall_days += 1;
                run += 1;
                longest_shortfall = longest_shortfall.max(run);
            } else {
                run = 0;
            }
        }

        TrialStats {
            final_capacity: scratch.capacity.last().copied().unwrap_or(0.0),
            delivered: delivered as f64 / DELIVERED_UNIT,
            shortfall_days,
            longest_shortfall,
            days_to_train: self.days_to_train(self.training_days(scratch)),
            policy_shocks,
            policy_shutdown,
            training_delay: Delay::NoStatusQuo,
        }
    }

    /// Days from the training run's start until it has its FLOP, if within the horizon.
    fn days_to_train(&self, capacity: &[f64]) -> Option<f64> {
        let m = self.model;
        let mut done = 0.0;
        for (t, &c) in capacity.iter().enumerate().skip(m.training.start_day) {
            let today = c * self.flop_per_b200e_day;
            if today > 0.0 && done + today >= m.training.flop {
                // Capacity is a day's average, so the run finishes part-way through the day.
                return Some((t - m.training.start_day) as f64 + (m.training.flop - done) / today);
            }
            done += today;
        }
        None
    }
}

/// Adds one site's days to the pools `site` is in: the requirement's, the training run's (when
/// it is another: `separate`) and the run's fallback.
fn add_to_pools(site: &SiteModel, separate: bool, days: &[f64], scratch: &mut Scratch) {
    if site.in_fallback {
        scratch.fallback.iter_mut().zip(days).for_each(|(c, &x)| *c += x);
    }
    if site.in_requirement {
        scratch.capacity.iter_mut().zip(days).for_each(|(c, &x)| *c += x);
    }
    if site.in_training && separate {
        scratch.training.iter_mut().zip(days).for_each(|(c, &x)| *c += x);
    }
}

/// Site `i`'s loss share on days `0..days` into `scratch.loss`: halted time, plus outage time
/// outside halts times the outage fraction (its halts and outages merged).
fn losses(i: usize, site: &SiteModel, days: usize, relets: bool, scratch: &mut Scratch) {
    let loss = &mut scratch.loss[..days];
    loss.iter_mut().for_each(|x| *x = 0.0);
    intervals::add_coverage(&scratch.ev.halts[i], 1.0, loss);
    let fraction = site.outages.map_or(0.0, |o| o.fraction);
    scratch.tmp.clear();
    if site.outages.is_some() {
        intervals::subtract(&scratch.ev.outages[i], &scratch.ev.halts[i], &mut scratch.tmp);
    }
    if relets && !scratch.ev.relets[i].is_empty() {
        // GPUs re-let when halts lifted: lost from then on, outside later halts.
        let mut segments = Vec::new();
        intervals::with_relets(
            &scratch.tmp,
            fraction,
            &scratch.ev.relets[i],
            &scratch.ev.halts[i],
            &mut Vec::new(),
            &mut segments,
        );
        for (a, b, share) in segments {
            intervals::add_coverage(&[(a, b)], share, loss);
        }
    } else if site.outages.is_some() {
        intervals::add_coverage(&scratch.tmp, fraction, loss);
    }
}
