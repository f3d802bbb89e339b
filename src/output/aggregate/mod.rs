//! Streaming, mergeable aggregation: fixed-bin histograms whose memory does not grow with
//! the number of trials.
//!
//! Everything here is a count, a minimum, a maximum or a fixed-point integer sum, so merging
//! chunks in any order gives exactly the one-piece result (floating-point sums would not).
//!
//! `bins`: the histogram's bins and percentiles; this module: the [`Accumulator`] a run
//! keeps; `feed`: a batch of trials' days on their way into it ([`DayFeed`]); `bytes`: an
//! accumulator as bytes, to merge elsewhere (another thread, another worker).

mod bins;
mod bytes;
mod feed;

pub use bins::{BINS, Bin, Coarse, Histogram};
pub use feed::DayFeed;

use crate::model::Model;
use crate::trial::{Delay, SiteTrial, TrialStats};
use crate::{greater, series};
use bins::{clamped_bin, fixed64, quantiles, top_bin, unfixed};

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
        let bin = clamped_bin(x * self.day_scale, top_bin(per_day - 1));
        &mut self.day_bins[t * per_day + bin]
    }

    /// Adds `x` to day t's bins and sum.
    fn add_to_day(&mut self, t: usize, x: f64) {
        self.day_bin(t, x).add_nonnegative(x as f32);
        self.day_sum[t] += u128::from(fixed64(x));
    }

    /// The first of a line's intercept buckets, for lines of `slope` (see [`Self::line_bucket`]):
    /// minus the bins the slope crosses over the horizon, less 2, a whole number, so that the
    /// bucket of every line within the horizon and the value range is at least 0.
    pub(super) fn line_first(&self, slope: f64) -> f64 {
        -((slope.abs() * self.horizon as f64 * self.day_scale) as i64 as f64) - 2.0
    }

    /// The bucket of a line of `slope` through value `v` on day t: its intercept (its value on
    /// day 0, `v − t × slope`) in bins, from `first` ([`Self::line_first`]). The bins count a
    /// line's days from its bucket's middle ([`Self::line_intercept`]), so lines of one slope
    /// in one bucket count the same values, each day within half a bin of its own.
    pub(super) fn line_bucket(&self, first: f64, t: usize, v: f64, slope: f64) -> usize {
        // (A line has a slope, so some capacity is above 0 and so is the range's top.)
        debug_assert!(self.day_scale > 0.0, "a line where no capacity can be above 0");
        let c = v - slope * t as i64 as f64;
        // At least 1 for a value of 0 or more within the horizon (see `line_first`), as every
        // capacity is; above the value range, past the last bucket of the slope's table, so
        // its days go one by one (from the same middle).
        greater(c * self.day_scale - first, 0.0) as i64 as usize
    }

    /// The intercept from which the bins count the days of lines in `bucket`: its middle.
    pub(super) fn line_intercept(&self, first: f64, bucket: usize) -> f64 {
        (bucket as i64 as f64 + first + 0.5) * self.day_width
    }

    /// Day d's value of a line of intercept `c` as the bins count it (see `line_intercept`):
    /// `series::at_count(c, slope, d)`, raised to 0 if below (a bucket's middle may be up to
    /// half a bin below a day of 0). Both ways into the bins, one by one and by differences,
    /// take a day's value from here.
    #[inline(always)]
    pub(super) fn line_day(c: f64, slope: f64, d: f64) -> f64 {
        greater(series::at_count(c, slope, d), 0.0)
    }

    /// Adds days `t..end` of a line of intercept `c` (day d: [`Self::line_day`]) to their days'
    /// bins only (their sums are counted
    /// apart, by `DayFeed`): each day's bin as `day_bin`'s, with the days' bins found once.
    pub(super) fn add_line_to_bins(&mut self, t: usize, end: usize, c: f64, slope: f64) {
        // A line's values in floats are monotone in the day, as they are exactly: none below
        // 0 if neither end is, and then none needs raising to 0 (most lines).
        let at = |d: usize| series::at_count(c, slope, d as i64 as f64);
        if t < end && at(t) >= 0.0 && at(end - 1) >= 0.0 {
            self.add_days_of_line::<false>(t, end, c, slope);
        } else {
            self.add_days_of_line::<true>(t, end, c, slope);
        }
    }

    /// [`Self::add_line_to_bins`]'s days: each [`Self::line_day`], which is the line's own
    /// value unless `RAISE`.
    #[inline(always)]
    fn add_days_of_line<const RAISE: bool>(&mut self, t: usize, end: usize, c: f64, slope: f64) {
        let per_day = self.bins_per_day;
        let (scale, top) = (self.day_scale, top_bin(per_day - 1));
        // Day d's value, its day number kept as a float.
        let mut d = t as i64 as f64;
        for day in self.day_bins[t * per_day..end * per_day].chunks_exact_mut(per_day) {
            let x = if RAISE { Accumulator::line_day(c, slope, d) } else { series::at_count(c, slope, d) };
            let bin = clamped_bin(x * scale, top);
            debug_assert!(bin < day.len());
            // SAFETY: `clamped_bin` returns at most `top`, `per_day − 1`, and a day is
            // `per_day` bins (a day's bin is thus found without a bounds check a day).
            unsafe { day.get_unchecked_mut(bin) }.add_nonnegative(x as f32);
            d += 1.0;
        }
    }

    /// Adds `n` copies of `x` to day t's bins: exactly what adding each would do.
    fn add_copies_to_bins(&mut self, t: usize, x: f64, n: u32) {
        let x32 = x as f32;
        self.day_bin(t, x).merge(&Bin { count: n, at_min: n, at_max: n, min: x32, max: x32 });
    }

    /// Adds one trial's figures and per-site results (its days go through [`DayFeed`]).
    pub fn add_figures(&mut self, stats: &TrialStats, sites: &[SiteTrial]) {
        self.trials += 1;
        self.final_capacity.add(stats.final_capacity);
        self.none_at_end += u64::from(stats.final_capacity <= 0.0);
        self.delivered.add(stats.delivered);
        self.shortfall_days.add_count(stats.shortfall_days);
        self.longest_shortfall.add_count(stats.longest_shortfall);
        self.policy_shocks.add_count(stats.policy_shocks);
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
            total.scheduled += bins::fixed_days(s.scheduled);
            total.up += bins::fixed_days(s.up);
            total.working += bins::fixed_days(s.working);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sites_days_in_units_sum_as_their_days_did() {
        // What a site's days added before: `fixed` of `units / DAY_UNIT`, in floats.
        let old = |units: i64| bins::fixed(units as f64 / crate::trial::DAY_UNIT);
        let day = 1i64 << 32;
        let mut units =
            vec![0, 1, (1 << 15) - 1, 1 << 15, (1 << 15) + 1, (1 << 16) - 1, 1 << 16, 3 << 15, day, 3650 * day];
        // Every remainder near a half unit, on many days, and an odd spread of others.
        for d in [0, 1, 7, 730, 3650] {
            for r in (1 << 15) - 3..(1 << 15) + 4 {
                units.push(d * day + r);
                units.push(d * day + (1 << 16) * 12_345 + r);
            }
        }
        units.extend((0..10_000i64).map(|k| (k * 2_654_435_761) % (3650 * day)));
        for u in units {
            assert_eq!(bins::fixed_days(u), old(u), "{u}");
        }
    }

    #[test]
    fn adding_a_nonnegative_value_is_adding_it() {
        // Sequences with repeats, zeros, the least and greatest values again, subnormals.
        let values = [0.0f32, 1e-45, 3.5, 3.5, 0.0, 7.25, 1e30, 7.25, 3.5, 1e-45, 2.0, 1e30, 0.0, 5.0];
        for start in 0..values.len() {
            let (mut a, mut b) = (Bin::EMPTY, Bin::EMPTY);
            for &x in values[start..].iter().chain(&values[..start]) {
                a.add(x);
                b.add_nonnegative(x);
                assert_eq!(a, b, "from {start}, after {x}");
            }
        }
    }

    #[test]
    fn a_clamped_bin_is_the_truncated_position_clamped() {
        // What the bins were before `clamped_bin`: truncate (saturating), then clamp.
        let old = |x: f64, top: usize| (x as i64).clamp(0, top as i64) as usize;
        let (top, topf) = (1023, 1023.0);
        let edges = [-1e300, -1024.5, -1.0, -0.999, -1e-300, -0.0, 0.0, 1e-300, 0.5, 1.0, 1.5, 511.999_999_999, 512.0];
        let high = [1022.0, 1_022.999_999_999_999_9, 1023.0, 1_023.000_000_000_000_1, 1023.5, 1024.0, 1e18, 1e300];
        for x in edges.into_iter().chain(high).chain([f64::INFINITY, f64::NEG_INFINITY]) {
            assert_eq!(bins::clamped_bin(x, topf), old(x, top), "{x}");
        }
        assert_eq!(bins::clamped_bin(f64::NAN, topf), 0);
        // Every position a value of a 64-bin day can take, in steps of 1/64 of a bin.
        for k in -64..=66 * 64 {
            let x = f64::from(k) / 64.0;
            assert_eq!(bins::clamped_bin(x, 63.0), old(x, 63), "{x}");
        }
    }

    #[test]
    fn a_count_goes_where_adding_it_as_a_number_puts_it() {
        // Counts from 0 past the top bin, repeated, in discrete histograms.
        let counts: Vec<u32> =
            (0..3_000u32).map(|k| k.wrapping_mul(2_654_435_761) % 80).chain([0, 63, 64, 65, u32::MAX]).collect();
        for (mut by_count, mut by_number) in [
            (Histogram::discrete(64), Histogram::discrete(64)),
            (Histogram::discrete(0), Histogram::discrete(0)),
            (Histogram::with_bins(0.0, 1.0, 30), Histogram::with_bins(0.0, 1.0, 30)),
        ] {
            for &n in &counts {
                by_count.add_count(n);
                by_number.add(f64::from(n));
            }
            assert_eq!(by_count, by_number);
        }
    }

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

    #[test]
    fn empty_histograms_have_no_quantiles() {
        assert_eq!(Histogram::continuous(0.0, 1.0).quantiles([0.5]), None);
        assert_eq!(Histogram::continuous(0.0, 1.0).mean(), None);
    }
}
