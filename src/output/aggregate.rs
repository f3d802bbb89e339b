//! Streaming, mergeable aggregation: fixed-bin histograms whose memory does not grow with
//! the number of trials.
//!
//! Everything here is a count, a minimum, a maximum or a fixed-point integer sum, so merging
//! chunks in any order gives exactly the one-piece result (floating-point sums would not).

use crate::model::Model;
use crate::series::{self, Series, Values};
use crate::trial::{Delay, SiteTrial, TrialStats, short_block, short_of};

/// Bins per histogram of a continuous figure: percentiles resolve to 1/1024 of the range.
pub const BINS: usize = 1024;

/// Sums are kept in units of 2⁻¹⁶ so that they add exactly and in any order.
const FIXED: f64 = 65_536.0;

#[inline]
fn fixed64(x: f64) -> u64 {
    // x is finite, non-negative and below 2^36 (the limits in model.rs cap capacity at
    // 64 sites × 10^7 GPUs × 44 B200e per GPU ≈ 2^35, and days below 2^12), so x·2^16 + 0.5
    // truncated is x rounded to the nearest unit, below 2^52.
    // Through i64, which is one instruction on x86-64 (u64 is several): the same number for
    // values from 0 to 2^63 (and 0 below, as before).
    (x * FIXED + 0.5).max(0.0) as i64 as u64
}

#[inline]
fn fixed(x: f64) -> u128 {
    u128::from(fixed64(x))
}

fn unfixed(sum: u128) -> f64 {
    sum as f64 / FIXED
}

/// One histogram bin: how many values fell in it, the least and greatest of them, and how
/// many equal each.
///
/// Capacity piles up on exact values (every site up; every site down), so a percentile among
/// them must come out exact, not smeared across the bin. Counts, minima and maxima merge
/// exactly and in any order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bin {
    count: u32,
    at_min: u32,
    at_max: u32,
    min: f32,
    max: f32,
}

impl Bin {
    /// An empty bin is all zero bits (its minimum and maximum are never read: adding to it or
    /// merging into it replaces them), so zeroed memory is empty bins.
    pub const EMPTY: Bin = Bin { count: 0, at_min: 0, at_max: 0, min: 0.0, max: 0.0 };

    /// `n` empty bins in zeroed memory, which the allocator gives as fresh pages without
    /// writing them: a full-resolution run's day bins are 15 MB, most of them never touched.
    fn empty(n: usize) -> Vec<Bin> {
        let Ok(layout) = std::alloc::Layout::array::<Bin>(n) else { return vec![Bin::EMPTY; n] };
        if layout.size() == 0 {
            return Vec::new();
        }
        // SAFETY: the layout is that of `n` bins and not empty; the memory is zeroed, and all
        // zero bits are a valid `Bin` (five 32-bit numbers), the empty one; the vector takes
        // ownership of the allocation with the same layout, length and capacity `n`.
        unsafe {
            let ptr = std::alloc::alloc_zeroed(layout).cast::<Bin>();
            if ptr.is_null() {
                std::alloc::handle_alloc_error(layout);
            }
            Vec::from_raw_parts(ptr, n, n)
        }
    }

    #[inline]
    fn add(&mut self, x: f32) {
        if self.count == 0 {
            *self = Bin { count: 1, at_min: 1, at_max: 1, min: x, max: x };
            return;
        }
        self.count += 1;
        if x < self.min {
            self.min = x;
            self.at_min = 1;
        } else if x == self.min {
            self.at_min += 1;
        }
        if x > self.max {
            self.max = x;
            self.at_max = 1;
        } else if x == self.max {
            self.at_max += 1;
        }
    }

    #[inline]
    fn merge(&mut self, o: &Bin) {
        if o.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = *o;
            return;
        }
        self.count += o.count;
        if o.min < self.min {
            self.min = o.min;
            self.at_min = o.at_min;
        } else if o.min == self.min {
            self.at_min += o.at_min;
        }
        if o.max > self.max {
            self.max = o.max;
            self.at_max = o.at_max;
        } else if o.max == self.max {
            self.at_max += o.at_max;
        }
    }

    /// The value of the j-th smallest of this bin's values, j in (0, count]: exact among
    /// values equal to the bin's minimum or maximum, spread evenly between them otherwise.
    fn value_at(&self, j: f64) -> f64 {
        let (min, max) = (f64::from(self.min), f64::from(self.max));
        let (c, a, b) = (f64::from(self.count), f64::from(self.at_min), f64::from(self.at_max));
        if min == max || j <= a {
            min
        } else if j > c - b {
            max
        } else {
            min + ((j - a) / (c - a - b)).clamp(0.0, 1.0) * (max - min)
        }
    }
}

/// A fixed-bin histogram with exact count and fixed-point sum.
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    lo: f64,
    width: f64,
    bins: Vec<Bin>,
    n: u64,
    sum: u128,
}

impl Histogram {
    /// `BINS` bins over `[lo, hi]`.
    pub fn continuous(lo: f64, hi: f64) -> Self {
        let width = if hi > lo { (hi - lo) / BINS as f64 } else { 1.0 };
        Histogram::with_bins(lo, width, BINS)
    }

