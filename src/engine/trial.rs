//! One trial: draw the events, apply them to every site, and add up the day's capacity.
//!
//! Where is a shock applied? [`Engine::run_trial`] draws policy shocks, operator distress and
//! site outages as intervals per site (`events.rs`); `Engine::site_days` turns a site's
//! intervals into its daily capacity, as runs of days ([`Series`]): a trial costs work per
//! event and per stretch of a site's build-out, not per day of the horizon. Every draw is an
//! inverse transform of a uniform from the component's own stream (see [`crate::rng`]), so a
//! fixed seed gives common random numbers across scenarios.

use super::events::{Drawn, Events, FOREVER, Streams};
use crate::catalogue::B200E_FLOP_PER_SECOND;
use crate::intervals::{self, Interval};
use crate::model::{Model, SiteModel, Target};
use crate::series::{self, Cursor, Piece, Series, Values};
use crate::{greater, lesser};

/// Runs trials of one model with one seed.
pub struct Engine<'m> {
    model: &'m Model,
    streams: Streams<'m>,
    /// FLOP one B200e delivers to the training run in a day.
    flop_per_b200e_day: f64,
    /// The requirement is drawn each trial.
    requirement_drawn: bool,
    /// Bit i: site i is `whole_from` its start in every trial (its start is not drawn).
    /// (At most `MAX_SITES`, 64, sites.)
    always_whole: u64,
}

/// What one trial produced besides its capacity path (which stays in [`Scratch`]).
#[derive(Clone, Copy, Debug, PartialEq)]
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
    /// Days to train against the same trial with no policy shock (its status quo).
    pub training_delay: Delay,
}

/// How much later the training run finishes than in the same trial without policy shocks:
/// the same outages, distress and delays, so the difference is the shocks' alone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Delay {
    /// Both finish: this many days later (0 when no shock touched the run).
    Days(f64),
    /// The status quo finishes within the horizon; with the shocks the run does not.
    Unfinished,
    /// Not even the status quo finishes within the horizon.
    NoStatusQuo,
}

/// Delays are kept to this resolution: 2^-16 of a day, about 1.3 seconds.
///
/// A trial and its status quo reach their finishing days by different sums of partial days
/// (a halt that covers 0.31 of a day, the rest of that day later), so a delay that is exactly
/// 7 days in exact arithmetic comes out as 7.000000000000007 or 6.999999999999993. The
/// rounding error of those sums is about 1e-11 days; snapping the difference to a grid 10^6
/// times coarser makes delays that are equal in exact arithmetic equal as numbers, so the
/// shares more than 7 and 30 days late, and the histogram's bins, count them where they
/// belong. (A power of two: the snap is exact, the same bits on every platform.)
pub const DELAY_RESOLUTION_DAYS: f64 = 1.0 / 65_536.0;

impl Delay {
    /// The delay between a run that finishes after `days` and its status quo's `status_quo`.
    pub fn between(days: Option<f64>, status_quo: Option<f64>) -> Delay {
        match (days, status_quo) {
            (_, None) => Delay::NoStatusQuo,
            (None, Some(_)) => Delay::Unfinished,
            (Some(d), Some(sq)) => Delay::Days(snap(d - sq, DELAY_RESOLUTION_DAYS)),
        }
    }
}

/// `x` to the nearest multiple of `step`, a power of two (so both steps are exact).
fn snap(x: f64, step: f64) -> f64 {
    // Rounding is exact and platform-independent; halves round away from zero.
    crate::rounded(x / step) * step
}

/// Capacity within this share of the requirement counts as meeting it: a day's capacity is a
/// sum of sites' parts of days, and capacity that equals the requirement in exact
/// arithmetic can come out a unit in the last place below it (1,040 × 0.97 + 8,960 × 0.97
/// is 9,699.999999999998, not 9,700). 2^-30 (about 1e-9) is far above that rounding and far below any figure's
/// precision.
pub const REQUIREMENT_TOLERANCE: f64 = 1.0 / 1_073_741_824.0;

/// Delivered compute is summed in fixed point, in units of 1/4,096 of a B200e-day: exact and
/// independent of order, so a run of n equal days adds once (n × its value) and both engines
/// give the same sum whatever the runs. Its largest sum (64 sites of 10 million GPUs of
/// 100,000 TFLOP/s for 3,650 days, 1.0e14 B200e-days) is 4.3e17 units, within an i64.
pub(crate) const DELIVERED_UNIT: f64 = 4096.0;
/// Days scheduled, up and working are summed in units of 2^-32 of a day (at most 3,650 days:
/// 1.6e13 units).
pub(crate) const DAY_UNIT: f64 = 4_294_967_296.0;
/// One whole day in `DAY_UNIT`s.
pub(crate) const WHOLE_DAY: i64 = 1 << 32;

/// `x` (at least 0) in units of `1/unit`, cut toward zero: what a fixed-point sum adds.
#[inline(always)]
pub(crate) fn fixed(x: f64, unit: f64) -> i64 {
    (x * unit) as i64
}

/// True when capacity `c` is short of `requirement` (beyond the rounding of its sums).
#[inline(always)]
pub fn short_of(c: f64, requirement: f64) -> bool {
    c < requirement * (1.0 - REQUIREMENT_TOLERANCE)
}

/// The days `k..k + n` of a line (day j: `series::at(v, slope, j)`) short of `requirement`:
/// one block, as the line only rises or falls and each day's value is computed as a reader
/// computes it, so found by bisection; (its first day counted from k, how many).
// (Called for each run's and each day feed's line: once in the page's engine, which pays for
// its bytes; natively inlined, 2% fewer instructions a trial.)
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub(crate) fn short_block(v: f64, slope: f64, k: usize, n: usize, requirement: f64) -> (usize, usize) {
    let short = |j: usize| short_of(series::at(v, slope, k + j), requirement);
    let rising = slope > 0.0;
    // Most lines lie wholly on one side of a step of the requirement: then their ends say so.
    // (The same answers as the bisection below: a falling line short on none of its days
    // has its block, empty, after them.)
    if n == 0 || short(0) == short(n - 1) {
        return if n > 0 && short(0) {
            (0, n)
        } else if rising {
            (0, 0)
        } else {
            (n, 0)
        };
    }
    // The first day of the second part: not short after a rising line's short days, short
    // after a falling line's others.
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if short(mid) == rising {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if rising { (0, lo) } else { (lo, n - lo) }
}

/// Per-site results of one trial: days summed in `DAY_UNIT`s, exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SiteTrial {
    /// Days from the site's (possibly delayed) online day to the horizon.
    pub scheduled: i64,
    /// Of those, days up (a partial outage counts in part).
    pub up: i64,
    /// Of those, days times the share of the full build working (built and up).
    pub working: i64,
    /// Shut for good within the horizon.
    pub permanent: bool,
}

