//! Fixed-bin histograms whose counts, minima, maxima and fixed-point sums merge exactly and in
//! any order, and the percentiles read from them.

use crate::greater;

/// Bins per histogram of a continuous figure: percentiles resolve to 1/1024 of the range.
pub const BINS: usize = 1024;

/// Sums are kept in units of 2⁻¹⁶ so that they add exactly and in any order.
pub(super) const FIXED: f64 = 65_536.0;

#[inline]
pub(super) fn fixed64(x: f64) -> u64 {
    // x is finite, non-negative and below 2^36 (the limits in model.rs cap capacity at
    // 64 sites × 10^7 GPUs × 44 B200e per GPU ≈ 2^35, and days below 2^12), so x·2^16 + 0.5
    // truncated is x rounded to the nearest unit, below 2^52.
    // Through i64, which is one instruction on x86-64 (u64 is several): the same number for
    // values from 0 to 2^63 (and 0 below, as before).
    // (`greater` is one comparison where `max` is several; NaN, never a value here, gives 0
    // either way.)
    greater(x * FIXED + 0.5, 0.0) as i64 as u64
}

#[inline]
pub(super) fn fixed(x: f64) -> u128 {
    u128::from(fixed64(x))
}

/// Days summed in the engine's `DAY_UNIT`s (2^32 a day), non-negative, as `fixed` takes their
/// number of days (`units / DAY_UNIT`): rounded to 2^-16 of a day, half up. The same integer
/// without the floats: `units / 2^32` is exact below 2^53 units (a horizon's days are far
/// fewer), and so are `× 2^16 + 0.5` and its truncation.
#[inline]
pub(super) fn fixed_days(units: i64) -> u128 {
    const _: () = assert!(crate::trial::DAY_UNIT == FIXED * 65_536.0);
    debug_assert!(units >= 0, "{units}");
    ((units.max(0) as u64 + (1 << 15)) >> 16) as u128
}

pub(super) fn unfixed(sum: u128) -> f64 {
    sum as f64 / FIXED
}

/// `x`, a position among bins `0..=top` (`(value − lo) / width`), clamped to them and
/// truncated: the bin `Accumulator::day_bin` and `Histogram::add` put the value in.
#[inline(always)]
pub(super) fn clamped_bin(x: f64, top: f64) -> usize {
    debug_assert!((0.0..4_294_967_296.0).contains(&top) && top.fract() == 0.0, "{top} is not a bin's index");
    #[cfg(target_arch = "wasm32")]
    {
        let b = x as i64;
        (if b < 0 {
            0
        } else if b > top as i64 {
            top as i64
        } else {
            b
        }) as usize
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Clamped as a float, then truncated: the same bin as truncating, then clamping, in one
        // instruction (a checked conversion is several). NaN, never a value here, goes to 0.
        let x = if x > 0.0 { x } else { 0.0 };
        let x = if x < top { x } else { top };
        // SAFETY: x is a float in `0..=top`, and top is a bin's index (below 2^32), so it
        // truncates to an i64 in range.
        unsafe { x.to_int_unchecked::<i64>() as usize }
    }
}

/// The last bin's index as a float, for `clamped_bin`: through i64, one instruction on
/// x86-64 where from usize is six (the same value: an index is far below 2^53).
#[inline(always)]
pub(super) fn top_bin(last: usize) -> f64 {
    last as i64 as f64
}

/// One histogram bin: how many values fell in it, the least and greatest of them, and how
/// many equal each.
///
/// Capacity piles up on exact values (every site up; every site down), so a percentile among
/// them must come out exact, not smeared across the bin. Counts, minima and maxima merge
/// exactly and in any order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bin {
    pub(super) count: u32,
    pub(super) at_min: u32,
    pub(super) at_max: u32,
    pub(super) min: f32,
    pub(super) max: f32,
}

impl Bin {
    /// An empty bin is all zero bits (its minimum and maximum are never read: adding to it or
    /// merging into it replaces them), so zeroed memory is empty bins.
    pub const EMPTY: Bin = Bin { count: 0, at_min: 0, at_max: 0, min: 0.0, max: 0.0 };

    /// `n` empty bins in zeroed memory, which the allocator gives as fresh pages without
    /// writing them: a full-resolution run's day bins are 15 MB, most of them never touched.
    pub(super) fn empty(n: usize) -> Vec<Bin> {
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
    pub(super) fn add(&mut self, x: f32) {
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

    /// [`Self::add`] for a value that is +0 or more (a day's capacity): the same bin after it.
    /// The bits of non-negative floats order as the floats do, so the comparisons are of
    /// integers (one test each, where a float's is two: NaN's) and the usual case, a value
    /// strictly between the bin's least and greatest, is a count and two tests.
    #[inline(always)]
    pub(super) fn add_nonnegative(&mut self, x: f32) {
        debug_assert!(x.is_sign_positive() && x.is_finite(), "{x}");
        if self.count == 0 {
            *self = Bin { count: 1, at_min: 1, at_max: 1, min: x, max: x };
            return;
        }
        self.count += 1;
        let (x, min, max) = (x.to_bits(), self.min.to_bits(), self.max.to_bits());
        if x <= min {
            if x < min {
                self.min = f32::from_bits(x);
                self.at_min = 1;
            } else {
                self.at_min += 1;
            }
        }
        if x >= max {
            if x > max {
                self.max = f32::from_bits(x);
                self.at_max = 1;
            } else {
                self.at_max += 1;
            }
        }
    }

    #[inline]
    pub(super) fn merge(&mut self, o: &Bin) {
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
    pub(super) fn value_at(&self, j: f64) -> f64 {
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
    pub(super) lo: f64,
    pub(super) width: f64,
    pub(super) bins: Vec<Bin>,
    pub(super) n: u64,
    pub(super) sum: u128,
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
        self.bins[clamped_bin((x - self.lo) / self.width, top_bin(last))].add(x as f32);
        self.n += 1;
        // Summed from `lo`, so a figure that can be negative (a delay) has an exact mean too
        // (one below `lo` counts 0, as `fixed` takes it).
        self.sum += fixed(x - self.lo);
    }

    /// [`Self::add`] of a count: in a `discrete` histogram (one bin per integer from 0) its
    /// bin is the count itself (or the top) and its fixed-point sum the count shifted, so no
    /// division, float sum or conversion is needed; the same bin, count and sum as `add`
    /// (a test compares them). Only for a `discrete` histogram.
    pub fn add_count(&mut self, n: u32) {
        debug_assert!(self.lo == 0.0 && self.width == 1.0, "a count in a histogram not of counts");
        let last = self.bins.len() - 1;
        // (A count as f32 is the f64's f32: the f64 is exact.)
        self.bins[(n as usize).min(last)].add_nonnegative(n as f32);
        self.n += 1;
        self.sum += u128::from(n) << 16;
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
pub(super) fn quantiles<const K: usize>(bins: &[Bin], n: u64, qs: [f64; K]) -> Option<[f64; K]> {
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