    /// One bin per integer in `[0, hi]` (larger values share the top bin): percentiles of a
    /// count are then exact.
    pub fn discrete(hi: usize) -> Self {
        Histogram::with_bins(0.0, 1.0, hi + 1)
    }

    pub(crate) fn with_bins(lo: f64, width: f64, bins: usize) -> Self {
        Histogram { lo, width, bins: vec![Bin::EMPTY; bins], n: 0, sum: 0 }
    }

    pub fn add(&mut self, x: f64) {
        let last = self.bins.len() - 1;
        let bin = (((x - self.lo) / self.width).max(0.0) as usize).min(last);
        self.bins[bin].add(x as f32);
        self.n += 1;
        // Summed from `lo`, so a figure that can be negative (a delay) has an exact mean too.
        self.sum += fixed((x - self.lo).max(0.0));
    }

    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.bins.iter_mut().zip(&other.bins) {
            a.merge(b);
        }
        self.n += other.n;
        self.sum += other.sum;
    }

    pub fn count(&self) -> u64 {
        self.n
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| unfixed(self.sum) / self.n as f64 + self.lo)
    }

    /// The q-quantiles (q ascending in (0, 1)) in one pass; `None` when empty.
    pub fn quantiles<const K: usize>(&self, qs: [f64; K]) -> Option<[f64; K]> {
        quantiles(&self.bins, self.n, qs)
    }

    /// The histogram for display: counts in at most `max_bins` bins, each `bin_width` wide
    /// from `lo`, over the occupied range up to the 99th percentile (so a figure bunched in a
    /// few days keeps its shape beside a long, thin tail); the rest is counted in `above`.
    /// Each bin is a whole number of fine bins, so every count is exact.
    pub fn coarse(&self, max_bins: usize) -> Coarse {
        let first = self.bins.iter().position(|b| b.count > 0).unwrap_or(0);
        let needed = (self.n * 99).div_ceil(100);
        let mut seen = 0u64;
        let mut cut = first;
        for (i, b) in self.bins.iter().enumerate().skip(first) {
            seen += u64::from(b.count);
            cut = i;
            if seen >= needed {
                break;
            }
        }
        let group = (cut + 1 - first).div_ceil(max_bins).max(1);
        let last = (first + group * (cut + 1 - first).div_ceil(group)).min(self.bins.len());
        let counts: Vec<u64> =
            self.bins[first..last].chunks(group).map(|c| c.iter().map(|b| u64::from(b.count)).sum()).collect();
        let above = self.n - counts.iter().sum::<u64>();
        Coarse { lo: self.lo + first as f64 * self.width, bin_width: self.width * group as f64, counts, above }
    }
}

/// A histogram coarsened for display (see [`Histogram::coarse`]).
pub struct Coarse {
    pub lo: f64,
    pub bin_width: f64,
    pub counts: Vec<u64>,
    pub above: u64,
}

/// Percentiles from bins: the value of rank q·n is found in its bin (see [`Bin::value_at`]),
/// so it is exact for counts and for piles of equal values, and otherwise within one bin
/// width.
fn quantiles<const K: usize>(bins: &[Bin], n: u64, qs: [f64; K]) -> Option<[f64; K]> {
    if n == 0 {
        return None;
    }
    let mut out = [0.0; K];
    let mut k = 0;
    let mut below = 0u64;
    let mut last = f64::NAN;
    for b in bins {
        if b.count == 0 {
            continue;
        }
        let c = u64::from(b.count);
        while k < K && (qs[k] * n as f64) <= (below + c) as f64 {
            out[k] = b.value_at(qs[k] * n as f64 - below as f64);
            k += 1;
        }
        below += c;
        last = f64::from(b.max);
        if k == K {
            break;
        }
    }
    for x in out.iter_mut().skip(k) {
        *x = last;
    }
    Some(out)
}

/// The percentiles every summary reports.
pub const PERCENTILES: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

#[derive(Clone, Debug, PartialEq)]
pub struct SiteTotals {
    pub scheduled: u128,
    pub up: u128,
    /// Days times the share of the full build working (built and up).
    pub working: u128,
    pub permanent: u64,
}

