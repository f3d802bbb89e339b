//! Time intervals in continuous days, and how much of each whole day they cover.
//!
//! Events happen in continuous time; capacity is reported per day as the day's average, so a
//! half-day outage costs half a day. Overlapping intervals merge: a site is down while any of
//! its outages is active.

use crate::{greater, lesser};

/// A half-open interval `[start, end)` in days; `end` may be infinite (for good).
pub type Interval = (f64, f64);

/// Sorts pairs by their first number, then their second: the order `sort_unstable_by` gives
/// (equal pairs are identical, so any correct sort gives the same order), in a fraction of its
/// code (5.6 KB of WebAssembly, 2 KB gzip): insertion for the usual few pairs, a heap sort
/// (`n log n` however many) above `INSERTION` of them.
pub fn sort(pairs: &mut [Interval]) {
    /// The most pairs sorted by insertion.
    const INSERTION: usize = 16;
    let less = |x: Interval, y: Interval| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)).is_lt();
    let n = pairs.len();
    if n <= INSERTION {
        for i in 1..n {
            let x = pairs[i];
            let mut j = i;
            while j > 0 && less(x, pairs[j - 1]) {
                pairs[j] = pairs[j - 1];
                j -= 1;
            }
            pairs[j] = x;
        }
        return;
    }
    // Moves the pair at `root` down the heap `v[..end]` until neither child is greater.
    let sift = |v: &mut [Interval], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(v[child], v[child + 1]) {
            child += 1;
        }
        if !less(v[root], v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for i in (0..n / 2).rev() {
        sift(pairs, i, n);
    }
    for end in (1..n).rev() {
        pairs.swap(0, end);
        sift(pairs, 0, end);
    }
}

/// Sorts and merges overlapping or touching intervals in place, dropping empty ones.
pub fn merge(intervals: &mut Vec<Interval>) {
    intervals.retain(|&(a, b)| b > a);
    if intervals.len() < 2 {
        return;
    }
    sort(intervals);
    let mut w = 0;
    for r in 1..intervals.len() {
        let (a, b) = intervals[r];
        if a <= intervals[w].1 {
            if b > intervals[w].1 {
                intervals[w].1 = b;
            }
        } else {
            w += 1;
            intervals[w] = (a, b);
        }
    }
    intervals.truncate(w + 1);
}

/// Writes into `out` the parts of merged `from` not covered by merged `minus`.
pub fn subtract(from: &[Interval], minus: &[Interval], out: &mut Vec<Interval>) {
    out.clear();
    let mut j = 0;
    for &(a, b) in from {
        let mut start = a;
        while j < minus.len() && minus[j].1 <= start {
            j += 1;
        }
        let mut k = j;
        while k < minus.len() && minus[k].0 < b {
            if minus[k].0 > start {
                out.push((start, minus[k].0));
            }
            start = greater(start, minus[k].1);
            if start >= b {
                break;
            }
            k += 1;
        }
        if start < b {
            out.push((start, b));
        }
    }
}

/// Adds `weight` × (the share of day t covered) to `days[t]` for each interval.
///
/// Intervals must be disjoint for the result to stay within `weight` per day.
pub fn add_coverage(intervals: &[Interval], weight: f64, days: &mut [f64]) {
    let horizon = days.len() as f64;
    for &(a, b) in intervals {
        let a = a.max(0.0);
        let b = b.min(horizon);
        if b <= a {
            continue;
        }
        // a < horizon here, so the cast stays in range.
        let first = a as usize;
        let mut day = first;
        while day < days.len() && (day as f64) < b {
            let lo = greater(a, day as f64);
            let hi = lesser(b, day as f64 + 1.0);
            days[day] += weight * (hi - lo);
            day += 1;
        }
    }
}

/// A site's loss outside its halts as disjoint segments `(start, end, share)`, in order: the
/// outage `fraction` while an outage is on (`outages`: merged, less the halts), plus, from
/// each re-let on, the share of the GPUs let to others by then (`relets`: `(time, share
/// kept)` sorted by time; the kept shares multiply), outside the `halts`. The two add, as if
/// an outage took down the firm's GPUs first, up to the whole site. `tmp` is scratch space.
pub fn with_relets(
    outages: &[Interval],
    fraction: f64,
    relets: &[Interval],
    halts: &[Interval],
    tmp: &mut Vec<Interval>,
    out: &mut Vec<(f64, f64, f64)>,
) {
    // The re-lets' steps, less the halts: from each re-let to the next, the share lost by then.
    let mut lost: Vec<(f64, f64, f64)> = Vec::new();
    let mut kept = 1.0;
    for (j, &(from, left)) in relets.iter().enumerate() {
        kept *= left;
        let to = relets.get(j + 1).map_or(f64::INFINITY, |r| r.0);
        subtract(&[(from, to)], halts, tmp);
        lost.extend(tmp.iter().map(|&(a, b)| (a, b, 1.0 - kept)));
    }
    // The two lists overlaid: a segment between each pair of neighbouring ends, with the
    // shares of the pieces it lies in added.
    out.clear();
    let (a, b) = (&lost[..], outages);
    let (mut i, mut j) = (0, 0);
    let mut t = f64::NEG_INFINITY;
    while i < a.len() || j < b.len() {
        if i < a.len() && a[i].1 <= t {
            i += 1;
            continue;
        }
        if j < b.len() && b[j].1 <= t {
            j += 1;
            continue;
        }
        let in_a = i < a.len() && a[i].0 <= t;
        let in_b = j < b.len() && b[j].0 <= t;
        let mut next = f64::INFINITY;
        if i < a.len() {
            next = lesser(next, if in_a { a[i].1 } else { a[i].0 });
        }
        if j < b.len() {
            next = lesser(next, if in_b { b[j].1 } else { b[j].0 });
        }
        if in_a || in_b {
            // At most all of the site, at every moment (a day's share is then at most 1 too,
            // and a longer halt never lowers it).
            let share = if in_a { a[i].2 } else { 0.0 } + if in_b { fraction } else { 0.0 };
            out.push((t, next, lesser(share, 1.0)));
        }
        t = next;
    }
}

