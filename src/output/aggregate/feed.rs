//! Trials' days on their way into an [`Accumulator`]: runs of one value counted by
//! differences, lines by their first value and slope, and in the bins by slope and intercept
//! bucket.

use std::cell::Cell;

use super::Accumulator;
use super::bins::{FIXED, fixed64};
use crate::series::{Series, Values};
use crate::trial::{short_block, short_of};

/// Runs of one value at least this many days long are counted as a run, not day by day.
const MIN_RUN: usize = 4;

/// How many distinct values [`DayFeed`] counts by runs; runs of other values go day by day.
const PLATEAUS: usize = 16;

/// How many distinct slopes [`DayFeed`] counts lines of by differences; lines of other slopes
/// go day by day (into the same bins: see `Accumulator::line_bucket`).
const SLOPES: usize = 8;

/// The most bins a slope may cross over the horizon, as a multiple of the bins a day, for its
/// lines to be counted by differences (its table then has at most `1 + 2 × 8` times a day's
/// bins of buckets; a slope crossing the value range more often than that goes day by day).
const MAX_BUCKETS: usize = 8;

/// How many buckets of lines [`DayFeed`] keeps at once, for each of a day's bins (their
/// memory as much as the day bins': 4 bytes a day each, where a bin is 20), but for
/// [`MOST_CELL_BYTES`]. Two-track's 50,000 trials in one feed fill some 5,450 buckets at full
/// resolution; with room for 2 a bin, WebAssembly took 1.3 times as long.
const CELLS: usize = 5;

/// The most memory a feed's buckets of lines take (a ten-year horizon's room for 5 a bin would
/// be 75 MB).
const MOST_CELL_BYTES: usize = 32 << 20;

/// Trials' daily capacity on its way into an [`Accumulator`], added exactly as if each day
/// of each trial went in one by one, but in far fewer steps; but for a line's days (a ramp
/// between two events): their sums taken from its first day's value and its slope in fixed
/// point, each within `2 + j/2` units of 2^-16 of a day's own (j: the days since the line's
/// first), some 0.001 B200e a day over a 180-day ramp, which the printed means (to 0.1) do not
/// show; and their bins filled from the middle of the line's intercept bucket, each day within
/// half a bin of its own value (see `Accumulator::line_bucket`).
///
/// A capacity path is mostly long runs of one value (every site up; a site shut for good),
/// and the same few values recur from trial to trial. A run of such a value is counted by
/// differences, +1 on its first day and −1 after its last: two additions however long the
/// run. When the trials are done, a running sum gives each day's count of the value, which
/// goes into that day's bin at once. The other values go straight into their day's bin.
/// Lines are counted the same way, by slope and intercept bucket ([`Ramp`]): trials alike in
/// their build (the same site's ramp from nearby values) share a bucket, and a bucket's lines
/// are one value a day. (Gathering values day-major first, 64 trials at a time, to keep a
/// day's bins in cache was measured slower: a day's values from different trials seldom share
/// a bin, and the gathering buffer took its own share of the cache.) Bins and sums are
/// counts, minima, maxima and integers, and a line's day in the bins depends on its slope,
/// bucket and day only, so the result does not depend on the order of the additions nor on
/// how the trials are split.
#[derive(Debug)]
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
    /// The lines' days in the bins, by slope and intercept bucket: each bucket's first day and
    /// day after its last, then its counts by differences, `horizon + 1` of them, in `cells`
    /// (see [`Ramp`]).
    ramps: Vec<Ramp>,
    cells: Vec<i32>,
    /// How many of them are in use, and the most there is room for (`most_cells`); the room
    /// is taken at the first cell, whole.
    used: usize,
    most: usize,
}

/// Lines of one slope by their intercept bucket (see `Accumulator::line_bucket`): bucket i's
/// cell is `cells[(k − 1) × cell_len(horizon)..]` for `k = buckets[i]` (0 until the bucket's
/// first line): the first day of its lines, the day after the last, then day t's number of
/// lines starting on day t less the number ending on day t − 1. Lines of one bucket count the
/// same value a day, so each day's count goes into its bin at once, and only their days are
/// read.
#[derive(Debug)]
struct Ramp {
    slope: f64,
    buckets: Vec<u32>,
}