impl SiteTrial {
    /// From its days scheduled, up and working summed in `DAY_UNIT`s.
    pub(crate) fn from_units(scheduled: i64, up: i64, working: i64, permanent: bool) -> SiteTrial {
        SiteTrial { scheduled, up, working, permanent }
    }

    /// Days scheduled, up and working.
    pub fn days(&self) -> (f64, f64, f64) {
        let days = |units: i64| units as f64 / DAY_UNIT;
        (days(self.scheduled), days(self.up), days(self.working))
    }
}

/// True when a site that starts at `start` is built and in service all of day 0 (with no
/// event, then, it is whole from day 0: `Engine::whole_site`).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn whole_from(start: f64, site: &SiteModel) -> bool {
    let ramp = greater(site.ramp_days, 1.0);
    let first = lesser(greater(1.0 - start, 0.0), 1.0);
    start <= 0.0 && first == 1.0 && lesser((greater(-start, 0.0) + first) / ramp, 1.0) == 1.0
}

/// Buffers reused across trials, so a run allocates once. A scratch serves the one model it
/// was made for (it keeps that model's figures, and its trial with no event: `quiet`).
pub struct Scratch {
    /// B200e on each day of the last trial, summed over the sites counted against the
    /// requirement.
    pub capacity: Series,
    /// The same over the sites the training run draws on, when they are others.
    training: Series,
    /// Over the training run's fallback sites, when it has some, and what the run gets each
    /// day: the better of its own sites and the fallback at its efficiency.
    fallback: Series,
    run: Series,
    /// One site's days, and what is added to them (GPUs relocated from it).
    site: Series,
    extra: Series,
    /// Where a sum of paths is made.
    tmp_path: Series,
    /// GPUs relocated to a site of the scenario's choosing: `(B200e, landing day)`.
    moves: Vec<(f64, f64)>,
    pub sites: Vec<SiteTrial>,
    /// The trial's figures and events, and its status quo's.
    ev: Events,
    /// The status quo's capacity and site results, swapped in to run the same sites again.
    sq_capacity: Series,
    sq_training: Series,
    sq_fallback: Series,
    sq_run: Series,
    sq_sites: Vec<SiteTrial>,
    /// A site's loss share and frozen share a day, and the pieces they are made of.
    loss: Series,
    frozen: Series,
    pieces: Vec<Piece>,
    tmp: Vec<Interval>,
    tmp2: Vec<Interval>,
    segments: Vec<(f64, f64, f64)>,
    /// In a model whose trials draw no figure, the figures, capacity and site results of its
    /// trial with no event, once one has run: every such trial has them, but for its count of
    /// policy shocks (arrivals no site complied with), so they are made once.
    quiet: Option<TrialStats>,
    quiet_capacity: Series,
    quiet_sites: Vec<SiteTrial>,
}

impl Scratch {
    pub fn new(model: &Model) -> Self {
        let n = model.sites.len();
        let h = model.horizon;
        Scratch {
            capacity: Series::zeros(h),
            training: Series::zeros(h),
            fallback: Series::zeros(h),
            run: Series::zeros(h),
            site: Series::zeros(h),
            extra: Series::zeros(h),
            tmp_path: Series::zeros(h),
            moves: Vec::new(),
            sites: vec![SiteTrial::default(); n],
            ev: Events::new(model),
            sq_capacity: Series::zeros(h),
            sq_training: Series::zeros(h),
            sq_fallback: Series::zeros(h),
            sq_run: Series::zeros(h),
            sq_sites: vec![SiteTrial::default(); n],
            loss: Series::zeros(h),
            frozen: Series::zeros(h),
            pieces: Vec::new(),
            tmp: Vec::new(),
            tmp2: Vec::new(),
            segments: Vec::new(),
            quiet: None,
            quiet_capacity: Series::default(),
            quiet_sites: Vec::new(),
        }
    }
}

impl<'m> Engine<'m> {
    pub fn new(model: &'m Model, seed: u64) -> Self {
        let flop_per_b200e_day = B200E_FLOP_PER_SECOND * model.training.mfu * 86_400.0;
        let requirement_drawn = model.uncertain.iter().any(|u| u.target == Target::Requirement);
        // A site whose start is not drawn and is whole from it is so in every trial.
        let mut always_whole = 0;
        debug_assert!(model.sites.len() <= 64, "more sites than a bit set holds");
        for (i, s) in model.sites.iter().enumerate() {
            always_whole |= u64::from(s.online_delay.is_zero() && whole_from(s.online_day + 0.0, s)) << i;
        }
        Engine { model, streams: Streams::new(model, seed), flop_per_b200e_day, requirement_drawn, always_whole }
    }

