//! Uncertain inputs: a figure drawn once a trial from a distribution (docs/SCENARIO.md,
//! "Uncertain inputs"; docs/MODEL.md, "What we don't know").
//!
//! Every draw is the inverse transform of one uniform number from the figure's own stream
//! (`uncertain/shock/<id>/rate` and so on, per trial), so:
//! - a trial's draw does not depend on any other input (common random numbers: moving a
//!   slider elsewhere leaves each trial's value where it was, and comparisons and the
//!   sensitivity stay paired);
//! - a distribution moved to the right moves every trial's value to the right (outcomes stay
//!   monotone in it, as they are in a fixed rate);
//! - the 10th and 90th percentiles the tornado swings between are the same function at 0.1
//!   and 0.9.
//!
//! The arithmetic is plain IEEE operations and `libm`, so every platform draws the same bits.

use crate::model::{integer, number, show};
use crate::scenario::{Distribution, Prior, ScenarioError};

/// A checked distribution: its quantile function and its mean.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Law {
    /// Gamma(shape, rate): density ∝ x^(shape−1) e^(−rate·x).
    Gamma {
        shape: f64,
        rate: f64,
        /// ln Γ(shape), which every draw's quantile uses: computed once ([`Law::gamma`]).
        ln_gamma_shape: f64,
    },
    Uniform {
        low: f64,
        high: f64,
    },
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
    },
    LogUniform {
        low: f64,
        high: f64,
    },
}

/// The most a record's years may be (a rate from a longer record is not a forecast).
pub const MAX_RECORD_YEARS: f64 = 1_000.0;
/// The most events a record may count (a policy record holds a handful; the gamma's
/// quantile costs about √events steps a draw, and the work estimate counts them).
pub const MAX_RECORD_EVENTS: u64 = 1_000;
/// A gamma's share above the field's ceiling that is accepted (and counted as the ceiling).
pub const CEILING_TAIL: f64 = 1e-9;

impl Law {
    /// Gamma(shape, rate).
    pub fn gamma(shape: f64, rate: f64) -> Law {
        Law::Gamma { shape, rate, ln_gamma_shape: ln_gamma(shape) }
    }

    /// Checks `d` for the field at `field`, whose values must lie in `[lo, hi]`; `rate`: the
    /// field is a rate (the only kind a gamma may describe).
    pub fn new(field: &str, d: &Distribution, lo: f64, hi: f64, rate: bool) -> Result<Law, ScenarioError> {
        // The messages reuse the model's range check (one formatter in the page's engine).
        let at = |key: &str| format!("{field}.{key}");
        let (keys, points): (&[&str], [f64; 3]) = match *d {
            Distribution::Gamma { events, years, prior } => {
                if !rate {
                    return Err(ScenarioError::new(at("distribution"), "a gamma describes a rate: use a range here"));
                }
                let events = integer(&at("events"), events, 0, MAX_RECORD_EVENTS)? as f64;
                let years = number(&at("years"), years, 0.0, MAX_RECORD_YEARS)?;
                if years == 0.0 {
                    return Err(ScenarioError::new(at("years"), "must be above 0"));
                }
                let shape = events + if prior == Prior::Jeffreys { 0.5 } else { 1.0 };
                let law = Law::gamma(shape, years);
                if law.quantile(1.0 - CEILING_TAIL) > hi {
                    return Err(ScenarioError::new(
                        at("years"),
                        format!("is too short: the rate's 1 − 1e-9 quantile is above its ceiling of {}", show(hi)),
                    ));
                }
                return Ok(law);
            }
            Distribution::Uniform { low, high } | Distribution::LogUniform { low, high } => {
                (&["low", "high"], [low, high, 0.0])
            }
            Distribution::Triangular { low, mode, high } => (&["low", "mode", "high"], [low, mode, high]),
        };
        // A range: each point within the field's range and at least the one before it.
        let mut floor = lo;
        for (key, &x) in keys.iter().zip(&points) {
            floor = number(&at(key), x, floor, hi)?;
        }
        Ok(match *d {
            Distribution::Triangular { low, mode, high } => Law::Triangular { low, mode, high },
            Distribution::LogUniform { low, high } if low > 0.0 => Law::LogUniform { low, high },
            Distribution::LogUniform { .. } => {
                return Err(ScenarioError::new(at("low"), "must be above 0 on a log scale"));
            }
            _ => Law::Uniform { low: points[0], high: points[1] },
        })
    }