/// The numbers in a [`Ramp`]'s bucket's cell: its first day and the day after its last, then
/// one a day and one past the horizon.
fn cell_len(horizon: usize) -> usize {
    horizon + 3
}

thread_local! {
    /// The room a feed's cells took (its capacity), the numbers made in it all 0 again, left
    /// for the next feed on this thread (a page's worker runs one at a time): the largest so
    /// far.
    static SPARE: Cell<Vec<i32>> = const { Cell::new(Vec::new()) };
}

/// Room (capacity) for `len` numbers of cells, those already made all 0: the spare room when
/// it is as large, or new. A page's worker thus takes the room for its feeds' cells whole,
/// at its most for the horizon and bins (`DayFeed::most_bytes`), and never grows it for a
/// run whose lines fill more buckets than the runs before, nor copies it as it fills; cells
/// are set to 0 as they are first made (as many as a run fills, not the whole room), and
/// reused ones are not cleared again, being kept all 0.
fn room(len: usize) -> Vec<i32> {
    let spare = SPARE.take();
    if spare.capacity() >= len {
        spare
    } else {
        drop(spare);
        Vec::with_capacity(len)
    }
}

impl Drop for DayFeed {
    /// Gives the cells' room back for the next feed, its cells in use emptied first (a run
    /// dropped before it is read; `finish` leaves none in use).
    fn drop(&mut self) {
        if self.cells.capacity() == 0 {
            return;
        }
        if self.used > 0 {
            self.add_ramps(None);
        }
        let cells = std::mem::take(&mut self.cells);
        let spare = SPARE.take();
        SPARE.set(if cells.capacity() >= spare.capacity() { cells } else { spare });
    }
}

/// The requirement's steps (`(first day, B200e)`, in order of day) that overlap days
/// `t..end`, each as `(first day, day after its last, B200e)`: the others add nothing there.
fn steps_over(steps: &[(usize, f64)], t: usize, end: usize) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
    // (One step, the common case, needs no search.)
    let first = if steps.len() == 1 { 0 } else { steps.partition_point(|s| s.0 <= t).saturating_sub(1) };
    (first..steps.len())
        .map(move |k| (steps[k].0, steps.get(k + 1).map_or(usize::MAX, |s| s.0), steps[k].1))
        .take_while(move |&(from, _, _)| from < end)
}

/// A value counted by runs: `delta[t]` is the number of runs of it starting on day t less
/// the number ending on day t − 1.
#[derive(Debug)]
struct Plateau {
    value: f64,
    delta: Vec<i32>,
}

/// Adds to the bins, on each day from `from`, its count of lines of intercept `c` and `slope`
/// (`counts`: by differences, as in a [`Ramp`]), each at the day's value
/// (`Accumulator::line_day`).
#[inline(never)]
fn add_line_days(acc: &mut Accumulator, c: f64, slope: f64, from: usize, counts: &[i32]) {
    let mut n = 0i32;
    let mut day = from as i64 as f64;
    for (t, &d) in (from..).zip(counts) {
        n += d;
        if n > 0 {
            // n counts lines, one a trial at most on a day: fewer than 2^31.
            acc.add_copies_to_bins(t, Accumulator::line_day(c, slope, day), n as u32);
        }
        day += 1.0;
    }
}

impl DayFeed {
    /// The memory a feed's counts of lines take for a horizon and bins a day (its cells), all
    /// of it at its first line counted by bucket (and kept for the next feed: see `room`): as
    /// much as an accumulator's day bins and 3 days more, and at most [`MOST_CELL_BYTES`].
    /// (Its other parts are a few numbers a day and the slopes' tables of buckets, at most
    /// `SLOPES × 17` times a day's bins of 4 bytes: 0.56 MB at full resolution.)
    pub fn most_bytes(horizon: usize, bins: usize) -> usize {
        Self::most_cells(horizon, bins) * cell_len(horizon) * std::mem::size_of::<i32>()
    }