    /// Runs trial number `trial`, leaving its capacity path and site results in `scratch`.
    pub fn run_trial(&self, trial: u64, scratch: &mut Scratch) -> TrialStats {
        let m = self.model;
        let Drawn { policy_shocks, policy_shutdown, touched } = scratch.ev.draw(m, &self.streams, trial);
        // With no figure drawn (no uncertain figure, no site's start), a trial with no event
        // is the model's sites as they are, the same days in every such trial; none of its
        // shocks reached a site (that would be an event), so it is its own status quo, and
        // its shocks are only counted.
        let quiet = m.uncertain.is_empty() && scratch.ev.alike();
        if let (true, Some(mut stats)) = (quiet, scratch.quiet) {
            let s = &mut *scratch;
            copy_trial((&s.quiet_capacity, &s.quiet_sites), (&mut s.capacity, &mut s.sites));
            stats.policy_shocks = policy_shocks;
            return stats;
        }

        self.all_sites(trial, scratch, m.horizon);
        let mut stats = self.trial_stats(scratch, policy_shocks, policy_shutdown);

        // A run that finished before the day any policy shock takes effect had the same
        // capacity on each of its days as its status quo (every site's days before that one
        // are the same numbers, added in the same order), so it finished at the same time.
        let finished_before_policy = stats
            .days_to_train
            .is_some_and(|d| scratch.ev.first_policy.floor() > (m.training.start_day as f64 + d).floor());
        let status_quo = if touched && !finished_before_policy {
            self.swap_status_quo(scratch);
            // Only the days up to the status quo's finish matter, and it usually finishes
            // about when this trial's run does (sooner, with fewer halts): its days are made
            // up to a week past that, and twice as far from the run's start each time it has
            // not finished by then, up to the horizon.
            let h = m.horizon;
            let start = m.training.start_day;
            let mut days = stats.days_to_train.map_or(h, |d| start + d.ceil() as usize + 7).min(h);
            let days_to_train = loop {
                self.all_sites(trial, scratch, days);
                let d = self.days_to_train(self.training_days(scratch));
                if d.is_some() || days >= h {
                    break d;
                }
                days = (start + 2 * (days - start)).min(h);
            };
            self.swap_status_quo(scratch);
            days_to_train
        } else {
            stats.days_to_train
        };
        stats.training_delay = Delay::between(stats.days_to_train, status_quo);
        if quiet {
            let s = &mut *scratch;
            s.quiet = Some(stats);
            copy_trial((&s.capacity, &s.sites), (&mut s.quiet_capacity, &mut s.quiet_sites));
        }
        stats
    }

    /// Every site's first `days` days into the pools, then any GPUs relocated to a named
    /// site. (Each day's capacity depends only on the days before it, so fewer days are the
    /// same numbers as far as they go.)
    fn all_sites(&self, trial: u64, scratch: &mut Scratch, days: usize) {
        let m = self.model;
        let fallback = m.training.fallback_efficiency > 0.0;
        scratch.capacity.reset(days);
        scratch.training.reset(days);
        scratch.fallback.reset(days);
        scratch.moves.clear();
        for (i, site) in m.sites.iter().enumerate() {
            // A site in exactly one pool adds to it (then what was relocated from it); one in
            // both (when they differ), in neither or in the fallback is summed first. Each
            // day's additions are those of adding day arrays, in the same order.
            let direct = !site.in_fallback
                && if m.separate_training_pool { site.in_requirement != site.in_training } else { site.in_requirement };
            let relocated = match self.whole_site(i, site, scratch, days) {
                Some(full) if direct => {
                    // Its one value added to each run of the pool, as adding its path would.
                    let pool = if site.in_requirement { &mut scratch.capacity } else { &mut scratch.training };
                    pool.add_value(full);
                    continue;
                }
                Some(full) => {
                    scratch.site.reset(days);
                    scratch.site.set(0, full);
                    false
                }
                None => self.site_days(i, site, trial, scratch, days),
            };
            let s = &mut *scratch;
            if direct {
                let pool = if site.in_requirement { &mut s.capacity } else { &mut s.training };
                pool.add(&s.site, &mut s.tmp_path);
                if relocated {
                    pool.add(&s.extra, &mut s.tmp_path);
                }
            } else {
                if relocated {
                    s.site.add(&s.extra, &mut s.tmp_path);
                }
                add_to_pools(site, m.separate_training_pool, s);
            }
        }
        if let Some(d) = m.relocation.to_site {
            self.land(d, scratch, days);
        }
        if fallback {
            let s = &mut *scratch;
            s.run.clone_from(if m.separate_training_pool { &s.training } else { &s.capacity });
            s.run.combine(&s.fallback, &mut s.tmp_path, series::Op::Best(m.training.fallback_efficiency));
        }
    }

    /// GPUs relocated to site `d` work from their landing day as much as `d` is up (its
    /// halts, then its outages outside them at their fraction), whether or not `d` itself is
    /// built yet, and count wherever `d` counts.
    fn land(&self, d: usize, scratch: &mut Scratch, n: usize) {
        if scratch.moves.is_empty() {
            return;
        }
        let m = self.model;
        let site = &m.sites[d];
        // (Relocated GPUs are the firm's own: the landing site's re-lets are not theirs.)
        losses(d, site, n, false, scratch);
        let s = &mut *scratch;
        s.site.reset(n);
        for &(moved, from) in &s.moves {
            coverage(&[(from, FOREVER)], moved, n, &mut s.pieces, &mut s.extra);
            s.site.add(&s.extra, &mut s.tmp_path);
        }
        s.site.combine(&s.loss, &mut s.tmp_path, series::Op::Working);
        add_to_pools(site, m.separate_training_pool, s);
    }

