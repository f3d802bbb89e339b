//! A day-by-day quantity kept as runs: what a trial's capacity is between its events.
//!
//! A trial has a handful of events, so its capacity is a handful of runs (every site up; a
//! site down; a site shut for good), and a site being built is a line, rising by the same
//! amount each day, for each stretch between its events. The engine works on the runs, so a
//! trial's cost follows its events, not its horizon nor its ramp days.
//!
//! A run is one value, a line (day d of a line from day a is `v + slope × (d − a)`, computed
//! so, from the run's own first day), or a value a day (where no line is exact: the greater
//! of two lines, say). A sum of two paths is one `+` per run; a line split by another path's
//! run starts again from its value on the day of the split. The day-by-day engine the tests
//! check this one against adds day arrays, so lines agree with it to rounding (a relative
//! 1e-12 or so), and everything else bit for bit.

use crate::{greater, lesser};

use crate::intervals::Interval;

/// Runs of days with ascending first days, the first on day 0, each holding until the next
/// one's first day (the last until `days`): a run is one value, a line, or a value a day.
#[derive(Debug, Default, PartialEq)]
pub struct Series {
    runs: Vec<Run>,
    /// The values of the runs that have one a day.
    daily: Vec<f64>,
    days: u32,
}

impl Clone for Series {
    fn clone(&self) -> Self {
        Series { runs: self.runs.clone(), daily: self.daily.clone(), days: self.days }
    }