    /// Frees the room the last feed on this thread left for the next (see `room`): for a
    /// page's worker about to make or take in a run's bytes, which need as much, or a thread
    /// that runs no more trials (otherwise the room stays until the thread ends).
    pub fn free_room() {
        drop(SPARE.take());
    }

    /// The bytes of room kept on this thread for the next feed.
    pub fn kept_room() -> usize {
        SPARE.with(|s| {
            let spare = s.take();
            let bytes = spare.capacity() * std::mem::size_of::<i32>();
            s.set(spare);
            bytes
        })
    }

    /// How many buckets of lines a feed keeps at once (one at least).
    fn most_cells(horizon: usize, bins: usize) -> usize {
        (CELLS * bins).min(MOST_CELL_BYTES / (cell_len(horizon) * std::mem::size_of::<i32>())).max(1)
    }

    pub fn new(acc: &Accumulator) -> Self {
        DayFeed {
            horizon: acc.horizon,
            steps: acc.requirement.clone(),
            plateaus: Vec::new(),
            below: vec![0; acc.horizon + 1],
            line_a: Vec::new(),
            line_b: Vec::new(),
            ramps: Vec::new(),
            cells: Vec::new(),
            used: 0,
            most: Self::most_cells(acc.horizon, acc.bins_per_day),
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
    /// bin, from its bucket's middle (see `bin_line`); the days short of each step of the
    /// requirement, one block (see `short_block`); the days' sum, `fixed(v) + (d − t) ×
    /// fixed(slope)` on day d, by differences.
    #[inline(never)]
    fn line(&mut self, t: usize, end: usize, v: f64, slope: f64, scale: f64, acc: &mut Accumulator) {
        for (from, until, requirement) in steps_over(&acc.requirement, t, end) {
            let (a, b) = (t.max(from), end.min(until));
            if a < b {
                let (first, short) = short_block(v, slope, a - t, b - a, requirement * scale);
                if short > 0 {
                    self.below[a + first] += 1;
                    self.below[a + first + short] -= 1;
                }
            }
        }
        self.bin_line(t, end, v, slope, acc);
        if self.line_a.is_empty() {
            self.line_a = vec![0; self.horizon + 1];
            self.line_b = vec![0; self.horizon + 1];
        }
        // (The slope in fixed point is below 2^52, as every value is: see `fixed64`.)
        let b = i128::from(crate::rounded(slope * FIXED) as i64);
        let a = i128::from(fixed64(v)) - t as i128 * b;
        self.line_a[t] += a;
        self.line_a[end] -= a;
        self.line_b[t] += b;
        self.line_b[end] -= b;
    }

    /// Adds the days `t..end` of a line to the bins, from its bucket's intercept: counted by
    /// differences in its slope's [`Ramp`], or day by day when its slope has none (a slope
    /// drawn afresh each trial, where no two lines would share a bucket).
    fn bin_line(&mut self, t: usize, end: usize, v: f64, slope: f64, acc: &mut Accumulator) {
        let first = acc.line_first(slope);
        let bucket = acc.line_bucket(first, t, v, slope);
        let ramp = match self.ramps.iter().position(|r| r.slope.to_bits() == slope.to_bits()) {
            Some(i) => Some(i),
            None if self.ramps.len() < SLOPES && -first <= (MAX_BUCKETS * acc.bins_per_day) as f64 => {
                // Buckets up to that of a line from the top of the value range.
                let buckets = acc.bins_per_day + 2 * (-first) as usize;
                self.ramps.push(Ramp { slope, buckets: vec![0; buckets] });
                Some(self.ramps.len() - 1)
            }
            None => None,
        };
        let Some(i) = ramp.filter(|&i| bucket < self.ramps[i].buckets.len()) else {
            return acc.add_line_to_bins(t, end, acc.line_intercept(first, bucket), slope);
        };
        let size = cell_len(self.horizon);
        // (Days fewer than 2^31: model.rs limits the horizon.)
        let (t32, end32) = (t as i32, end as i32);
        if self.ramps[i].buckets[bucket] == 0 {
            // Room for `most_cells` buckets however many trials: when it is full, its lines go
            // into the bins (the same bins whenever they go in) and it starts again.
            if self.used == self.most {
                self.add_ramps(Some(acc));
            }
            // The room for every cell at once, so that a worker's memory does not depend on
            // how many buckets its runs' lines happen to fill (see `room`); a cell's days are
            // all 0 once made (`add_ramps` and dropping a feed put back the 0s).
            if self.cells.capacity() == 0 {
                self.cells = room(self.most * size);
            }
            let start = self.used * size;
            if self.cells.len() < start + size {
                // Within the room: never moved.
                self.cells.resize(start + size, 0);
            }
            self.cells[start] = t32;
            self.cells[start + 1] = end32;
            self.used += 1;
            // (Fewer cells than 2^32: see above.)
            self.ramps[i].buckets[bucket] = self.used as u32;
        }
        let cell = &mut self.cells[(self.ramps[i].buckets[bucket] as usize - 1) * size..];
        cell[0] = cell[0].min(t32);
        cell[1] = cell[1].max(end32);
        cell[2 + t] += 1;
        cell[2 + end] -= 1;
    }

    /// Adds the lines counted in the [`Ramp`]s to the bins (of `acc`; none for a feed dropped
    /// unread), and empties them: their cells back to 0 (the days their lines touched), to be
    /// used again.
    #[inline(never)]
    fn add_ramps(&mut self, mut acc: Option<&mut Accumulator>) {
        for r in &mut self.ramps {
            for (bucket, k) in r.buckets.iter_mut().enumerate().filter(|(_, k)| **k > 0) {
                let cell = &mut self.cells[(*k as usize - 1) * cell_len(self.horizon)..];
                let (from, until) = (cell[0] as usize, cell[1] as usize);
                if let Some(acc) = acc.as_deref_mut() {
                    let intercept = acc.line_intercept(acc.line_first(r.slope), bucket);
                    add_line_days(acc, intercept, r.slope, from, &cell[2 + from..2 + until]);
                }
                cell[..2].fill(0);
                cell[2 + from..3 + until].fill(0);
                *k = 0;
            }
        }
        self.used = 0;
    }

    /// Counts the days `t..end`, of value `x`, below each step of the requirement they overlap.
    #[inline]
    fn below(&mut self, t: usize, end: usize, x: f64, scale: f64, acc: &Accumulator) {
        for (from, until, requirement) in steps_over(&acc.requirement, t, end) {
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
    pub fn finish(mut self, acc: &mut Accumulator) {
        self.add_ramps(Some(acc));
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
                    acc.add_copies_to_bins(t, p.value, n as u32);
                    acc.day_sum[t] += u128::from(fixed64(p.value)) * n as u128;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BINS, MIN_BINS};
    use super::*;
    use crate::model::Model;

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

    /// Day t's value of the line through `v` on day `from` of `slope`, as the bins count it:
    /// from its bucket's intercept, each day on its own.
    fn counted(acc: &Accumulator, from: usize, v: f64, slope: f64, t: usize) -> f64 {
        let first = acc.line_first(slope);
        let c = acc.line_intercept(first, acc.line_bucket(first, from, v, slope));
        Accumulator::line_day(c, slope, t as f64)
    }

    #[test]
    fn lines_add_their_days_to_the_bins_and_counts_and_their_sums_within_the_bound() {
        // At full resolution, lines sharing buckets; at a coarse one, more buckets than a feed
        // keeps at once, so its ramps go into the bins and start again on the way.
        let (shared, _) = lines_against_each_day(BINS, None);
        assert!(shared > 50, "lines should share buckets: {shared}");
        // (Room for 150 buckets, fewer than the cells of the room the first run left.)
        let (_, buckets) = lines_against_each_day(MIN_BINS, Some(150));
        assert!(buckets > 150, "the feed should fill its cells: {buckets} buckets");
    }

    #[test]
    fn the_room_for_lines_is_the_day_bins_memory_at_most_and_32_mb() {
        // Two years at full resolution: as much as the day bins and 3 days more (15 MB); ten
        // years: 32 MB.
        let bin = std::mem::size_of::<super::super::Bin>();
        assert_eq!(DayFeed::most_bytes(730, BINS), 730 * BINS * bin * 733 / 730);
        assert!(DayFeed::most_bytes(3650, BINS) <= MOST_CELL_BYTES);
        assert!(DayFeed::most_bytes(3650, BINS) > MOST_CELL_BYTES - 3653 * 4);
        assert_eq!(DayFeed::most_cells(7, MIN_BINS), CELLS * MIN_BINS);
    }

    /// Lines through `DayFeed` (with room for `most` buckets, if given) and each day added
    /// from its bucket's intercept, at `bins` bins a day: the same bins and counts, sums within
    /// the bound. Returns how many of the last cells in use held more than one line starting on
    /// a day, and how many distinct buckets of the table's slopes the lines had.
    fn lines_against_each_day(bins: usize, most: Option<usize>) -> (usize, usize) {
        let preset = crate::presets::find("tencent-datasection").unwrap();
        let model = Model::new(&preset.scenario).unwrap();
        let h = model.horizon;
        // Ramps from 0 to the top of the value range (every tenth to half as far again, past
        // the top bin) and some falling from it to near 0, crossing the requirement, of each
        // length from 2 to 300 days and starting on different days, between values: 120
        // slopes, most of them counted day by day. Before them, one line of a slope too steep
        // for a table, crossing the range many times over, and 600 lines of three slopes on 100
        // different days, in pairs from values a fifth of a fine bin apart, which share buckets.
        let fine = model.max_capacity / BINS as f64;
        let mut p = Series::zeros(h);
        p.set_line(3, 0.0, model.max_capacity);
        let mut paths = vec![p];
        for k in 0..600usize {
            let (from, slope) = (1 + (k / 3) % 100 * 3, [107.5, -31.25, 250.0][k % 3]);
            let mut p = Series::zeros(h);
            p.set_line(from, 20_000.0 + (k / 300) as f64 * fine / 5.0, slope);
            p.set((from + 40 + k % 90).min(h), 1000.0);
            paths.push(p);
        }
        for k in 0..120usize {
            let (from, len) = (k * 3 % 200, 2 + k * 37 % 299);
            let top = if k % 10 == 0 { 1.5 * model.max_capacity } else { model.max_capacity };
            let mut p = Series::zeros(h);
            p.set(0, 1000.0 + k as f64);
            let step = top / len as f64;
            if k % 7 == 3 {
                // Falling to 1 B200e, within half a bin of 0.
                p.set_line(from, (len - 1) as f64 * step + 1.0, -step);
            } else {
                p.set_line(from, 0.0, step);
            }
            p.set((from + len).min(h), 20_000.0);
            paths.push(p);
        }
        let mut one_by_one = Accumulator::with_bins(&model, bins);
        let mut batched = Accumulator::with_bins(&model, bins);
        let width = batched.resolution();
        let mut days = DayFeed::new(&batched);
        days.most = most.unwrap_or(days.most);
        // The room this thread kept, taken if it is large enough (see `room`).
        let kept = DayFeed::kept_room() / std::mem::size_of::<i32>();
        let mut bound = vec![0.0; h];
        let mut lines = Vec::new();
        for p in &paths {
            let exact = p.to_days();
            let mut binned = exact.clone();
            for (a, b, v) in p.runs() {
                if let Values::Line(v, slope) = v {
                    lines.push((slope, one_by_one.line_bucket(one_by_one.line_first(slope), a, v, slope)));
                    for (j, t) in (a..b.min(h)).enumerate() {
                        bound[t] += 2.0 + j as f64 / 2.0;
                        // In the bins, from its bucket's intercept: within half a bin.
                        binned[t] = counted(&one_by_one, a, v, slope, t);
                        let (x, y) = (binned[t], exact[t]);
                        assert!((x - y).abs() <= width * (0.5 + 1e-9), "day {t}: {x} for {y}");
                    }
                }
            }
            for (t, (&x, &y)) in binned.iter().zip(&exact).enumerate() {
                one_by_one.day_bin(t, x).add(x as f32);
                one_by_one.day_sum[t] += u128::from(fixed64(y));
                one_by_one.below[t] += u64::from(crate::trial::short_of(y, model.requirement_on(t)));
            }
            days.push(p, 1.0, &mut batched);
        }
        assert_eq!(days.ramps.len(), SLOPES, "the test should fill the table of slopes");
        assert!(days.ramps.iter().all(|r| r.slope != model.max_capacity));
        // The room taken whole, never moved nor grown as cells were made.
        let room = days.most * cell_len(h);
        assert!(days.used <= days.most);
        assert_eq!(days.cells.capacity(), if kept >= room { kept } else { room });
        let in_use = &days.cells[..days.used * cell_len(h)];
        let shared = in_use.chunks(cell_len(h)).filter(|c| c[2..].iter().any(|&d| d > 1)).count();
        let tabled = |s: f64| days.ramps.iter().any(|r| r.slope == s);
        let buckets: std::collections::BTreeSet<_> =
            lines.iter().filter(|l| tabled(l.0)).map(|&(s, b)| (s.to_bits(), b)).collect();
        days.finish(&mut batched);
        // Bins and counts exactly; sums within the bound.
        assert!(one_by_one.day_bins == batched.day_bins);
        assert_eq!(one_by_one.below, batched.below);
        for (t, bound) in bound.iter().enumerate() {
            let (x, y) = (one_by_one.day_sum[t] as f64, batched.day_sum[t] as f64);
            assert!((x - y).abs() <= *bound, "day {t}: {x} against {y} (bound {bound})");
        }
        (shared, buckets.len())
    }

    /// Every preset's days at `bins` bins a day, through `DayFeed` and each added at its own
    /// value: the days below the requirement and the figures the same, the means within the
    /// lines' sums' bound; returns the largest difference between their band percentiles, in
    /// bins.
    fn bands_against_exact_days(bins: usize, trials: u64) -> f64 {
        let mut worst: f64 = 0.0;
        for preset in crate::presets::all() {
            let model = Model::new(&preset.scenario).unwrap();
            let engine = crate::trial::Engine::new(&model, 5);
            let mut scratch = crate::trial::Scratch::new(&model);
            let mut exact = Accumulator::with_bins(&model, bins);
            let mut fed = Accumulator::with_bins(&model, bins);
            let mut days = DayFeed::new(&fed);
            for trial in 0..trials {
                let stats = engine.run_trial(trial, &mut scratch);
                let scale = engine.requirement_scale(&scratch);
                for (t, &x) in scratch.capacity.to_days().iter().enumerate() {
                    exact.add_to_day(t, x);
                    let requirement = model.requirement_on(t) * scale;
                    exact.below[t] += u64::from(crate::trial::short_of(x, requirement));
                }
                days.push(&scratch.capacity, scale, &mut fed);
                exact.add_figures(&stats, &scratch.sites);
                fed.add_figures(&stats, &scratch.sites);
            }
            days.finish(&mut fed);
            assert_eq!(exact.below, fed.below, "{}", preset.id);
            assert!(exact.final_capacity == fed.final_capacity && exact.sites == fed.sites, "{}", preset.id);
            for t in 0..model.horizon {
                let ((a, mean_a), (b, mean_b)) = (exact.day(t).unwrap(), fed.day(t).unwrap());
                // (Sums within the line's bound, `lines_add_their_days…`: far below 0.01.)
                assert!((mean_a - mean_b).abs() < 0.01, "{} day {t}: {mean_a} against {mean_b}", preset.id);
                for (x, y) in a.iter().zip(b) {
                    worst = worst.max((x - y).abs() / exact.resolution());
                }
            }
        }
        worst
    }

    /// Tencent's preset's first `trials` trials over `horizon` days through a feed into a new
    /// accumulator: its bytes (none when `unread`: the feed dropped before it is finished),
    /// and the feed's cells in use at the end of the trials.
    fn through_a_feed(horizon: usize, trials: u64, unread: bool) -> (Vec<u8>, usize) {
        let mut scenario = crate::presets::find("tencent-datasection").unwrap().scenario;
        scenario.horizon_days = Some(horizon as f64);
        let model = Model::new(&scenario).unwrap();
        let engine = crate::trial::Engine::new(&model, 5);
        let mut scratch = crate::trial::Scratch::new(&model);
        let mut acc = Accumulator::new(&model);
        let mut days = DayFeed::new(&acc);
        for trial in 0..trials {
            let stats = engine.run_trial(trial, &mut scratch);
            days.push(&scratch.capacity, engine.requirement_scale(&scratch), &mut acc);
            acc.add_figures(&stats, &scratch.sites);
        }
        let used = days.used;
        if unread {
            return (Vec::new(), used);
        }
        days.finish(&mut acc);
        (acc.to_bytes(), used)
    }

    #[test]
    fn a_feed_leaves_its_room_all_0_for_the_next_finished_or_not() {
        // On new room (a new thread's).
        let fresh = std::thread::spawn(|| through_a_feed(365, 400, false)).join().unwrap();
        let fresh_two = std::thread::spawn(|| through_a_feed(730, 400, false)).join().unwrap();
        assert!(fresh.1 > 0, "the run should count lines by bucket");
        // On this thread: a two-year run dropped with cells in use, then a finished one, each
        // leaving room at its most for their horizon, all 0; the one-year run after them
        // (shorter cells, over the same room) on that room, the same to the byte.
        let two_years = DayFeed::most_bytes(730, BINS) / std::mem::size_of::<i32>();
        SPARE.take();
        for unread in [true, false] {
            let (bytes, used) = through_a_feed(730, 400, unread);
            assert!(used > 0);
            assert!(unread || bytes == fresh_two.0, "the run after one dropped unread differs");
            let spare = SPARE.take();
            assert_eq!(spare.capacity(), two_years);
            assert!(spare.iter().all(|&x| x == 0), "unread: {unread}");
            SPARE.set(spare);
        }
        let at = SPARE.with(|s| {
            let spare = s.take();
            let at = spare.as_ptr();
            s.set(spare);
            at
        });
        assert!(through_a_feed(365, 400, false) == fresh, "the run on room used before differs");
        let spare = SPARE.take();
        assert_eq!((spare.as_ptr(), spare.capacity()), (at, two_years), "the same room, kept");
        SPARE.set(spare);
        assert_eq!(DayFeed::kept_room(), two_years * std::mem::size_of::<i32>());
        DayFeed::free_room();
        assert_eq!(DayFeed::kept_room(), 0);
    }

    #[test]
    fn the_bands_are_within_two_and_a_half_bins_of_each_day_binned_exactly() {
        // A line's day is counted at most half a bin from its value, so each rank's value moves
        // at most half a bin; a percentile is read within its rank's bin, less than a bin from
        // that value, in both: 2.5 bins at most, for certain. (Measured: see docs/MODEL.md.)
        for (bins, trials) in [(BINS, 2_000), (MIN_BINS, 2_000)] {
            let worst = bands_against_exact_days(bins, trials);
            eprintln!("{bins} bins a day: the bands at most {worst:.3} bins from exact");
            assert!(worst <= 2.5, "{bins}: {worst}");
        }
    }
}