/// The total length of merged intervals within `[0, until)`.
pub fn measure_before(intervals: &[Interval], until: f64) -> f64 {
    intervals.iter().map(|&(a, b)| greater(lesser(b, until) - greater(a, 0.0), 0.0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_orders_as_the_standard_sort() {
        // Every length to 60 (insertion and heap), from few distinct values (many equal pairs,
        // equal first numbers) to all distinct, infinities and -0 among them.
        let mut state = 0x853c_49e6_748f_ea9bu64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let values = [-0.0, 0.0, 0.5, 1.0, 2.25, 7.0, 1e9, f64::INFINITY];
        for n in 0..60 {
            for distinct in [2, 4, 8] {
                let mut pairs: Vec<Interval> = (0..n)
                    .map(|_| (values[next(distinct) as usize], values[next(distinct) as usize] * (1 + next(3)) as f64))
                    .collect();
                let mut want = pairs.clone();
                want.sort_unstable_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
                sort(&mut pairs);
                let bits = |v: &[Interval]| v.iter().map(|p| (p.0.to_bits(), p.1.to_bits())).collect::<Vec<_>>();
                assert_eq!(bits(&pairs), bits(&want), "{n} pairs of {distinct} values");
            }
        }
    }

    #[test]
    fn merge_joins_overlaps_and_keeps_gaps() {
        let mut v = vec![(5.0, 6.0), (1.0, 2.0), (1.5, 3.0), (3.0, 4.0), (7.0, f64::INFINITY), (8.0, 9.0)];
        merge(&mut v);
        assert_eq!(v, vec![(1.0, 4.0), (5.0, 6.0), (7.0, f64::INFINITY)]);
    }

    #[test]
    fn subtract_removes_covered_parts() {
        let from = [(0.0, 10.0), (12.0, 14.0)];
        let minus = [(1.0, 2.0), (3.0, 4.0), (9.0, 13.0)];
        let mut out = Vec::new();
        subtract(&from, &minus, &mut out);
        assert_eq!(out, vec![(0.0, 1.0), (2.0, 3.0), (4.0, 9.0), (13.0, 14.0)]);
        subtract(&from, &[], &mut out);
        assert_eq!(out, from.to_vec());
        subtract(&from, &[(-1.0, f64::INFINITY)], &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn coverage_counts_partial_days() {
        let mut days = vec![0.0; 5];
        add_coverage(&[(0.5, 2.25), (4.5, f64::INFINITY)], 1.0, &mut days);
        assert_eq!(days, vec![0.5, 1.0, 0.25, 0.0, 0.5]);
        let mut days = vec![0.0; 3];
        add_coverage(&[(-4.0, 0.5), (9.0, 10.0)], 2.0, &mut days);
        assert_eq!(days, vec![1.0, 0.0, 0.0]);
    }

    #[test]
    fn re_lets_add_to_outages_outside_halts() {
        // Halted 2-4; an outage at half the site 1-3 and 5-6; re-lets at 4 (keeps 0.5) and 5.5
        // (keeps 0.5 of that): from 4, 0.5 lost; from 5.5, 0.75; with the outage, never more
        // than the whole site.
        let (halts, outages) = ([(2.0, 4.0)], [(1.0, 2.0), (5.0, 6.0)]);
        let mut out = Vec::new();
        with_relets(&outages, 0.5, &[(4.0, 0.5), (5.5, 0.5)], &halts, &mut Vec::new(), &mut out);
        assert_eq!(
            out,
            vec![(1.0, 2.0, 0.5), (4.0, 5.0, 0.5), (5.0, 5.5, 1.0), (5.5, 6.0, 1.0), (6.0, f64::INFINITY, 0.75)]
        );
        // Without re-lets, the outages as they are.
        with_relets(&outages, 0.5, &[], &halts, &mut Vec::new(), &mut out);
        assert_eq!(out, vec![(1.0, 2.0, 0.5), (5.0, 6.0, 0.5)]);
        // A re-let inside a later halt counts only outside it.
        with_relets(&[], 1.0, &[(4.0, 0.5)], &[(2.0, 4.0), (7.0, 8.0)], &mut Vec::new(), &mut out);
        assert_eq!(out, vec![(4.0, 7.0, 0.5), (8.0, f64::INFINITY, 0.5)]);
    }

    #[test]
    fn measure_clips_to_the_window() {
        assert_eq!(measure_before(&[(1.0, 2.0), (3.0, f64::INFINITY)], 5.0), 3.0);
        assert_eq!(measure_before(&[(1.0, 2.0)], 1.5), 0.5);
    }
}