    /// The days the training run draws on.
    fn training_days<'s>(&self, scratch: &'s Scratch) -> &'s Series {
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
        for (a, b) in [
            (&mut s.capacity, &mut s.sq_capacity),
            (&mut s.training, &mut s.sq_training),
            (&mut s.fallback, &mut s.sq_fallback),
            (&mut s.run, &mut s.sq_run),
        ] {
            // (Out of line in the page's engine: one swap's code, not four.)
            series::swap(a, b);
        }
        std::mem::swap(&mut s.sites, &mut s.sq_sites);
        s.ev.swap_status_quo();
    }

    /// `whole_from` site `i`'s `start`: known for a site whose start is not drawn.
    #[inline]
    fn whole_at_start(&self, i: usize, start: f64, site: &SiteModel) -> bool {
        self.always_whole >> i & 1 == 1 || whole_from(start, site)
    }

    /// Most sites in most trials meet no event and are whole from day 0 (built before it, or
    /// with no ramp): their days are their capacity throughout, in service, up and working
    /// every day. For such a site, its results into `scratch.sites` and its capacity (the
    /// same numbers as `site_days` would build, without building them); `None` otherwise.
    fn whole_site(&self, i: usize, site: &SiteModel, scratch: &mut Scratch, days: usize) -> Option<f64> {
        let m = self.model;
        let ev = &scratch.ev;
        let whole = self.whole_at_start(i, ev.start[i], site);
        // (A trial that drew no event has none at any site.)
        if !whole || (ev.drew() && !(ev.halts[i].is_empty() && ev.outages[i].is_empty() && ev.freezes[i].is_empty())) {
            return None;
        }
        let whole = days as i64 * WHOLE_DAY;
        scratch.sites[i] = SiteTrial::from_units(whole, whole, whole, false);
        Some(site.capacity_of(ev.params[m.slot(Target::SiteGpus(i))]))
    }

    /// Writes site `i`'s capacity on its first `days` days into `scratch.site` (a site that is
    /// not `whole_site`), and capacity relocated from it (unless it goes to a named site) into
    /// `scratch.extra`: true when there is some.
    fn site_days(&self, i: usize, site: &SiteModel, trial: u64, scratch: &mut Scratch, days: usize) -> bool {
        let m = self.model;
        let h = days;
        let start = scratch.ev.start[i];
        let full = site.capacity_of(scratch.ev.params[m.slot(Target::SiteGpus(i))]);
        // From day `cut` on, the site is halted for good: it adds nothing.
        let cut = scratch.ev.settle(i, h);
        let ev = &scratch.ev;
        let whole = self.whole_at_start(i, start, site);
        let (scheduled, up, working_days) = if whole && ev.freezes[i].is_empty() {
            whole_days(i, site, full, cut, h, scratch)
        } else {
            build_days(i, site, start, full, cut, h, scratch)
        };
        let s = &mut *scratch;
        s.sites[i] = SiteTrial::from_units(scheduled, up, working_days, s.ev.permanent_from[i] < m.horizon as f64);

        // Relocation: a share of the GPUs installed when the site shut for good come back
        // as domestic capacity after a delay: at the named site, sharing its risks, or else
        // where this site counted, hit by no later event.
        let ramp = greater(site.ramp_days, 1.0);
        if let Some((moved, from)) = s.ev.sent_home(m, &self.streams, i, full, ramp, trial) {
            if m.relocation.to_site.is_some() {
                s.moves.push((moved, from));
            } else {
                coverage(&[(from, FOREVER)], moved, h, &mut s.pieces, &mut s.extra);
                return true;
            }
        }
        false
    }

    fn trial_stats(&self, scratch: &Scratch, policy_shocks: u32, policy_shutdown: bool) -> TrialStats {
        let m = self.model;
        let mut shortfall_days = 0u32;
        let mut run = 0u32;
        let mut longest_shortfall = 0u32;
        let mut delivered = 0i64;
        let steps = &m.requirement_steps;
        let scale = self.requirement_scale(scratch);
        let (mut requirement, mut next) = (steps[0].1 * scale, 1);
        for (a, b, values) in scratch.capacity.runs() {
            if let Values::One(c) = values {
                // In fixed point: the run's days at once, exactly their sum (the same integer
                // as summing it by the requirement's steps).
                delivered += (b - a) as i64 * fixed(c, DELIVERED_UNIT);
            }
            let mut t = a;
            while t < b {
                if next < steps.len() && steps[next].0 == t {
                    requirement = steps[next].1 * scale;
                    next += 1;
                }
                // Days t..end share the requirement.
                let end = if next < steps.len() && steps[next].0 > t { b.min(steps[next].0) } else { b };
                match values {
                    Values::One(c) => {
                        let n = (end - t) as u32;
                        if short_of(c, requirement) {
                            shortfall_days += n;
                            run += n;
                            longest_shortfall = longest_shortfall.max(run);
                        } else {
                            run = 0;
                        }
                    }
                    Values::Line(v, slope) => {
                        // In fixed point, the sum of the days at once; the days short of the
                        // requirement are one block, as a line only rises or falls.
                        let (k, n) = (t - a, end - t);
                        // (Counts through i64: one instruction each on x86-64, where from usize
                        // is six; the same values.)
                        let (nf, kf) = (n as i64 as f64, k as i64 as f64);
                        let sum = nf * v + slope * (nf * kf + (n * n.saturating_sub(1)) as i64 as f64 / 2.0);
                        delivered += fixed(sum, DELIVERED_UNIT);
                        let (first, short) = short_block(v, slope, k, n, requirement);
                        shortfall_days += short as u32;
                        if short == 0 || first > 0 {
                            run = 0;
                        }
                        run += short as u32;
                        longest_shortfall = longest_shortfall.max(run);
                        if first + short < n {
                            run = 0;
                        }
                    }
                    Values::Daily(v) => {
                        for &c in &v[t - a..end - a] {
                            delivered += fixed(c, DELIVERED_UNIT);
                            if short_of(c, requirement) {
                                shortfall_days += 1;
                                run += 1;
                                longest_shortfall = longest_shortfall.max(run);
                            } else {
                                run = 0;
                            }
                        }
                    }
                }
                t = end;
            }
        }

        TrialStats {
            final_capacity: scratch.capacity.last(),
            delivered: delivered as f64 / DELIVERED_UNIT,
            shortfall_days,
            longest_shortfall,
            days_to_train: self.days_to_train(self.training_days(scratch)),
            policy_shocks,
            policy_shutdown,
            training_delay: Delay::NoStatusQuo,
        }
    }

    /// What the last trial's requirement is, as a multiple of the model's: its draw over the
    /// model's (the distribution's mean) when it is uncertain, else exactly 1.
    pub fn requirement_scale(&self, scratch: &Scratch) -> f64 {
        let m = self.model;
        if self.requirement_drawn && m.requirement > 0.0 {
            scratch.ev.params[m.slot(Target::Requirement)] / m.requirement
        } else {
            1.0
        }
    }

    /// Days from the training run's start until it has its FLOP, if within the horizon.
    fn days_to_train(&self, capacity: &Series) -> Option<f64> {
        let m = self.model;
        let start = m.training.start_day;
        let mut done = 0.0;
        for (a, b, values) in capacity.runs() {
            if b <= start {
                continue;
            }
            let from = a.max(start);
            let mut day = |t: usize, c: f64| {
                let today = c * self.flop_per_b200e_day;
                // A day of nothing adds nothing.
                if today > 0.0 {
                    if done + today >= m.training.flop {
                        // Capacity is a day's average, so the run finishes part-way through the day.
                        return Some((t - start) as f64 + (m.training.flop - done) / today);
                    }
                    done += today;
                }
                None
            };
            match values {
                Values::One(c) => {
                    for t in from..b {
                        if let Some(d) = day(t, c) {
                            return Some(d);
                        }
                    }
                }
                Values::Line(v, slope) => {
                    let mut k = (from - a) as f64;
                    for t in from..b {
                        if let Some(d) = day(t, series::at_count(v, slope, k)) {
                            return Some(d);
                        }
                        k += 1.0;
                    }
                }
                Values::Daily(v) => {
                    for (t, &c) in (from..b).zip(&v[from - a..]) {
                        if let Some(d) = day(t, c) {
                            return Some(d);
                        }
                    }
                }
            }
        }
        None
    }
}

