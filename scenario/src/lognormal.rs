//! Durations and delays as lognormals given by their median and 90th percentile, drawn by
//! the inverse transform (the engine's streams give the uniforms: `compute_shock::rng`).
//!
//! `#[inline]`: the engine calls these once per random event, so they are compiled into it
//! at its own optimisation level, not this crate's (built for size).

/// A lognormal distribution given by its median and 90th percentile.
///
/// `p90 == median` is a fixed value; `median == 0` (with `p90 == 0`) is always zero.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogNormal {
    median: f64,
    sigma: f64,
}

/// The standard normal's 90th percentile, Φ⁻¹(0.9).
pub const Z90: f64 = 1.281_551_565_544_600_4;

impl LogNormal {
    /// Caller guarantees `0 <= median <= p90`, finite, and `median > 0` unless `p90 == 0`.
    pub fn new(median: f64, p90: f64) -> Self {
        let sigma = if median > 0.0 && p90 > median { libm::log(p90 / median) / Z90 } else { 0.0 };
        LogNormal { median, sigma }
    }

    /// The value at quantile `u` (the inverse transform).
    #[inline]
    pub fn quantile(&self, u: f64) -> f64 {
        self.quantile_at(self.median, u)
    }

    /// The value at quantile `u` of this spread about another median (a trial's draw of an
    /// uncertain median): the p90 moves with the median, in proportion. At the distribution's
    /// own median, the same bits as `quantile`.
    #[inline]
    pub fn quantile_at(&self, median: f64, u: f64) -> f64 {
        if self.sigma == 0.0 { median } else { median * libm::exp(self.sigma * inv_normal(u)) }
    }

    /// The median.
    #[inline]
    pub fn median(&self) -> f64 {
        self.median
    }

    /// True when every draw is zero.
    #[inline]
    pub fn is_zero(&self) -> bool {
        self.median == 0.0
    }
}

/// The standard normal quantile function Φ⁻¹(p) for p in (0, 1).
///
/// Wichura's algorithm AS 241 (PPND16), relative error about 1e-16. Written out with plain
/// multiply-adds (never fused) and `libm`, so every platform gives the same bits.
#[allow(clippy::excessive_precision)]
#[inline(never)]
pub fn inv_normal(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = ((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
            + 45921.953931549871457)
            * r
            + 13731.693765509461125)
            * r
            + 1971.5909503065514427)
            * r
            + 133.14166789178437745)
            * r
            + 3.387132872796366608;
        let den = ((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
            + 21213.794301586595867)
            * r
            + 5394.1960214247511077)
            * r
            + 687.1870074920579083)
            * r
            + 42.313330701600911252)
            * r
            + 1.0;
        return q * num / den;
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    // (A square root is correctly rounded everywhere, IEEE 754: the instruction gives libm's
    // bits, without a call.)
    let mut r = f64::sqrt(-libm::log(tail));
    let value = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
            + 1.27045825245236838258)
            * r
            + 3.64784832476320460504)
            * r
            + 5.7694972214606914055)
            * r
            + 4.6303378461565452959)
            * r
            + 1.42343711074968357734;
        let den = ((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966)
            * r
            + 0.14810397642748007459)
            * r
            + 0.68976733498510000455)
            * r
            + 1.6763848301838038494)
            * r
            + 2.05319162663775882187)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386)
            * r
            + 0.026532189526576123093)
            * r
            + 0.29656057182850489123)
            * r
            + 1.7848265399172913358)
            * r
            + 5.4637849111641143699)
            * r
            + 6.6579046435011037772;
        let den = ((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5)
            * r
            + 7.868691311456132591e-4)
            * r
            + 0.0148753612908506148525)
            * r
            + 0.13692988092273580531)
            * r
            + 0.59983220655588793769)
            * r
            + 1.0;
        num / den
    };
    if q < 0.0 { -value } else { value }
}