    /// The value at quantile `u` in (0, 1).
    pub fn quantile(&self, u: f64) -> f64 {
        match *self {
            // Jeffreys' prior with no event, the common case: Gamma(1/2, β) is χ²₁/(2β), so
            // its quantile is z²/(2β) with z the normal quantile at (1 + u)/2, where the
            // general one (Halley's steps from a start) takes some 1,900 instructions a draw.
            Law::Gamma { shape: 0.5, rate, .. } => {
                let z = crate::lognormal::inv_normal(0.5 + 0.5 * u);
                0.5 * z * z / rate
            }
            Law::Gamma { shape, rate, ln_gamma_shape } => gamma_quantile_with(shape, u, ln_gamma_shape) / rate,
            Law::Uniform { low, high } => low + u * (high - low),
            Law::Triangular { low, mode, high } => {
                let width = high - low;
                if width == 0.0 {
                    return low;
                }
                let cut = (mode - low) / width;
                if u < cut {
                    low + f64::sqrt(u * width * (mode - low))
                } else {
                    high - f64::sqrt((1.0 - u) * width * (high - mode))
                }
            }
            Law::LogUniform { low, high } => {
                if high == low {
                    low
                } else {
                    libm::exp(libm::log(low) + u * (libm::log(high) - libm::log(low)))
                }
            }
        }
    }

    /// About what one draw costs, in the work estimate's units (random events): a gamma's
    /// quantile sums its series about √shape terms deep, three or four times (some 1,900
    /// instructions a draw at shapes 1.5 and 4.5, where a search from a blind bracket took
    /// 9,800).
    pub fn work(&self) -> f64 {
        match *self {
            Law::Gamma { shape, .. } => 2.0 + 0.25 * libm::sqrt(shape),
            _ => 1.0,
        }
    }

    pub fn mean(&self) -> f64 {
        match *self {
            Law::Gamma { shape, rate, .. } => shape / rate,
            Law::Uniform { low, high } => (low + high) / 2.0,
            Law::Triangular { low, mode, high } => (low + mode + high) / 3.0,
            Law::LogUniform { low, high } => {
                if high == low {
                    low
                } else {
                    (high - low) / (libm::log(high) - libm::log(low))
                }
            }
        }
    }
}

/// ln Γ(a) for a >= 1/2 by Lanczos' approximation (g = 7, nine terms; relative error about
/// 1e-15): a few lines, where libm's `lgamma` would add its tables to the page's engine.
pub fn ln_gamma(a: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = a - 1.0;
    let mut sum = C[0];
    for (i, &c) in C.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * libm::log(2.0 * std::f64::consts::PI) + (x + 0.5) * libm::log(t) - t + libm::log(sum)
}

/// The regularized lower incomplete gamma function P(a, x) (series below a + 1, Lentz's
/// continued fraction for the upper tail above).
pub fn gamma_p(a: f64, x: f64) -> f64 {
    gamma_p_with(a, x, ln_gamma(a))
}

/// P(a, x) given ln Γ(a), which a quantile's iterations share.
fn gamma_p_with(a: f64, x: f64, ln_gamma_a: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let log_front = a * libm::log(x) - x - ln_gamma_a;
    if x < a + 1.0 {
        let mut term = 1.0 / a;
        let mut sum = term;
        let mut n = a;
        for _ in 0..10_000 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-17 {
                break;
            }
        }
        sum * libm::exp(log_front)
    } else {
        const TINY: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let step = d * c;
            h *= step;
            if (step - 1.0).abs() < 1e-17 {
                break;
            }
        }
        1.0 - libm::exp(log_front) * h
    }
}

/// The x with P(a, x) = u, for u in (0, 1): Halley's method from Wilson and Hilferty's
/// start (the cube of a normal, within about a thousandth for the shapes a record gives;
/// in the far lower tail, where that cube fails, the series' first term, which the quantile
/// is never below), kept inside the bracket its own steps establish and bisecting when a
/// step leaves it. Three or four evaluations of P from that start where a search from a
/// blind bracket took some fifteen: a fixed sequence of IEEE operations either way.
pub fn gamma_quantile(a: f64, u: f64) -> f64 {
    gamma_quantile_with(a, u, ln_gamma(a))
}