/// Everything a run keeps about its trials, in memory independent of their number.
#[derive(Clone, Debug, PartialEq)]
pub struct Accumulator {
    pub horizon: usize,
    pub trials: u64,
    /// Capacity bins per day, `horizon × bins_per_day`, over `[0, max_capacity]`.
    day_bins: Vec<Bin>,
    bins_per_day: usize,
    day_scale: f64,
    day_width: f64,
    day_sum: Vec<u128>,
    /// The requirement's steps (first day, B200e), and on each day the number of trials
    /// below it.
    requirement: Vec<(usize, f64)>,
    below: Vec<u64>,
    pub final_capacity: Histogram,
    pub delivered: Histogram,
    pub shortfall_days: Histogram,
    pub longest_shortfall: Histogram,
    pub days_to_train: Histogram,
    pub policy_shocks: Histogram,
    /// Days to train minus the same trial's days with no policy shock (both finished).
    pub training_delay: Histogram,
    pub any_shortfall: u64,
    pub shortfall_7_days: u64,
    pub unfinished: u64,
    pub policy_shutdown: u64,
    /// Trials whose run finishes without policy shocks but not with them.
    pub delay_unfinished: u64,
    /// Trials with no capacity at all on the last day.
    pub none_at_end: u64,
    /// Trials whose run does not finish even without policy shocks.
    pub status_quo_unfinished: u64,
    /// Trials delayed more than 7 and more than 30 days (an unfinished run counts).
    pub delay_over_7_days: u64,
    pub delay_over_30_days: u64,
    pub sites: Vec<SiteTotals>,
}

/// The longest shortfall counted as "a week or more".
pub const LONG_SHORTFALL_DAYS: u32 = 7;

/// The fewest bins a day may have (a preview's resolution is 1/64 of the range).
pub const MIN_BINS: usize = 64;

impl Accumulator {
    /// The full-resolution accumulator: `BINS` bins a day.
    pub fn new(model: &Model) -> Self {
        Accumulator::with_bins(model, BINS)
    }

    /// An accumulator with `bins` capacity bins a day (clamped to `MIN_BINS..=BINS`): fewer
    /// bins make a cheaper, coarser run, such as a preview while a slider moves. The
    /// summary's `resolution_b200e` says which.
    pub fn with_bins(model: &Model, bins: usize) -> Self {
        let bins = bins.clamp(MIN_BINS, BINS);
        let h = model.horizon;
        let cap = model.max_capacity;
        let (day_scale, day_width) = if cap > 0.0 { (bins as f64 / cap, cap / bins as f64) } else { (0.0, 1.0) };
        // Room for every policy shock a run could plausibly see: the mean plus ten standard
        // deviations (counts above land in the top bin; the exact maximum is kept).
        // (An uncertain rate counts at its 99.9th percentile: a trial that drew a high rate
        // still has a bin.)
        let rate = |k: usize| {
            let drawn = model.uncertain.iter().find(|u| u.target == crate::model::Target::ShockRate(k));
            drawn.map_or(model.shocks[k].rate_per_day, |u| u.at(0.999) / 365.0)
        };
        let mean_shocks: f64 =
            model.shocks.iter().enumerate().map(|(k, s)| rate(k) * h as f64 + s.scheduled.len() as f64).sum();
        let shock_bins = (mean_shocks + 10.0 * mean_shocks.sqrt() + 20.0).ceil() as usize;
        Accumulator {
            horizon: h,
            trials: 0,
            day_bins: Bin::empty(h * bins),
            bins_per_day: bins,
            day_scale,
            day_width,
            day_sum: vec![0; h],
            requirement: model.requirement_steps.clone(),
            below: vec![0; h],
            final_capacity: Histogram::continuous(0.0, cap),
            delivered: Histogram::continuous(0.0, cap * h as f64),
            shortfall_days: Histogram::discrete(h),
            longest_shortfall: Histogram::discrete(h),
            days_to_train: Histogram::continuous(0.0, h as f64),
            policy_shocks: Histogram::discrete(shock_bins),
            // Quarter-day bins with whole days on their lower edges: delays pile up on exact
            // values (0 when no shock touches the run, a halt's fixed length), which then come
            // out exact as a bin's minimum rather than spread across a wider bin.
            training_delay: Histogram::with_bins(-(h as f64), 0.25, 8 * h),
            any_shortfall: 0,
            shortfall_7_days: 0,
            unfinished: 0,
            policy_shutdown: 0,
            delay_unfinished: 0,
            none_at_end: 0,
            status_quo_unfinished: 0,
            delay_over_7_days: 0,
            delay_over_30_days: 0,
            sites: vec![SiteTotals { scheduled: 0, up: 0, working: 0, permanent: 0 }; model.sites.len()],
        }
    }

    /// The per-trial figures' histograms, in one fixed order (for merging and for bytes).
    fn histograms(&self) -> [&Histogram; 7] {
        [
            &self.final_capacity,
            &self.delivered,
            &self.shortfall_days,
            &self.longest_shortfall,
            &self.days_to_train,
            &self.policy_shocks,
            &self.training_delay,
        ]
    }

    fn histograms_mut(&mut self) -> [&mut Histogram; 7] {
        [
            &mut self.final_capacity,
            &mut self.delivered,
            &mut self.shortfall_days,
            &mut self.longest_shortfall,
            &mut self.days_to_train,
            &mut self.policy_shocks,
            &mut self.training_delay,
        ]
    }

    /// The trial counts behind the probabilities, in one fixed order.
    fn counts(&self) -> [u64; 9] {
        [
            self.none_at_end,
            self.any_shortfall,
            self.shortfall_7_days,
            self.unfinished,
            self.policy_shutdown,
            self.delay_unfinished,
            self.status_quo_unfinished,
            self.delay_over_7_days,
            self.delay_over_30_days,
        ]
    }