    /// Into the room `self` has (a derived `clone_from` makes a new series each time).
    fn clone_from(&mut self, other: &Self) {
        self.runs.clone_from(&other.runs);
        self.daily.clone_from(&other.daily);
        self.days = other.days;
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Run {
    from: u32,
    /// `ONE`: every day is `value`; `LINE`: day d is `value + slope × (d − from)`; else the
    /// days' values are `daily[at..]`.
    at: u32,
    value: f64,
    slope: f64,
}

const ONE: u32 = u32::MAX;
const LINE: u32 = u32::MAX - 1;

/// The values of a run of days.
#[derive(Clone, Copy, Debug)]
pub enum Values<'a> {
    One(f64),
    /// Day k of the run (0 its first) is `at(v, slope, k)`.
    Line(f64, f64),
    Daily(&'a [f64]),
}

/// Day `k` of a line that is `v` on its day 0 and rises by `slope` a day: the one formula every
/// reader of a line uses, so a day has one value.
#[inline(always)]
pub fn at(v: f64, slope: f64, k: usize) -> f64 {
    // (Through i64: one instruction on x86-64, where from usize is six; the same value.)
    at_count(v, slope, k as i64 as f64)
}

/// [`at`] with the day count `k` already a float (a whole number: the same value, where a loop
/// counts days in floats to spare a conversion a day).
#[inline(always)]
pub fn at_count(v: f64, slope: f64, k: f64) -> f64 {
    v + slope * k
}

impl Run {
    const fn one(from: u32, value: f64) -> Run {
        Run { from, at: ONE, value, slope: 0.0 }
    }

    /// The run's value on day `d` (one of its days) when it is one value or a line.
    #[inline(always)]
    fn value_at(&self, d: u32) -> f64 {
        if self.at == LINE { at(self.value, self.slope, (d - self.from) as usize) } else { self.value }
    }
}

impl Series {
    /// A path of `days` days, all 0.
    pub fn zeros(days: usize) -> Series {
        let mut p = Series::default();
        p.reset(days);
        p
    }

    /// Makes this path `days` days of 0, keeping its memory.
    pub fn reset(&mut self, days: usize) {
        self.runs.clear();
        self.daily.clear();
        self.runs.push(Run::one(0, 0.0));
        self.days = days as u32;
    }

    pub fn days(&self) -> usize {
        self.days as usize
    }

    /// From day `from` on, the value is `x` (until a later `set` or `push_day`). Days must
    /// not go back, nor leave a gap after a run of daily values.
    #[inline]
    pub fn set(&mut self, from: usize, x: f64) {
        let from = from as u32;
        if from >= self.days {
            return;
        }
        let Some(&last) = self.runs.last() else { return };
        debug_assert!(from >= last.from);
        debug_assert!(last.at >= LINE || from == last.from || self.daily.len() as u32 == last.at + (from - last.from));
        let last = if last.at == ONE { last } else { self.close(last, from) };
        if last.at == ONE && last.value.to_bits() == x.to_bits() {
            return;
        }
        if from == last.from {
            self.drop_last(last);
            if let Some(prev) = self.runs.last()
                && prev.at == ONE
                && prev.value.to_bits() == x.to_bits()
            {
                return;
            }
        }
        self.runs.push(Run::one(from, x));
    }

    /// From day `from` on, day d is `at(v, slope, d − from)` (until a later `set`, `set_line` or
    /// `push_day`); a flat line is one value. Days must not go back.
    #[inline]
    pub fn set_line(&mut self, from: usize, v: f64, slope: f64) {
        if slope == 0.0 {
            self.set(from, v);
            return;
        }
        let from = from as u32;
        if from >= self.days {
            return;
        }
        let Some(&last) = self.runs.last() else { return };
        debug_assert!(from >= last.from);
        let last = self.close(last, from);
        if from == last.from {
            self.drop_last(last);
        }
        self.runs.push(Run { from, at: LINE, value: v, slope });
    }

    /// The last run, ended at day `to`: a line or daily values of one day become a run of
    /// one value (a site whole on its first day).
    #[inline]
    fn close(&mut self, last: Run, to: u32) -> Run {
        if last.at == ONE || to != last.from + 1 {
            return last;
        }
        let one = Run::one(last.from, if last.at == LINE { last.value } else { self.daily[last.at as usize] });
        if last.at != LINE {
            self.daily.truncate(self.daily.len() - 1);
        }
        self.runs.pop();
        self.runs.push(one);
        one
    }

    /// Removes the last run (`last`), with its daily values.
    #[inline]
    fn drop_last(&mut self, last: Run) {
        self.runs.pop();
        if last.at < LINE {
            self.daily.truncate(last.at as usize);
        }
    }

    /// Day `t`'s value is `x`: the next day after the last one given (or after a `set`).
    #[inline]
    pub fn push_day(&mut self, t: usize, x: f64) {
        if t < self.days() {
            self.daily_from(t as u32);
            self.daily.push(x);
        }
    }

    /// Starts (or continues) a run of daily values at day `t`, the day after the last one
    /// given: push one value a day, and no more than the days left.
    pub fn days_from(&mut self, t: usize) -> &mut Vec<f64> {
        debug_assert!(t < self.days());
        self.daily_from(t as u32);
        &mut self.daily
    }

    /// Makes the last run one of daily values from day `t` on (continuing it when it is
    /// one, up to day t), for values to be pushed onto `daily`.
    #[inline]
    fn daily_from(&mut self, t: u32) {
        let Some(&last) = self.runs.last() else { return };
        debug_assert!(t >= last.from);
        if last.at < LINE {
            debug_assert_eq!(self.daily.len() as u32, last.at + (t - last.from));
            return;
        }
        let last = self.close(last, t);
        if t == last.from {
            self.runs.pop();
        }
        self.runs.push(Run { from: t, at: self.daily.len() as u32, value: 0.0, slope: 0.0 });
    }

    /// The runs as `(first day, end, values)`, in day order.
    #[inline]
    pub fn runs(&self) -> impl DoubleEndedIterator<Item = (usize, usize, Values<'_>)> + '_ {
        (0..self.runs.len()).map(move |k| {
            let r = self.runs[k];
            let end = self.runs.get(k + 1).map_or(self.days, |n| n.from);
            let values = match r.at {
                ONE => Values::One(r.value),
                LINE => Values::Line(r.value, r.slope),
                at => Values::Daily(&self.daily[at as usize..(at + end - r.from) as usize]),
            };
            (r.from as usize, end as usize, values)
        })
    }

    /// The value on the last day (0 for a path of no days).
    pub fn last(&self) -> f64 {
        match self.runs().next_back() {
            Some((_, _, Values::One(x))) => x,
            Some((a, b, Values::Line(v, slope))) => at(v, slope, b - a - 1),
            Some((_, _, Values::Daily(v))) => v.last().copied().unwrap_or(0.0),
            None => 0.0,
        }
    }

    /// The path day by day (for tests and for callers that want arrays).
    pub fn to_days(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.days());
        for (a, b, x) in self.runs() {
            match x {
                Values::One(x) => out.extend(std::iter::repeat_n(x, b - a)),
                Values::Line(v, slope) => out.extend((0..b - a).map(|k| at(v, slope, k))),
                Values::Daily(v) => out.extend_from_slice(v),
            }
        }
        out
    }

    /// `self = op(self, other)` day by day: one `op` per run of days on which both are one
    /// value, or where the result is a line (a sum of lines and values; a line times a value's
    /// share working), and one a day elsewhere. `tmp` is scratch space.
    pub fn combine(&mut self, other: &Series, tmp: &mut Series, op: Op) {
        debug_assert_eq!(self.days, other.days);
        // When `other` is one value on every day and the result stays a line where `self` is
        // one, the runs keep their days. (Neighbouring runs may then hold equal values, which
        // changes no day.)
        if let [Run { at: ONE, value: y, .. }] = other.runs[..]
            && (self.runs.iter().all(|r| r.at != LINE) || !matches!(op, Op::Best(_)))
        {
            self.each_with(y, op);
            return;
        }
        // A sum onto one value on every day (an empty pool): `other`'s runs, each plus it.
        if let ([Run { at: ONE, value: x, .. }], Op::Add) = (&self.runs[..], op) {
            let x = *x;
            self.runs.clear();
            self.runs
                .extend(other.runs.iter().map(|&r| if r.at >= LINE { Run { value: x + r.value, ..r } } else { r }));
            self.daily.clear();
            self.daily.extend(other.daily.iter().map(|&y| x + y));
            return;
        }
        tmp.reset(self.days());
        let (a, b) = (self, other);
        let (mut i, mut j) = (0, 0);
        let mut day = 0u32;
        while day < a.days {
            let (ra, rb) = (a.runs[i], b.runs[j]);
            let next_a = a.runs.get(i + 1).map_or(a.days, |r| r.from);
            let next_b = b.runs.get(j + 1).map_or(b.days, |r| r.from);
            let end = next_a.min(next_b);
            if ra.at == ONE && rb.at == ONE {
                tmp.set(day as usize, op.apply(ra.value, rb.value));
            } else if let Some((v, slope)) = op.lines(ra, rb, day) {
                tmp.set_line(day as usize, v, slope);
            } else {
                // A value a day.
                let len = (end - day) as usize;
                let value = |r: Run, daily: &[f64], d: u32| {
                    if r.at >= LINE { r.value_at(d) } else { daily[(r.at + d - r.from) as usize] }
                };
                tmp.daily_from(day);
                tmp.daily
                    .extend((day..day + len as u32).map(|d| op.apply(value(ra, &a.daily, d), value(rb, &b.daily, d))));
            }
            day = end;
            if next_a == day {
                i += 1;
            }
            if next_b == day {
                j += 1;
            }
        }
        std::mem::swap(a, tmp);
    }

    /// `self = op(self, y)` on every day, run by run, for an `op` that keeps a line a line
    /// (not `Best`) or a path with no lines.
    #[inline]
    fn each_with(&mut self, y: f64, op: Op) {
        for r in self.runs.iter_mut() {
            match r.at {
                ONE => r.value = op.apply(r.value, y),
                LINE => (r.value, r.slope) = op.line(r.value, r.slope, y).unwrap_or((r.value, r.slope)),
                _ => {}
            }
        }
        for x in &mut self.daily {
            *x = op.apply(*x, y);
        }
    }

    /// Adds `y` on every day: the same days as adding a path of `y` on every day.
    pub fn add_value(&mut self, y: f64) {
        self.each_with(y, Op::Add);
    }

    /// Adds `other` day by day.
    pub fn add(&mut self, other: &Series, tmp: &mut Series) {
        self.combine(other, tmp, Op::Add);
    }
}

/// Swaps two paths (kept out of line in the page's engine, where four swaps inlined are a
/// kilobyte of code).
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn swap(a: &mut Series, b: &mut Series) {
    std::mem::swap(a, b);
}

/// How [`Series::combine`] makes a day's value from the two paths' values x and y.
#[derive(Clone, Copy, Debug)]
pub enum Op {
    /// x + y
    Add,
    /// x × (1 − min(y, 1)): capacity x on a day that loses share y of its time.
    Working,
    /// The greater of x and e × y: a training run on its own sites (x) or on its fallback
    /// (y) at efficiency e, whichever gives more that day.
    Best(f64),
}

impl Op {
    #[inline(always)]
    fn apply(self, x: f64, y: f64) -> f64 {
        match self {
            Op::Add => x + y,
            Op::Working => x * (1.0 - lesser(y, 1.0)),
            Op::Best(e) => greater(x, e * y),
        }
    }

    /// A line `v + slope × k` combined with the value y, when the result is a line.
    #[inline(always)]
    fn line(self, v: f64, slope: f64, y: f64) -> Option<(f64, f64)> {
        match self {
            Op::Add => Some((v + y, slope)),
            Op::Working => {
                let w = 1.0 - lesser(y, 1.0);
                Some((v * w, slope * w))
            }
            Op::Best(_) => None,
        }
    }

    /// Runs `x` and `y` combined from day `day` (a day of both), when the result is a line:
    /// (its value on `day`, its slope).
    #[inline(always)]
    fn lines(self, x: Run, y: Run, day: u32) -> Option<(f64, f64)> {
        match (self, x.at, y.at) {
            (Op::Add, LINE, LINE) => Some((x.value_at(day) + y.value_at(day), x.slope + y.slope)),
            (Op::Add, LINE, ONE) | (Op::Working, LINE, ONE) => self.line(x.value_at(day), x.slope, y.value),
            // Addition is commutative, bit for bit.
            (Op::Add, ONE, LINE) => self.line(y.value_at(day), y.slope, x.value),
            _ => None,
        }
    }
}

/// One contribution to a coverage path: `amount` on each of days `from..to`.
#[derive(Clone, Copy, Debug)]
pub struct Piece {
    from: u32,
    to: u32,
    amount: f64,
}

/// Adds to `pieces` what adding `weight` × (the share of day t covered) to `days[t]` for each
/// interval would add to day arrays of `days` days (`intervals::add_coverage`): a partial
/// first and last day, and the whole days between as one piece.
pub fn coverage_pieces(intervals: &[Interval], weight: f64, days: usize, pieces: &mut Vec<Piece>) {
    let horizon = days as f64;
    for &(a, b) in intervals {
        let a = greater(a, 0.0);
        let b = lesser(b, horizon);
        if b <= a {
            continue;
        }
        // The days the interval touches: first..=last (a < b <= horizon).
        let first = a as usize;
        let last = ((b.ceil() as usize).max(first + 1) - 1).min(days - 1);
        let amount = |day: usize| weight * (lesser(b, day as f64 + 1.0) - greater(a, day as f64));
        pieces.push(Piece { from: first as u32, to: first as u32 + 1, amount: amount(first) });
        if last > first + 1 {
            // Whole days: (day + 1) - day is exactly 1.
            pieces.push(Piece { from: first as u32 + 1, to: last as u32, amount: weight * 1.0 });
        }
        if last > first {
            pieces.push(Piece { from: last as u32, to: last as u32 + 1, amount: amount(last) });
        }
    }
}

/// Writes into `out` the sum of `pieces` day by day, starting from 0 on every day: what
/// adding `pieces[..split]`, then `pieces[split..]`, to a zeroed day array does. Each part
/// is in day order (as [`coverage_pieces`] gives disjoint intervals in order), and a piece of
/// more than one day shares no day with another piece (true of disjoint intervals).
pub fn from_pieces(pieces: &[Piece], split: usize, days: usize, out: &mut Series) {
    out.reset(days);
    piece_runs(pieces, split, |d, x| out.set(d, x));
}

/// The day sums `from_pieces` makes, as the calls of `set(first day, value)` it makes on the
/// path: the first on day 0, days in order, the last on the day after the last piece (and
/// equal values may follow each other).
#[inline]
pub fn piece_runs(pieces: &[Piece], split: usize, mut set: impl FnMut(usize, f64)) {
    // The pieces in day order, those of the first part first on a day both have: the order
    // a day's additions are made in.
    let (mut i, mut j) = (0, split);
    let mut next = || {
        if i < split && pieces.get(j).is_none_or(|q| pieces[i].from <= q.from) {
            i += 1;
            Some(pieces[i - 1])
        } else {
            j += 1;
            pieces.get(j - 1).copied()
        }
    };
    let mut end = 0u32;
    let mut piece = next();
    while let Some(p) = piece {
        if p.from > end {
            set(end as usize, 0.0);
        }
        let mut sum = 0.0 + p.amount;
        piece = next();
        if p.to - p.from == 1 {
            while let Some(q) = piece.filter(|q| q.from == p.from) {
                sum += q.amount;
                piece = next();
            }
        }
        set(p.from as usize, sum);
        end = p.to;
    }
    set(end as usize, 0.0);
}

/// Reads a path's values in day order.
pub struct Cursor {
    run: usize,
    next: u32,
    value: f64,
}

impl Cursor {
    /// A cursor over a path whose runs are each one value (as coverage paths are).
    pub fn new(path: &Series) -> Cursor {
        debug_assert!(path.runs.iter().all(|r| r.at == ONE));
        Cursor { run: 0, next: path.runs.get(1).map_or(u32::MAX, |r| r.from), value: path.runs[0].value }
    }

    /// The first day after the last one read whose value may differ (`u32::MAX`: none).
    #[inline]
    pub fn next_change(&self) -> u32 {
        self.next
    }

    /// The value on day `t` (days must not go back).
    #[inline]
    pub fn at(&mut self, path: &Series, t: usize) -> f64 {
        while t as u32 >= self.next {
            self.run += 1;
            self.value = path.runs[self.run].value;
            self.next = path.runs.get(self.run + 1).map_or(u32::MAX, |r| r.from);
        }
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intervals::add_coverage;

    #[test]
    fn a_series_copied_into_another_is_its_days_in_that_one_s_room() {
        let mut a = Series::zeros(12);
        a.set(2, 0.5);
        a.push_day(3, 0.25);
        a.push_day(4, 0.75);
        a.set_line(5, 1.0, 0.125);
        a.set(9, 7.0);
        assert!(!a.daily.is_empty());
        // Room for as many runs and daily values (made as `a`'s are).
        let mut b = Series::zeros(12);
        for d in 0..6 {
            b.set(d, d as f64 + 1.0);
        }
        for d in 6..12 {
            b.push_day(d, d as f64);
        }
        assert!(b.runs.len() >= a.runs.len() && b.daily.len() >= a.daily.len());
        let room = (b.runs.as_ptr(), b.daily.as_ptr());
        b.clone_from(&a);
        assert_eq!(b, a);
        assert_eq!(b.to_days(), a.to_days());
        // No new vectors: the room `b` had (as a derived `clone_from` would not).
        assert_eq!((b.runs.as_ptr(), b.daily.as_ptr()), room);
        assert_eq!(a.clone(), a);
    }

    #[test]
    fn set_keeps_runs_distinct() {
        let mut p = Series::zeros(10);
        p.set(0, 1.0);
        p.set(3, 1.0);
        p.set(3, 2.0);
        p.set(3, 1.0);
        p.set(5, 4.0);
        p.set(10, 9.0);
        assert_eq!(p.runs().map(|(a, b, _)| (a, b)).collect::<Vec<_>>(), vec![(0, 5), (5, 10)]);
        assert_eq!(p.to_days(), vec![1.0, 1.0, 1.0, 1.0, 1.0, 4.0, 4.0, 4.0, 4.0, 4.0]);
        assert_eq!(p.last(), 4.0);
    }

    #[test]
    fn adding_paths_adds_their_days() {
        let mut a = Series::zeros(8);
        a.set(2, 0.1);
        a.push_day(3, 0.25);
        a.push_day(4, 0.5);
        a.set(5, 0.7);
        let mut b = Series::zeros(8);
        b.set(1, 0.2);
        b.set(5, 0.3);
        b.set(7, 0.0);
        let want: Vec<f64> = a.to_days().iter().zip(b.to_days()).map(|(x, y)| x + y).collect();
        let mut tmp = Series::default();
        a.add(&b, &mut tmp);
        assert_eq!(a.to_days(), want);
        assert!(a.runs.windows(2).all(|w| w[0].from < w[1].from));
        assert_eq!(a.last(), 0.7);
    }

    #[test]
    fn coverage_equals_adding_day_by_day() {
        // Intervals with fractional ends, some sharing a day, one running past the horizon.
        let halts = [(0.25, 0.75), (0.9, 3.5), (5.0, 6.0), (6.5, 6.75), (8.2, 30.0)];
        let others = [(3.5, 4.2), (4.3, 5.0), (6.0, 6.5), (7.0, 8.0)];
        for days in [1, 2, 7, 9, 12] {
            let mut dense = vec![0.0; days];
            add_coverage(&halts, 1.0, &mut dense);
            add_coverage(&others, 0.37, &mut dense);
            let mut pieces = Vec::new();
            coverage_pieces(&halts, 1.0, days, &mut pieces);
            let split = pieces.len();
            coverage_pieces(&others, 0.37, days, &mut pieces);
            let mut p = Series::default();
            from_pieces(&pieces, split, days, &mut p);
            let got: Vec<u64> = p.to_days().iter().map(|x| x.to_bits()).collect();
            let want: Vec<u64> = dense.iter().map(|x| x.to_bits()).collect();
            assert_eq!(got, want, "{days} days");
        }
    }

    /// Day by day, what `combine` must give: each day's `op` (lines agree to rounding: a sum
    /// of lines is taken from the first day of each run of the result).
    fn combined_by_day(a: &Series, b: &Series, op: Op) -> Vec<f64> {
        a.to_days().iter().zip(b.to_days()).map(|(&x, y)| op.apply(x, y)).collect()
    }

    fn near(got: &[f64], want: &[f64]) -> bool {
        got.len() == want.len()
            && got.iter().zip(want).all(|(x, y)| (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0))
    }

    #[test]
    fn lines_hold_their_days_and_combine_as_their_days_do() {
        let mut a = Series::zeros(12);
        a.set(0, 1.0);
        a.set_line(2, 3.0, 0.5);
        a.set(6, 2.0);
        a.set_line(8, 1.0, 0.25);
        assert_eq!(a.to_days(), vec![1.0, 1.0, 3.0, 3.5, 4.0, 4.5, 2.0, 2.0, 1.0, 1.25, 1.5, 1.75]);
        assert_eq!(a.last(), 1.75);
        // A line of one day is one value; a flat line is one value.
        let mut short = Series::zeros(6);
        short.set_line(1, 5.0, 2.0);
        short.set(2, 0.0);
        short.set_line(3, 4.0, 0.0);
        assert!(short.runs().all(|(_, _, v)| matches!(v, Values::One(_))));
        assert_eq!(short.to_days(), vec![0.0, 5.0, 0.0, 4.0, 4.0, 4.0]);
        // Daily values after a line, and a line after daily values.
        let mut mixed = Series::zeros(8);
        mixed.set_line(0, 1.0, 1.0);
        mixed.push_day(3, 9.0);
        mixed.push_day(4, 8.0);
        mixed.set_line(5, 2.0, -0.5);
        assert_eq!(mixed.to_days(), vec![1.0, 2.0, 3.0, 9.0, 8.0, 2.0, 1.5, 1.0]);
        // Each operation against a path of values, of lines and of daily values, both ways
        // round, and with one value on every day (the fast paths).
        let mut b = Series::zeros(12);
        b.set(0, 0.2);
        b.set_line(3, 0.1, 0.05);
        b.set(9, 0.7);
        let mut flat = Series::zeros(12);
        flat.set(0, 0.3);
        let mut daily = Series::zeros(12);
        for t in 0..12 {
            daily.push_day(t, 0.1 * t as f64);
        }
        let mut tmp = Series::default();
        for op in [Op::Add, Op::Working, Op::Best(0.5)] {
            for (x, y) in [(&a, &b), (&b, &a), (&a, &flat), (&flat, &a), (&a, &daily), (&daily, &a), (&a, &a)] {
                let want = combined_by_day(x, y, op);
                let mut got = x.clone();
                got.combine(y, &mut tmp, op);
                assert!(near(&got.to_days(), &want), "{op:?}: {:?} against {want:?}", got.to_days());
                assert!(got.runs.windows(2).all(|w| w[0].from < w[1].from), "{op:?}: runs in order");
            }
        }
        // Sums of lines and values stay lines: no day of them is kept as a value of its own.
        let mut sum = a.clone();
        sum.combine(&b, &mut tmp, Op::Add);
        assert!(sum.daily.is_empty());
    }

    #[test]
    fn a_cursor_reads_each_day() {
        let mut p = Series::zeros(6);
        p.set(2, 3.0);
        p.set(4, 1.0);
        let mut c = Cursor::new(&p);
        let read: Vec<f64> = (0..6).map(|t| c.at(&p, t)).collect();
        assert_eq!(read, p.to_days());
    }
}