/// A trial's capacity and site results, copied into another's room (one copy of the code for
/// both ways).
#[inline(never)]
fn copy_trial(from: (&Series, &[SiteTrial]), to: (&mut Series, &mut Vec<SiteTrial>)) {
    to.0.clone_from(from.0);
    to.1.clear();
    to.1.extend_from_slice(from.1);
}

/// Site `i`'s first `h` days into `scratch.site`, built from `start` to `full` B200e (its
/// ramp advancing with unfrozen time), then losing its halts and outages, and nothing from
/// `cut`: its days (scheduled, up, working) in `DAY_UNIT`s.
fn build_days(
    i: usize,
    site: &SiteModel,
    start: f64,
    full: f64,
    cut: usize,
    h: usize,
    scratch: &mut Scratch,
) -> (i64, i64, i64) {
    // Loss share per day: halted time, plus outage time outside halts times the outage
    // fraction. Monotone in every interval and in the fraction.
    let lossy = scratch.ev.loses(i);
    if lossy {
        losses(i, site, cut, true, scratch);
    }
    let frozen = !scratch.ev.freezes[i].is_empty();
    let s = &mut *scratch;
    if frozen {
        coverage(&s.ev.freezes[i], 1.0, h, &mut s.pieces, &mut s.frozen);
    }
    let (loss, frozen_share, out) = (&s.loss, &s.frozen, &mut s.site);
    out.reset(h);
    let mut loss_at = Cursor::new(loss);
    let mut frozen_at = Cursor::new(frozen_share);

    // Build-out: a linear ramp over `ramp_days` of unfrozen time after the start (a ramp
    // of 0 days comes online within a day).
    let mut b = Build {
        ramp: greater(site.ramp_days, 1.0),
        // (The trial's GPUs: the site's number, or its draw.)
        full,
        cut,
        lossy,
        frozen,
        // A site whose build began before day 0 (an online date before the start date)
        // has that much of its ramp behind it.
        progress: greater(-start, 0.0),
        scheduled: 0,
        up: 0,
        working_days: 0,
    };
    // Days before the site's start add nothing (the path's 0).
    let mut t = (greater(start, 0.0) as usize).min(h);
    // Construction: the ramp advances with unfrozen time after the start.
    if t < h {
        // The first day may be partly before the start: a day of its own. Every later one
        // is whole (t + 1 - start >= 1 exactly, so in service all day): a line for each
        // stretch of days with one frozen share and one loss, up to the day it is whole.
        let first = lesser(greater(t as f64 + 1.0 - start, 0.0), 1.0);
        let mut whole = b.day(t, first, &mut loss_at, loss, &mut frozen_at, frozen_share, out);
        t += 1;
        while !whole && t < h {
            (t, whole) = b.stretch(t, h, &mut loss_at, loss, &mut frozen_at, frozen_share, out);
        }
    }
    let Build { mut scheduled, mut up, mut working_days, .. } = b;
    // Fully built (it stays so: freezes only stop deliveries): what is left is losses,
    // run by run until the cut, then nothing.
    scheduled += (h - t) as i64 * WHOLE_DAY;
    let up_before_rest = up;
    if t < cut {
        if lossy {
            for (a, b, l) in loss.runs() {
                let a = a.max(t);
                // (A coverage path has one value a run.)
                let (Values::One(l), true) = (l, a < b) else { continue };
                let working = 1.0 - lesser(l, 1.0);
                out.set(a, full * working);
                // In fixed point, a run's days at once: the sum of its days exactly.
                up += (b - a) as i64 * fixed(working, DAY_UNIT);
            }
        } else {
            out.set(t, full);
            up += (cut - t) as i64 * WHOLE_DAY;
        }
    }
    // Nothing from the cut on.
    out.set(cut, 0.0);
    // Fully built from day t: working as much as up.
    working_days += up - up_before_rest;
    (scheduled, up, working_days)
}

/// `build_days` for a site whole from day 0 and never frozen: its days are `full` less the
/// share of each it loses (halted, out, re-let), until `cut`. The same numbers as
/// `build_days` makes (each day's loss summed from the same pieces as `series::from_pieces`
/// sums them, each day's value and the runs' sums as it computes them), with no loss path
/// made and read. It repeats their arithmetic (`Build::day` on a site built all of day 0,
/// the loss runs after it): a change there is a change here, which
/// `a_whole_site_has_the_days_its_build_makes` compares bit for bit.
fn whole_days(i: usize, site: &SiteModel, full: f64, cut: usize, h: usize, s: &mut Scratch) -> (i64, i64, i64) {
    // (As `build_days` does, re-lets count only with a halt or an outage: a halt merged away
    // for lasting no time can leave its re-let.)
    let lossy = s.ev.loses(i);
    let split = if lossy {
        loss_pieces(i, site, cut, true, s)
    } else {
        s.pieces.clear();
        0
    };
    let out = &mut s.site;
    out.reset(h);
    // The run of days from `from` loses `working`'s complement; each run's days are summed
    // when the next begins (the first from day 0, before any day is summed).
    let (mut up, mut from, mut working) = (0i64, 0usize, 1.0);
    series::piece_runs(&s.pieces, split, |d, loss| {
        if d < cut {
            up += (d - from) as i64 * fixed(working, DAY_UNIT);
            working = 1.0 - lesser(loss, 1.0);
            from = d;
            out.set(d, full * working);
        }
    });
    up += (cut - from) as i64 * fixed(working, DAY_UNIT);
    out.set(cut, 0.0);
    // In service all day from day 0 and built: working as much as up.
    (h as i64 * WHOLE_DAY, up, up)
}

/// A site's build-out: its progress, and its sums over the days so far.
struct Build {
    ramp: f64,
    full: f64,
    cut: usize,
    lossy: bool,
    frozen: bool,
    progress: f64,
    /// Days scheduled, up and working so far, in `DAY_UNIT`s.
    scheduled: i64,
    up: i64,
    working_days: i64,
}