    fn counts_mut(&mut self) -> [&mut u64; 9] {
        [
            &mut self.none_at_end,
            &mut self.any_shortfall,
            &mut self.shortfall_7_days,
            &mut self.unfinished,
            &mut self.policy_shutdown,
            &mut self.delay_unfinished,
            &mut self.status_quo_unfinished,
            &mut self.delay_over_7_days,
            &mut self.delay_over_30_days,
        ]
    }

    /// The day bin of value `x` on day t.
    fn day_bin(&mut self, t: usize, x: f64) -> &mut Bin {
        let per_day = self.bins_per_day;
        // As `(x * scale) as usize` clamped to the day's bins, through i64 (see `fixed64`).
        let bin = ((x * self.day_scale) as i64).clamp(0, per_day as i64 - 1) as usize;
        &mut self.day_bins[t * per_day + bin]
    }

    /// Adds `x` to day t's bins and sum.
    fn add_to_day(&mut self, t: usize, x: f64) {
        self.day_bin(t, x).add(x as f32);
        self.day_sum[t] += u128::from(fixed64(x));
    }

    /// Adds `x` to day t's bins only (its sum is counted apart: a line's, by `DayFeed`).
    #[inline(always)]
    fn add_to_bin(&mut self, t: usize, x: f64) {
        self.day_bin(t, x).add(x as f32);
    }

    /// Adds `n` copies of `x` to day t's bins and sum: exactly what adding each would do.
    fn add_copies_to_day(&mut self, t: usize, x: f64, n: u32) {
        let x32 = x as f32;
        self.day_bin(t, x).merge(&Bin { count: n, at_min: n, at_max: n, min: x32, max: x32 });
        self.day_sum[t] += u128::from(fixed64(x)) * u128::from(n);
    }

    /// Adds one trial's figures and per-site results (its days go through [`DayFeed`]).
    pub fn add_figures(&mut self, stats: &TrialStats, sites: &[SiteTrial]) {
        self.trials += 1;
        self.final_capacity.add(stats.final_capacity);
        self.none_at_end += u64::from(stats.final_capacity <= 0.0);
        self.delivered.add(stats.delivered);
        self.shortfall_days.add(f64::from(stats.shortfall_days));
        self.longest_shortfall.add(f64::from(stats.longest_shortfall));
        self.policy_shocks.add(f64::from(stats.policy_shocks));
        match stats.days_to_train {
            Some(d) => self.days_to_train.add(d),
            None => self.unfinished += 1,
        }
        match stats.training_delay {
            Delay::Days(d) => {
                self.training_delay.add(d);
                self.delay_over_7_days += u64::from(d > 7.0);
                self.delay_over_30_days += u64::from(d > 30.0);
            }
            Delay::Unfinished => {
                self.delay_unfinished += 1;
                self.delay_over_7_days += 1;
                self.delay_over_30_days += 1;
            }
            Delay::NoStatusQuo => self.status_quo_unfinished += 1,
        }
        self.any_shortfall += u64::from(stats.shortfall_days > 0);
        self.shortfall_7_days += u64::from(stats.longest_shortfall >= LONG_SHORTFALL_DAYS);
        self.policy_shutdown += u64::from(stats.policy_shutdown);
        for (total, s) in self.sites.iter_mut().zip(sites) {
            total.scheduled += fixed(s.scheduled_days);
            total.up += fixed(s.up_days);
            total.working += fixed(s.working_days);
            total.permanent += u64::from(s.permanent);
        }
    }

    /// Adds another accumulator of the same model; the order of merges does not matter.
    pub fn merge(&mut self, other: &Accumulator) -> Result<(), String> {
        if self.horizon != other.horizon
            || self.sites.len() != other.sites.len()
            || self.bins_per_day != other.bins_per_day
            || self.day_width != other.day_width
        {
            return Err("cannot merge runs of different scenarios".into());
        }
        self.trials += other.trials;
        for (a, b) in self.day_bins.iter_mut().zip(&other.day_bins) {
            a.merge(b);
        }
        for (a, b) in self.day_sum.iter_mut().zip(&other.day_sum) {
            *a += b;
        }
        for (a, b) in self.below.iter_mut().zip(&other.below) {
            *a += b;
        }
        for (a, b) in self.histograms_mut().into_iter().zip(other.histograms()) {
            a.merge(b);
        }
        for (a, b) in self.counts_mut().into_iter().zip(other.counts()) {
            *a += b;
        }
        for (a, b) in self.sites.iter_mut().zip(&other.sites) {
            a.scheduled += b.scheduled;
            a.up += b.up;
            a.working += b.working;
            a.permanent += b.permanent;
        }
        Ok(())
    }

    /// The share of trials below the requirement on day t.
    pub fn share_below(&self, t: usize) -> f64 {
        self.below.get(t).map_or(0.0, |&n| n as f64 / self.trials.max(1) as f64)
    }

    /// Width of one capacity bin: the percentile resolution of the daily bands.
    pub fn resolution(&self) -> f64 {
        self.day_width
    }