/// [`gamma_quantile`] given ln Γ(a), which a law computes once for all its draws (the same
/// number each time: the same operations, done once).
fn gamma_quantile_with(a: f64, u: f64, ln_gamma_a: f64) -> f64 {
    if u <= 0.0 {
        return 0.0;
    }
    let c = 1.0 / (9.0 * a);
    let w = 1.0 - c + crate::lognormal::inv_normal(u) * f64::sqrt(c);
    // P(a, x) < x^a / (a Γ(a)) for every x > 0, so the quantile is above this.
    let floor = libm::exp((libm::log(u) + libm::log(a) + ln_gamma_a) / a);
    let mut x = if w > 0.0 { (a * w * w * w).max(floor) } else { floor };
    let (mut lo, mut hi) = (0.0, f64::INFINITY);
    for _ in 0..100 {
        let f = gamma_p_with(a, x, ln_gamma_a) - u;
        if f == 0.0 {
            return x;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        // f' is the density; f''/f' = (a − 1)/x − 1. Halley's step, or Newton's where the
        // correction would turn it round.
        let density = libm::exp((a - 1.0) * libm::log(x) - x - ln_gamma_a);
        let newton = f / density;
        let bend = 1.0 - 0.5 * newton * ((a - 1.0) / x - 1.0);
        let step = if bend > 0.5 { newton / bend } else { newton };
        // Converged: a step this small may land on x itself, which the bracket (x is one of
        // its ends now) would take for a step out of it.
        if step.abs() <= 1e-15 * x {
            return x - step;
        }
        let mut next = x - step;
        if !(next > lo && next < hi) {
            next = if hi.is_finite() { 0.5 * (lo + hi) } else { 2.0 * x };
        }
        if (next - x).abs() <= 1e-15 * next || (hi.is_finite() && hi - lo <= 1e-15 * hi) {
            return next;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_matches_known_values() {
        // Γ(1/2) = √π, Γ(1) = Γ(2) = 1, Γ(5) = 24, Γ(10.5) from its product, and libm's.
        assert!((ln_gamma(0.5) - 0.5 * libm::log(std::f64::consts::PI)).abs() < 1e-14);
        assert!(ln_gamma(1.0).abs() < 1e-14 && ln_gamma(2.0).abs() < 1e-14);
        assert!((ln_gamma(5.0) - libm::log(24.0)).abs() < 1e-14);
        for a in [0.5, 0.75, 1.5, 3.5, 10.5, 100.5, 4000.5] {
            assert!((ln_gamma(a) - libm::lgamma(a)).abs() <= 1e-13 * libm::lgamma(a).abs().max(1.0), "a = {a}");
        }
    }

    #[test]
    fn gamma_p_matches_closed_forms() {
        // a = 1: the exponential, 1 − e^(−x); a = 1/2: erf(√x).
        for x in [1e-6, 0.01, 0.3, 1.0, 2.5, 7.0, 40.0] {
            assert!((gamma_p(1.0, x) - (1.0 - libm::exp(-x))).abs() < 1e-14, "a = 1, x = {x}");
            assert!((gamma_p(0.5, x) - libm::erf(f64::sqrt(x))).abs() < 1e-14, "a = 1/2, x = {x}");
        }
        // a = 3: 1 − e^(−x)(1 + x + x²/2).
        for x in [0.1, 1.0, 3.9, 4.1, 20.0] {
            let exact = 1.0 - libm::exp(-x) * (1.0 + x + x * x / 2.0);
            assert!((gamma_p(3.0, x) - exact).abs() < 1e-14, "a = 3, x = {x}");
        }
    }

    #[test]
    fn a_law_draws_what_the_quantile_gives() {
        // The law keeps ln Γ(shape) from its making; its draws are the quantile's own bits.
        for shape in [1.0, 1.5, 3.0, 4.5, 12.5, 400.5] {
            let law = Law::gamma(shape, 2.5);
            for i in 1..500 {
                let u = f64::from(i) / 500.0;
                assert_eq!(law.quantile(u).to_bits(), (gamma_quantile(shape, u) / 2.5).to_bits(), "{shape}, {u}");
            }
        }
    }

    #[test]
    fn gamma_quantile_inverts_p() {
        for a in [0.5, 1.0, 1.5, 3.5, 12.5, 400.5] {
            for u in [1e-9, 1e-3, 0.1, 0.5, 0.9, 0.999, 1.0 - 1e-9] {
                let x = gamma_quantile(a, u);
                let back = gamma_p(a, x);
                assert!((back - u).abs() <= 1e-12 * u.max(1e-3), "a {a}, u {u}: x {x}, P(x) {back}");
            }
        }
        // a = 1 is the exponential: −ln(1 − u). Near u = 1, P is 1 − Q, good to a few units
        // of 1e-16, and x no better than that over the density there (1 − u).
        for u in [1e-6, 0.1, 0.5, 0.9, 0.999_999] {
            let exact = -libm::log1p(-u);
            let x = gamma_quantile(1.0, u);
            assert!((x - exact).abs() <= 1e-14 * exact + 4e-16 / (1.0 - u), "u {u}: {x} against {exact}");
        }
        // A record's shapes, from chi-square tables: Gamma(3/2) is χ²₃/2, Gamma(9/2) is χ²₉/2.
        assert!((gamma_quantile(1.5, 0.9) - 6.251_388_631_170_325 / 2.0).abs() < 1e-13);
        assert!((gamma_quantile(4.5, 0.1) - 4.168_159_008_146_107 / 2.0).abs() < 1e-13);
        // Large shapes (a record of up to 1,000 events): converged draws are kept, not
        // bisected away (a step under half an ulp once landed on the bracket's end).
        for a in [500.5, 700.5, 1000.5] {
            for i in 1..2000 {
                let u = i as f64 / 2000.0;
                let x = gamma_quantile(a, u);
                let back = gamma_p(a, x);
                assert!((back - u).abs() <= 1e-9 * u.min(1.0 - u), "a {a}, u {u}: x {x}, P(x) {back}");
            }
        }
        // Monotone in u (common random numbers and the tornado's percentiles rest on it),
        // across the tails where the start switches from the normal's cube to the series.
        for a in [0.5, 1.0, 1.5, 4.5, 12.5, 400.5, 1000.5] {
            let mut last = 0.0;
            for i in 1..4000 {
                let u = i as f64 / 4000.0;
                let x = gamma_quantile(a, u * u * u);
                assert!(x >= last, "a {a}, u {}: {x} < {last}", u * u * u);
                last = x;
            }
        }
        // Jeffreys with no events in 3.3 years: Gamma(1/2, 3.3), x = z²/(2·3.3) with z the
        // normal quantile at (1 + u)/2.
        let law = Law::gamma(0.5, 3.3);
        for u in [0.1, 0.5, 0.9] {
            let z = crate::lognormal::inv_normal((1.0 + u) / 2.0);
            assert!((law.quantile(u) - z * z / 6.6).abs() < 1e-12, "u {u}");
        }
    }

    #[test]
    fn quantiles_of_the_ranges() {
        let t = Law::Triangular { low: 1.0, mode: 2.0, high: 4.0 };
        assert_eq!(t.quantile(1.0 / 3.0), 2.0);
        assert!((t.quantile(0.5) - (4.0 - f64::sqrt(0.5 * 3.0 * 2.0))).abs() < 1e-15);
        let l = Law::LogUniform { low: 0.01, high: 1.0 };
        assert!((l.quantile(0.5) - 0.1).abs() < 1e-15);
        assert_eq!(Law::Uniform { low: 2.0, high: 6.0 }.quantile(0.25), 3.0);
        assert!((l.mean() - 0.99 / libm::log(100.0)).abs() < 1e-15);
    }

    #[test]
    fn impossible_parameters_name_their_field() {
        let f = "shocks[0].rate_per_year";
        let err = |d: Distribution, rate: bool| Law::new(f, &d, 0.0, 52.0, rate).unwrap_err();
        let e = err(Distribution::Gamma { events: -1.0, years: 3.0, prior: Prior::Jeffreys }, true);
        assert_eq!(e.field, "shocks[0].rate_per_year.events");
        let e = err(Distribution::Gamma { events: 0.0, years: 0.0, prior: Prior::Jeffreys }, true);
        assert_eq!(e.field, "shocks[0].rate_per_year.years");
        let e = err(Distribution::Uniform { low: 2.0, high: 1.0 }, true);
        assert_eq!(
            (e.field.as_str(), e.message.as_str()),
            ("shocks[0].rate_per_year.high", "must be a number from 2 to 52, got 1")
        );
        let e = err(Distribution::Triangular { low: 0.0, mode: 5.0, high: 4.0 }, true);
        assert_eq!(e.field, "shocks[0].rate_per_year.high");
        let e = err(Distribution::LogUniform { low: 0.0, high: 1.0 }, true);
        assert_eq!(e.field, "shocks[0].rate_per_year.low");
        let e = err(Distribution::Uniform { low: 0.0, high: 60.0 }, true);
        assert!(e.message.contains("from 0 to 52"), "{}", e.message);
        let e = err(Distribution::Gamma { events: 0.0, years: 1.0, prior: Prior::Flat }, false);
        assert_eq!(e.field, "shocks[0].rate_per_year.distribution");
        // A record of a week: too short to bound a rate below 52 a year.
        let e = err(Distribution::Gamma { events: 0.0, years: 0.02, prior: Prior::Jeffreys }, true);
        assert!(e.message.contains("too short"), "{}", e.message);
    }
}