impl Build {
    /// Day t of the build-out, `in_service` of it after the start: its capacity onto `out`
    /// (before the cut). True when the site is whole and was in service all day.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn day(
        &mut self,
        t: usize,
        in_service: f64,
        loss_at: &mut Cursor,
        loss: &Series,
        frozen_at: &mut Cursor,
        frozen: &Series,
        out: &mut Series,
    ) -> bool {
        if in_service <= 0.0 {
            if t < self.cut {
                out.set(t, 0.0);
            }
            return false;
        }
        let frozen_today = if self.frozen { frozen_at.at(frozen, t) } else { 0.0 };
        self.progress += greater(in_service - frozen_today, 0.0);
        let built = lesser(self.progress / self.ramp, 1.0);
        let working = if t >= self.cut {
            0.0
        } else if self.lossy {
            1.0 - lesser(loss_at.at(loss, t), 1.0)
        } else {
            1.0
        };
        if t < self.cut {
            out.set(t, self.full * built * working);
        }
        self.scheduled += fixed(in_service, DAY_UNIT);
        self.up += fixed(in_service * working, DAY_UNIT);
        self.working_days += fixed(in_service * built * working, DAY_UNIT);
        built == 1.0 && in_service == 1.0
    }

    /// The whole days from day t (in service all day) with the frozen share and loss of day
    /// t, up to the first day the site is whole: a line onto `out` (before the cut), day j of
    /// it `full × working × (progress + rate × (j + 1)) / ramp` with `rate` the unfrozen share
    /// of a day. Returns the day after them, and whether that day is the first whole one
    /// (left to the caller, as every whole day is).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn stretch(
        &mut self,
        t: usize,
        h: usize,
        loss_at: &mut Cursor,
        loss: &Series,
        frozen_at: &mut Cursor,
        frozen: &Series,
        out: &mut Series,
    ) -> (usize, bool) {
        let before_cut = t < self.cut;
        // The stretch ends where the frozen share or the loss may change, at the cut, or at
        // the horizon.
        let mut end = if before_cut { self.cut } else { h };
        let frozen_today = if self.frozen {
            let f = frozen_at.at(frozen, t);
            end = end.min(frozen_at.next_change() as usize);
            f
        } else {
            0.0
        };
        let working = if !before_cut {
            0.0
        } else if self.lossy {
            let l = loss_at.at(loss, t);
            end = end.min(loss_at.next_change() as usize);
            1.0 - lesser(l, 1.0)
        } else {
            1.0
        };
        let n = end - t;
        let rate = greater(1.0 - frozen_today, 0.0);
        // The site is whole on the k-th day (k >= 1) whose progress reaches the ramp: found by
        // the formula the line's days follow, so the line's last day is short of whole.
        let (mut days, mut whole) = (n, false);
        if rate > 0.0 {
            let need = (self.ramp - self.progress) / rate;
            if need <= n as i64 as f64 + 1.0 {
                let reached = |k: usize| self.progress + rate * k as i64 as f64 >= self.ramp;
                let mut k = (need.ceil() as usize).max(1);
                while k > 1 && reached(k - 1) {
                    k -= 1;
                }
                while !reached(k) {
                    k += 1;
                }
                if k <= n {
                    (days, whole) = (k - 1, true);
                }
            }
        }
        if days > 0 && before_cut {
            let per = self.full * working / self.ramp;
            out.set_line(t, per * (self.progress + rate), per * rate);
        }
        // The sums over its days at once: in service all day, up as much as working, and
        // built a share rising by `rate / ramp` a day.
        let m = days as i64 as f64;
        self.scheduled += days as i64 * WHOLE_DAY;
        if before_cut {
            self.up += days as i64 * fixed(working, DAY_UNIT);
            let built = (m * self.progress + rate * m * (m + 1.0) / 2.0) / self.ramp;
            self.working_days += fixed(working * built, DAY_UNIT);
        }
        self.progress += rate * m;
        (t + days, whole)
    }
}

/// Adds `scratch.site` to the pools `site` is in: the requirement's, the training run's (when
/// it is another: `separate`) and the run's fallback.
fn add_to_pools(site: &SiteModel, separate: bool, s: &mut Scratch) {
    if site.in_requirement {
        s.capacity.add(&s.site, &mut s.tmp_path);
    }
    if site.in_training && separate {
        s.training.add(&s.site, &mut s.tmp_path);
    }
    if site.in_fallback {
        s.fallback.add(&s.site, &mut s.tmp_path);
    }
}

/// Site `i`'s loss share on days `0..days` into `scratch.loss`: halted time, plus outage time
/// outside halts times the outage fraction (its halts and outages merged). (`whole_days`
/// makes the same sums for a site whole from day 0.)
fn losses(i: usize, site: &SiteModel, days: usize, relets: bool, s: &mut Scratch) {
    let split = loss_pieces(i, site, days, relets, s);
    series::from_pieces(&s.pieces, split, days, &mut s.loss);
}

/// The pieces of site `i`'s loss share on days `0..days` into `scratch.pieces` (see
/// `losses`): its halts' first, then its outages' or re-lets', whose first index it returns.
fn loss_pieces(i: usize, site: &SiteModel, days: usize, relets: bool, s: &mut Scratch) -> usize {
    s.pieces.clear();
    let ev = &s.ev;
    series::coverage_pieces(&ev.halts[i], 1.0, days, &mut s.pieces);
    let split = s.pieces.len();
    let fraction = site.outages.map_or(0.0, |o| o.fraction);
    s.tmp.clear();
    if site.outages.is_some() {
        intervals::subtract(&ev.outages[i], &ev.halts[i], &mut s.tmp);
    }
    if relets && !ev.relets[i].is_empty() {
        // GPUs re-let when halts lifted: lost from then on, outside later halts (disjoint
        // segments in order, so one part for `from_pieces`).
        intervals::with_relets(&s.tmp, fraction, &ev.relets[i], &ev.halts[i], &mut s.tmp2, &mut s.segments);
        for &(a, b, share) in &s.segments {
            series::coverage_pieces(&[(a, b)], share, days, &mut s.pieces);
        }
    } else if site.outages.is_some() {
        series::coverage_pieces(&s.tmp, fraction, days, &mut s.pieces);
    }
    split
}

/// `weight` × the share of each day the (disjoint) intervals cover, into `out`.
fn coverage(intervals: &[Interval], weight: f64, days: usize, pieces: &mut Vec<Piece>, out: &mut Series) {
    pieces.clear();
    series::coverage_pieces(intervals, weight, days, pieces);
    series::from_pieces(pieces, pieces.len(), days, out);
}