    /// The daily percentiles (`PERCENTILES`) and mean of day `t`.
    pub fn day(&self, t: usize) -> Option<([f64; 5], f64)> {
        let per_day = self.bins_per_day;
        let q = quantiles(&self.day_bins[t * per_day..(t + 1) * per_day], self.trials, PERCENTILES)?;
        Some((q, unfixed(self.day_sum[t]) / self.trials as f64))
    }

    pub fn site_share_up(&self, i: usize) -> Option<f64> {
        let s = &self.sites[i];
        (s.scheduled > 0).then(|| s.up as f64 / s.scheduled as f64)
    }

    /// Of the site's scheduled days, the share of its full build that was working: a site
    /// frozen part-way through its build counts only what was built.
    pub fn site_share_working(&self, i: usize) -> Option<f64> {
        let s = &self.sites[i];
        (s.scheduled > 0).then(|| s.working as f64 / s.scheduled as f64)
    }

    pub fn site_mean_days_down(&self, i: usize) -> f64 {
        let s = &self.sites[i];
        unfixed(s.scheduled.saturating_sub(s.up)) / self.trials.max(1) as f64
    }
}

/// Runs of one value at least this many days long are counted as a run, not day by day.
const MIN_RUN: usize = 4;

/// How many distinct values [`DayFeed`] counts by runs; runs of other values go day by day.
const PLATEAUS: usize = 16;

/// Trials' daily capacity on its way into an [`Accumulator`], added exactly as if each day
/// of each trial went in one by one, but in far fewer steps; but for a line's day sums,
/// taken from its first day's value and its slope in fixed point, each within `2 + j/2`
/// units of 2^-16 of a day's own (j: the days since the line's first), some 0.001 B200e a
/// day over a 180-day ramp, which the printed means (to 0.1) do not show.
///
/// A capacity path is mostly long runs of one value (every site up; a site shut for good),
/// and the same few values recur from trial to trial. A run of such a value is counted by
/// differences, +1 on its first day and −1 after its last: two additions however long the
/// run. When the trials are done, a running sum gives each day's count of the value, which
/// goes into that day's bin at once. The other values go straight into their day's bin.
/// (Gathering them day-major first, 64 trials at a time, to keep a day's bins in cache was
/// measured slower: a day's values from different trials seldom share a bin, and the
/// gathering buffer took its own share of the cache.) Bins and sums are counts, minima,
/// maxima and integers, so the result does not depend on the order of the additions.
pub struct DayFeed {
    horizon: usize,
    /// The requirement's steps, as in the accumulator.
    steps: Vec<(usize, f64)>,
    plateaus: Vec<Plateau>,
    /// Runs of days below the requirement, counted the same way as a plateau.
    below: Vec<i64>,
    /// The lines' day sums in fixed point, by differences: day d of a line adds `a + d × b`,
    /// so `a` and `b` are added on its first day and taken off after its last (allocated at
    /// the first line).
    line_a: Vec<i128>,
    line_b: Vec<i128>,
}

/// A value counted by runs: `delta[t]` is the number of runs of it starting on day t less
/// the number ending on day t − 1.
struct Plateau {
    value: f64,
    delta: Vec<i32>,
}

impl DayFeed {
    pub fn new(acc: &Accumulator) -> Self {
        DayFeed {
            horizon: acc.horizon,
            steps: acc.requirement.clone(),
            plateaus: Vec::new(),
            below: vec![0; acc.horizon + 1],
            line_a: Vec::new(),
            line_b: Vec::new(),
        }
    }

    /// Adds one trial's daily capacity, run by run, with the requirement at `scale` times the
    /// model's (1, or the trial's draw of an uncertain one: see `Engine::requirement_scale`);
    /// the trial's other figures go through [`Accumulator::add_figures`]. Call
    /// [`Self::finish`] when the trials are done.
    pub fn push(&mut self, path: &Series, scale: f64, acc: &mut Accumulator) {
        for (t, end, values) in path.runs() {
            let end = end.min(self.horizon);
            if t >= end {
                break;
            }
            match values {
                Values::One(x) => {
                    self.below(t, end, x, scale, acc);
                    match self.plateau(x, end - t) {
                        Some(p) => {
                            p.delta[t] += 1;
                            p.delta[end] -= 1;
                        }
                        None => {
                            for d in t..end {
                                acc.add_to_day(d, x);
                            }
                        }
                    }
                }
                Values::Line(v, slope) => self.line(t, end, v, slope, scale, acc),
                Values::Daily(v) => {
                    // The requirement's step on each day (none before the first), followed
                    // as the days go.
                    let steps = &self.steps;
                    let step = |d: usize| {
                        let k = steps.partition_point(|s| s.0 <= d);
                        (
                            k.checked_sub(1).map_or(f64::NEG_INFINITY, |k| steps[k].1 * scale),
                            steps.get(k).map_or(usize::MAX, |s| s.0),
                        )
                    };
                    let (mut requirement, mut until) = step(t);
                    for (d, &x) in (t..end).zip(v) {
                        if d >= until {
                            (requirement, until) = step(d);
                        }
                        if short_of(x, requirement) {
                            self.below[d] += 1;
                            self.below[d + 1] -= 1;
                        }
                        acc.add_to_day(d, x);
                    }
                }
            }
        }
    }