// The day-by-day engine and proptest are native test code.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::engine::reference;

    /// How far a figure may be from the day-by-day engine's: a site's ramp is a line here,
    /// each day `v + slope × k`, where that engine adds each day's progress to the day
    /// before's, so the two round differently (by some 1e-15 of the value a day, so 1e-12
    /// over the longest ramps). Everything else is the same operations in the same order.
    const RELATIVE: f64 = 1e-9;

    fn near(x: f64, y: f64) -> bool {
        x == y || (x - y).abs() <= RELATIVE * x.abs().max(y.abs()).max(1.0)
    }

    /// Runs `trials` trials in this engine and in the day-by-day one, and checks every day's
    /// capacity and every figure: equal, or within `RELATIVE` of each other where a ramp's
    /// line rounds otherwise (the counts of days short of the requirement, equal unless a day
    /// lies within that rounding of it). Returns the trials whose counts were left unchecked
    /// so.
    pub(crate) fn same_as_day_by_day(model: &Model, seed: u64, trials: u64) -> u64 {
        let (engine, day_by_day) = (Engine::new(model, seed), reference::Engine::new(model, seed));
        let (mut scratch, mut days) = (Scratch::new(model), reference::Scratch::new(model));
        let mut unchecked = 0;
        for trial in 0..trials {
            let got = engine.run_trial(trial, &mut scratch);
            let want = day_by_day.run_trial(trial, &mut days);
            let what = format!("{}: trial {trial}", model.name);
            let (g, w) = (scratch.capacity.to_days(), &days.capacity);
            assert_eq!(g.len(), w.len(), "{what}");
            if let Some(t) = (0..g.len()).find(|&t| !near(g[t], w[t])) {
                panic!("{what}, day {t}: {} against {}", g[t], w[t]);
            }
            // A day on either side of the requirement in one engine and not the other.
            let scale = engine.requirement_scale(&scratch);
            let requirement = |t: usize| {
                let k = model.requirement_steps.partition_point(|s| s.0 <= t);
                model.requirement_steps[k.saturating_sub(1)].1 * scale
            };
            let ambiguous = (0..g.len()).any(|t| short_of(g[t], requirement(t)) != short_of(w[t], requirement(t)));
            if ambiguous {
                unchecked += 1;
            } else {
                assert_eq!(
                    (got.shortfall_days, got.longest_shortfall),
                    (want.shortfall_days, want.longest_shortfall),
                    "{what}"
                );
            }
            assert!(near(got.final_capacity, want.final_capacity), "{what}: {got:?} against {want:?}");
            // Delivered compute is summed in fixed point, each day cut to 1/DELIVERED_UNIT in
            // that engine, a line's days at once here: up to a unit a day apart.
            let cut = model.horizon as f64 / DELIVERED_UNIT;
            assert!((got.delivered - want.delivered).abs() <= cut, "{what}: {got:?} against {want:?}");
            assert_eq!((got.policy_shocks, got.policy_shutdown), (want.policy_shocks, want.policy_shutdown), "{what}");
            match (got.days_to_train, want.days_to_train) {
                (Some(x), Some(y)) => assert!(near(x, y), "{what}: {got:?} against {want:?}"),
                (x, y) => assert_eq!(x, y, "{what}"),
            }
            // Delays are kept to 2^-16 of a day: one step apart at most.
            match (got.training_delay, want.training_delay) {
                (Delay::Days(x), Delay::Days(y)) => {
                    assert!((x - y).abs() <= 1.0 / 65_536.0 + 1e-12, "{what}: {got:?} against {want:?}")
                }
                (x, y) => assert_eq!(x, y, "{what}"),
            }
            for (i, (s, r)) in scratch.sites.iter().zip(&days.sites).enumerate() {
                // Days scheduled and up are the same sums; days working, a ramp's at once.
                assert_eq!((s.scheduled, s.up, s.permanent), (r.scheduled, r.up, r.permanent), "{what}, site {i}");
                let (working, want) = (s.days().2, r.days().2);
                assert!((working - want).abs() <= 1e-6 + RELATIVE * want, "{what}, site {i}: {s:?} against {r:?}");
            }
        }
        unchecked
    }

    #[test]
    fn a_lines_short_days_are_the_days_short_one_by_one() {
        // Rising and falling lines across, above and below the requirement, from any day k.
        let mut cases = 0;
        for &(v, slope) in &[(0.0, 150.0), (1000.0, -37.5), (5000.0, 0.1), (20.0, 3.0), (9000.0, -900.0)] {
            for k in [0, 3, 40] {
                for n in [0, 1, 2, 7, 30, 181] {
                    for requirement in [0.0, 10.0, 1000.0, 4999.0, 5000.0, 5000.5, 9000.0, 1e9] {
                        let short: Vec<usize> =
                            (0..n).filter(|&j| short_of(series::at(v, slope, k + j), requirement)).collect();
                        let (first, count) = short_block(v, slope, k, n, requirement);
                        assert_eq!(count, short.len(), "{v} {slope} {k} {n} {requirement}");
                        if let (Some(&a), Some(&b)) = (short.first(), short.last()) {
                            assert_eq!((first, first + count - 1), (a, b), "{v} {slope} {k} {n} {requirement}");
                        }
                        cases += usize::from(count > 0 && count < n);
                    }
                }
            }
        }
        // Some lines cross the requirement, so the bisection is tested too.
        assert!(cases > 20, "{cases}");
    }

    fn scenario(seed: u64) -> Model {
        let json = crate::generated::scenario_json(seed, crate::generated::Size::Oracle);
        let scenario = crate::Scenario::from_json(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        Model::new(&scenario).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        #[test]
        fn any_scenario_agrees_with_the_day_by_day_engine(seed in 0u64..u64::MAX) {
            // (A day within rounding of the requirement is rare: at most one trial of 40.)
            proptest::prop_assert!(same_as_day_by_day(&scenario(seed), seed, 40) <= 1);
        }
    }

    #[test]
    fn the_generated_scenarios_include_drawn_figures() {
        // So the oracle checks each trial's draws too: most of 300 generated scenarios have at
        // least one figure drawn, and each kind of target is drawn in some.
        let models: Vec<Model> = (0..300).map(scenario).collect();
        assert!(models.iter().filter(|m| !m.uncertain.is_empty()).count() > 150);
        let any = |f: fn(&Target) -> bool| models.iter().any(|m| m.uncertain.iter().any(|u| f(&u.target)));
        assert!(any(|t| matches!(t, Target::ShockRate(_))) && any(|t| matches!(t, Target::ShockComply(_))));
        assert!(any(|t| matches!(t, Target::ShockPermanent(_))) && any(|t| matches!(t, Target::DistressRate(_))));
        assert!(any(|t| matches!(t, Target::DistressPermanent(_))) && any(|t| matches!(t, Target::OutageRate(_))));
        assert!(any(|t| matches!(t, Target::SiteGpus(_))) && any(|t| matches!(t, Target::Requirement)));
        assert!(any(|t| matches!(t, Target::ShockDuration(_))) && any(|t| matches!(t, Target::ShockLag(_))));
        assert!(any(|t| matches!(t, Target::DistressDuration(_))) && any(|t| matches!(t, Target::OutageDuration(_))));
        assert!(any(|t| matches!(t, Target::OnlineDelay(_))));
    }

    #[test]
    fn a_whole_site_has_the_days_its_build_makes() {
        // `whole_days` is `build_days` for a site whole from day 0 and never frozen, bit for
        // bit: each trial's such sites with a halt or an outage, in 300 generated scenarios,
        // their events as the trial left them (merged), over the horizon and over a shorter
        // run (as a status quo's first try is). Cases reached: [checked, shut for good within
        // the days, shut from day 0, halts before day 0, two halts within one day, outages,
        // re-lets]. The generated halts start after day 0, so each scenario's first such site
        // also takes these halts in place of its own (one emptied by merging).
        let made: [&[Interval]; 7] = [
            &[(-3.0, 2.5)],
            &[(0.0, FOREVER)],
            &[(-1.0, FOREVER)],
            &[(1.2, 1.5), (1.7, 2.5), (4.0, 4.75)],
            &[(2.0, 3.0), (3.0, 4.0)],
            &[(0.5, 0.5)],
            &[(1.0, 2.0), (5.25, FOREVER)],
        ];
        let mut cases = [0; 7];
        for seed in 0..300 {
            let model = scenario(seed);
            let (engine, mut s) = (Engine::new(&model, seed), Scratch::new(&model));
            let mut made_done = false;
            for trial in 0..40 {
                engine.run_trial(trial, &mut s);
                for (i, site) in model.sites.iter().enumerate() {
                    let ev = &s.ev;
                    let start = ev.start[i];
                    if !(whole_from(start, site) && ev.freezes[i].is_empty() && ev.loses(i)) {
                        continue;
                    }
                    let full = site.capacity_of(ev.params[model.slot(Target::SiteGpus(i))]);
                    let first = !std::mem::replace(&mut made_done, true);
                    let drawn = s.ev.halts[i].clone();
                    for halts in std::iter::once(&drawn[..]).chain(made.into_iter().filter(|_| first)) {
                        for h in [model.horizon, model.horizon / 3 + 1] {
                            s.ev.halts[i].clear();
                            s.ev.halts[i].extend_from_slice(halts);
                            let cut = s.ev.settle(i, h);
                            let merged = &s.ev.halts[i];
                            let shared = merged.windows(2).any(|w| w[0].1.ceil() > w[1].0.floor());
                            let before = merged.first().is_some_and(|m| m.0 < 0.0);
                            let (out, relet) = (!s.ev.outages[i].is_empty(), !s.ev.relets[i].is_empty());
                            let reached = [true, cut < h, cut == 0, before, shared, out, relet];
                            for (n, r) in cases.iter_mut().zip(reached) {
                                *n += usize::from(r);
                            }
                            let fast = whole_days(i, site, full, cut, h, &mut s);
                            let fast_days: Vec<u64> = s.site.to_days().iter().map(|x| x.to_bits()).collect();
                            let built = build_days(i, site, start, full, cut, h, &mut s);
                            let built_days: Vec<u64> = s.site.to_days().iter().map(|x| x.to_bits()).collect();
                            let what = format!("scenario {seed}, trial {trial}, site {i}, {h} days");
                            assert_eq!(fast, built, "{what}: {halts:?}");
                            assert_eq!(fast_days, built_days, "{what}: {halts:?}");
                        }
                    }
                }
            }
        }
        assert!(cases[0] > 5000 && cases[1] > 1000 && cases[2..].iter().all(|&n| n > 200), "{cases:?}");
    }

    #[test]
    fn a_model_with_no_drawn_figure_makes_its_quiet_trial_once_as_the_day_by_day_engine_does() {
        // benches/small.json draws no figure: about half its trials draw no event (some with
        // arrivals no site complied with, only counted), copied from the first such trial.
        let scenario = crate::Scenario::from_json(include_str!("../../benches/small.json")).unwrap();
        let model = Model::new(&scenario).unwrap();
        let engine = Engine::new(&model, 11);
        let mut s = Scratch::new(&model);
        let (mut copied, mut with_shocks) = (0, 0);
        for trial in 0..2000 {
            let kept = s.quiet.is_some();
            let stats = engine.run_trial(trial, &mut s);
            if kept && s.ev.alike() {
                copied += 1;
                with_shocks += u32::from(stats.policy_shocks > 0);
            }
        }
        assert!(copied > 500 && with_shocks > 50, "{copied} copied, {with_shocks} of them with shocks");
        // Each trial's days, figures and sites, copied or not, are the day-by-day engine's.
        assert_eq!(same_as_day_by_day(&model, 11, 2000), 0);
        // A site's start drawn, no other figure: its trials with no event differ (none copied).
        let json = include_str!("../../benches/small.json").replacen(
            r#""gpus": 10000,"#,
            r#""gpus": 10000, "online_delay_days": {"median": 1, "p90": 3},"#,
            1,
        );
        let model = Model::new(&crate::Scenario::from_json(&json).unwrap()).unwrap();
        assert!(model.uncertain.is_empty() && !model.sites[0].online_delay.is_zero());
        assert_eq!(same_as_day_by_day(&model, 11, 2000), 0);
    }

    #[test]
    fn every_preset_agrees_with_the_day_by_day_engine() {
        for p in crate::presets::all() {
            let model = Model::new(&p.scenario).unwrap();
            assert_eq!(same_as_day_by_day(&model, 11, 2000), 0, "{}", p.id);
        }
    }
}