    /// Adds the days `t..end` of a line (day d: `series::at(v, slope, d − t)`): each day to its
    /// bin; the days short of each step of the requirement, one block (see `short_block`);
    /// the days' sum, `fixed(v) + (d − t) × fixed(slope)` on day d, by differences.
    #[inline(never)]
    fn line(&mut self, t: usize, end: usize, v: f64, slope: f64, scale: f64, acc: &mut Accumulator) {
        for (k, &(from, requirement)) in acc.requirement.iter().enumerate() {
            let until = acc.requirement.get(k + 1).map_or(usize::MAX, |s| s.0);
            let (a, b) = (t.max(from), end.min(until));
            if a < b {
                let (first, short) = short_block(v, slope, a - t, b - a, requirement * scale);
                if short > 0 {
                    self.below[a + first] += 1;
                    self.below[a + first + short] -= 1;
                }
            }
        }
        for d in t..end {
            acc.add_to_bin(d, series::at(v, slope, d - t));
        }
        if self.line_a.is_empty() {
            self.line_a = vec![0; self.horizon + 1];
            self.line_b = vec![0; self.horizon + 1];
        }
        // (The slope in fixed point is below 2^52, as every value is: see `fixed64`.)
        let b = i128::from((slope * FIXED).round() as i64);
        let a = i128::from(fixed64(v)) - t as i128 * b;
        self.line_a[t] += a;
        self.line_a[end] -= a;
        self.line_b[t] += b;
        self.line_b[end] -= b;
    }

    /// Counts the days `t..end`, of value `x`, below each step of the requirement they overlap.
    #[inline]
    fn below(&mut self, t: usize, end: usize, x: f64, scale: f64, acc: &Accumulator) {
        for (k, &(from, requirement)) in acc.requirement.iter().enumerate() {
            let until = acc.requirement.get(k + 1).map_or(usize::MAX, |s| s.0);
            let (a, b) = (t.max(from), end.min(until));
            if a < b && short_of(x, requirement * scale) {
                self.below[a] += 1;
                self.below[b] -= 1;
            }
        }
    }

    /// The plateau of value `x` for a run of `len` days, made if there is room; `None` when
    /// the run is too short to be worth counting as one.
    fn plateau(&mut self, x: f64, len: usize) -> Option<&mut Plateau> {
        if len < MIN_RUN {
            return None;
        }
        match self.plateaus.iter().position(|p| p.value.to_bits() == x.to_bits()) {
            Some(i) => Some(&mut self.plateaus[i]),
            None if self.plateaus.len() < PLATEAUS => {
                self.plateaus.push(Plateau { value: x, delta: vec![0; self.horizon + 1] });
                self.plateaus.last_mut()
            }
            None => None,
        }
    }

    /// Adds the counted runs and the lines' sums to `acc`.
    pub fn finish(self, acc: &mut Accumulator) {
        let (mut a, mut b) = (0i128, 0i128);
        for (t, (&da, &db)) in self.line_a.iter().zip(&self.line_b).take(self.horizon).enumerate() {
            a += da;
            b += db;
            // The days' values are at least 0, and so are their sums.
            acc.day_sum[t] += (a + t as i128 * b).max(0) as u128;
        }
        let mut n = 0i64;
        for (t, &d) in self.below[..self.horizon].iter().enumerate() {
            n += d;
            // n counts trials on day t, so it is never negative.
            acc.below[t] += n as u64;
        }
        for p in &self.plateaus {
            let mut n = 0i64;
            for (t, &d) in p.delta[..self.horizon].iter().enumerate() {
                n += i64::from(d);
                if n > 0 {
                    // n counts trials, which are fewer than 2^32 (model.rs limits them).
                    acc.add_copies_to_day(t, p.value, n as u32);
                }
            }
        }
    }
}

/// Bytes of an accumulator, for moving a part of a run between threads or Web Workers.
struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u128(&mut self, x: u128) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn f32(&mut self, x: f32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    /// Only the bins that hold something, each with its index: a day's values fall in a few
    /// of its bins, so a run's bins are mostly empty (a 730-day run at full resolution has
    /// 747,520 day bins, 15 MB written out in full).
    fn bins(&mut self, bins: &[Bin]) {
        let filled = bins.iter().filter(|b| b.count > 0).count();
        self.u32(filled as u32);
        for (i, b) in bins.iter().enumerate().filter(|(_, b)| b.count > 0) {
            self.u32(i as u32);
            self.u32(b.count);
            self.u32(b.at_min);
            self.u32(b.at_max);
            self.f32(b.min);
            self.f32(b.max);
        }
    }
    fn histogram(&mut self, h: &Histogram) {
        self.bins(&h.bins);
        self.u64(h.n);
        self.u128(h.sum);
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let (head, rest) = self.0.split_at_checked(N).ok_or("accumulator bytes end early")?;
        self.0 = rest;
        head.try_into().map_err(|_| "accumulator bytes end early".to_string())
    }
    fn u32(&mut self) -> Result<u32, String> {
        self.take().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Result<u64, String> {
        self.take().map(u64::from_le_bytes)
    }
    fn u128(&mut self) -> Result<u128, String> {
        self.take().map(u128::from_le_bytes)
    }
    fn f32(&mut self) -> Result<f32, String> {
        self.take().map(f32::from_le_bytes)
    }
    fn bin(&mut self) -> Result<Bin, String> {
        Ok(Bin { count: self.u32()?, at_min: self.u32()?, at_max: self.u32()?, min: self.f32()?, max: self.f32()? })
    }
    /// Reads bins written by [`Writer::bins`], merging them into `bins` when `apply`.
    fn bins(&mut self, bins: &mut [Bin], apply: bool) -> Result<(), String> {
        let filled = self.u32()? as usize;
        let mut next = 0;
        for _ in 0..filled {
            let i = self.u32()? as usize;
            if i < next || i >= bins.len() {
                return Err("accumulator bytes name a bin out of order or range".into());
            }
            next = i + 1;
            let b = self.bin()?;
            if apply {
                bins[i].merge(&b);
            }
        }
        Ok(())
    }
}

const MAGIC: u32 = 0x4353_4133; // "CSA3"

impl Accumulator {
    /// The accumulator as bytes (little-endian), to merge elsewhere with [`Self::merge_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.u32(MAGIC);
        w.u32(self.horizon as u32);
        w.u32(self.bins_per_day as u32);
        w.u32(self.sites.len() as u32);
        w.u64(self.trials);
        w.bins(&self.day_bins);
        self.day_sum.iter().for_each(|&x| w.u128(x));
        self.below.iter().for_each(|&x| w.u64(x));
        for h in self.histograms() {
            w.histogram(h);
        }
        for x in self.counts() {
            w.u64(x);
        }
        for s in &self.sites {
            w.u128(s.scheduled);
            w.u128(s.up);
            w.u128(s.working);
            w.u64(s.permanent);
        }
        w.0
    }

    /// Adds an accumulator of the same model and resolution given as bytes, in place (no copy
    /// of the accumulator is made). Bytes of another shape, or that end early, change nothing:
    /// they are read through once before anything is added.
    pub fn merge_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.read_bytes(bytes, false)?;
        self.read_bytes(bytes, true)
    }

    /// Reads [`Self::to_bytes`]'s output, adding it to this accumulator when `apply`.
    fn read_bytes(&mut self, bytes: &[u8], apply: bool) -> Result<(), String> {
        let mut r = Reader(bytes);
        let shape = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        if shape != (MAGIC, self.horizon as u32, self.bins_per_day as u32, self.sites.len() as u32) {
            return Err("cannot merge runs of different scenarios".into());
        }
        let trials = r.u64()?;
        let add64 = |x: &mut u64, y: u64| {
            if apply {
                *x += y;
            }
        };
        let add128 = |x: &mut u128, y: u128| {
            if apply {
                *x += y;
            }
        };
        add64(&mut self.trials, trials);
        r.bins(&mut self.day_bins, apply)?;
        for x in self.day_sum.iter_mut() {
            add128(x, r.u128()?);
        }
        for x in self.below.iter_mut() {
            add64(x, r.u64()?);
        }
        for h in self.histograms_mut() {
            r.bins(&mut h.bins, apply)?;
            add64(&mut h.n, r.u64()?);
            add128(&mut h.sum, r.u128()?);
        }
        for x in self.counts_mut() {
            add64(x, r.u64()?);
        }
        for s in self.sites.iter_mut() {
            add128(&mut s.scheduled, r.u128()?);
            add128(&mut s.up, r.u128()?);
            add128(&mut s.working, r.u128()?);
            add64(&mut s.permanent, r.u64()?);
        }
        if !r.0.is_empty() {
            return Err("accumulator bytes run on past their end".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discrete_quantiles_are_exact_order_statistics() {
        let mut h = Histogram::discrete(10);
        for x in [0, 0, 0, 1, 2, 2, 3, 5, 9, 10] {
            h.add(f64::from(x));
        }
        // Nearest rank: the smallest value with at least q·n values at or below it.
        assert_eq!(h.quantiles([0.05, 0.25, 0.5, 0.75, 0.95]), Some([0.0, 0.0, 2.0, 5.0, 10.0]));
        assert_eq!(h.mean(), Some(3.2));
    }

    #[test]
    fn a_constant_is_reported_exactly() {
        let mut h = Histogram::continuous(0.0, 24_250.0);
        for _ in 0..100 {
            h.add(14_550.0);
        }
        assert_eq!(h.quantiles([0.05, 0.5, 0.95]), Some([14_550.0; 3]));
    }

    #[test]
    fn continuous_quantiles_are_within_one_bin() {
        let mut h = Histogram::continuous(0.0, 1000.0);
        let n = 100_000;
        for i in 0..n {
            h.add((f64::from(i) + 0.5) / f64::from(n) * 1000.0);
        }
        let q = h.quantiles(PERCENTILES).unwrap();
        for (x, p) in q.iter().zip(PERCENTILES) {
            assert!((x - p * 1000.0).abs() <= 1000.0 / BINS as f64, "{p}: {x}");
        }
    }

    #[test]
    fn the_display_histogram_covers_99_percent_and_counts_the_rest() {
        let mut h = Histogram::continuous(0.0, 1024.0);
        for i in 0..990 {
            h.add(10.0 + f64::from(i % 7));
        }
        for i in 0..10 {
            h.add(500.0 + f64::from(i));
        }
        let c = h.coarse(4);
        assert_eq!(c.lo, 10.0);
        assert_eq!(c.bin_width, 2.0);
        assert_eq!(c.counts.iter().sum::<u64>() + c.above, 1000);
        assert_eq!(c.above, 10);
        assert_eq!(c.counts.len(), 4);
    }

    /// Paths of runs (lengths 1 to 40 days) over 24 values, more than `PLATEAUS`, for 150
    /// trials: counted runs, days added one by one and a full table of plateaus all occur.
    fn paths(horizon: usize, max: f64) -> Vec<Vec<f64>> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        (0..150)
            .map(|_| {
                let mut path = Vec::with_capacity(horizon);
                while path.len() < horizon {
                    let x = max * next(24) as f64 / 23.0;
                    let len = 1 + next(40) as usize;
                    path.extend(std::iter::repeat_n(x, len.min(horizon - path.len())));
                }
                path
            })
            .collect()
    }

    #[test]
    fn days_add_exactly_what_adding_each_day_adds() {
        let preset = crate::presets::find("tencent-datasection").unwrap();
        let model = Model::new(&preset.scenario).unwrap();
        let paths = paths(model.horizon, model.max_capacity);
        let mut one_by_one = Accumulator::new(&model);
        for path in &paths {
            for (t, &x) in path.iter().enumerate() {
                one_by_one.add_to_day(t, x);
                one_by_one.below[t] += u64::from(crate::trial::short_of(x, model.requirement_on(t)));
            }
        }
        let mut batched = Accumulator::new(&model);
        let mut days = DayFeed::new(&batched);
        for path in &paths {
            let mut p = Series::zeros(path.len());
            for (t, &x) in path.iter().enumerate() {
                p.set(t, x);
            }
            days.push(&p, 1.0, &mut batched);
        }
        assert_eq!(days.plateaus.len(), PLATEAUS, "the test should fill every plateau");
        days.finish(&mut batched);
        assert!(one_by_one == batched);
    }

    #[test]
    fn lines_add_their_days_to_the_bins_and_counts_and_their_sums_within_the_bound() {
        let preset = crate::presets::find("tencent-datasection").unwrap();
        let model = Model::new(&preset.scenario).unwrap();
        let h = model.horizon;
        // Ramps from 0 to the top of the value range, crossing the requirement, of each
        // length from 2 to 300 days and starting on different days, between values.
        let mut paths = Vec::new();
        for k in 0..120usize {
            let (from, len) = (k * 3 % 200, 2 + k * 37 % 299);
            let mut p = Series::zeros(h);
            p.set(0, 1000.0 + k as f64);
            p.set_line(from, 0.0, model.max_capacity / len as f64);
            p.set((from + len).min(h), 20_000.0);
            paths.push(p);
        }
        let mut one_by_one = Accumulator::new(&model);
        let mut batched = Accumulator::new(&model);
        let mut days = DayFeed::new(&batched);
        let mut bound = vec![0.0; h];
        for p in &paths {
            for (t, &x) in p.to_days().iter().enumerate() {
                one_by_one.add_to_day(t, x);
                one_by_one.below[t] += u64::from(crate::trial::short_of(x, model.requirement_on(t)));
            }
            for (a, b, v) in p.runs() {
                if let Values::Line(..) = v {
                    for (j, t) in (a..b.min(h)).enumerate() {
                        bound[t] += 2.0 + j as f64 / 2.0;
                    }
                }
            }
            days.push(p, 1.0, &mut batched);
        }
        days.finish(&mut batched);
        // Bins and counts exactly; sums within the bound.
        assert!(one_by_one.day_bins == batched.day_bins);
        assert_eq!(one_by_one.below, batched.below);
        for (t, bound) in bound.iter().enumerate() {
            let (x, y) = (one_by_one.day_sum[t] as f64, batched.day_sum[t] as f64);
            assert!((x - y).abs() <= *bound, "day {t}: {x} against {y} (bound {bound})");
        }
    }

    #[test]
    fn empty_histograms_have_no_quantiles() {
        assert_eq!(Histogram::continuous(0.0, 1.0).quantiles([0.5]), None);
        assert_eq!(Histogram::continuous(0.0, 1.0).mean(), None);
    }
}
