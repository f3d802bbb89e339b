//! Random streams and the inverse-transform draws built on them.
//!
//! Every component of a trial (one site's outages, one shock type's arrivals, one
//! (shock, site) compliance sequence, …) has its own stream, keyed by the scenario seed and
//! the component's *id* and numbered by the trial. So results do not depend on how trials
//! are split across chunks or workers, nor on the order of lists in the scenario.
//!
//! The streams are counter-based (model version 4): draw `j` of component `c` in trial `t`
//! is a keyed hash of `(key(seed, c), t, j)`, two rounds of a 64-bit multiply-xorshift
//! finalizer, with no state but the counter. A component rarely draws more than a handful
//! of numbers in a trial; the ChaCha8 blocks of earlier versions made sixteen words at a
//! time (a quarter of them used) for about 520 instructions, where a draw here is about 15.
//! The hash's statistical quality over concatenated streams is recorded in
//! docs/PERFORMANCE.md (`examples/stream_bytes.rs` writes the bytes the batteries read).

/// The key of one component's streams for a given seed; the trial picks the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamKey {
    /// Mixed into each trial's stream base.
    key: u64,
    /// Salts each draw's counter, so two components' draws differ even where two of their
    /// trials' bases coincide.
    salt: u64,
}

/// 2^64 / φ, odd: spreads consecutive counters across the word before they are mixed.
const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

impl StreamKey {
    /// Derives the key from the seed and a label such as `outage/osaka`.
    ///
    /// The label is hashed with FNV-1a (stable across platforms and versions, unlike the
    /// standard library's hasher) and mixed with the seed by SplitMix64.
    pub fn new(seed: u64, label: &str) -> Self {
        StreamKey::of(seed, &[label])
    }

    /// The key of the label written in parts (`["outage/", "osaka"]` is `outage/osaka`), with
    /// no string made.
    pub fn of(seed: u64, parts: &[&str]) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in parts.iter().flat_map(|p| p.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut state = seed ^ h.rotate_left(29);
        // Feed the hash in again per word so that two labels whose hashes differ only after
        // mixing with the seed still get distinct keys.
        state = state.wrapping_add(h);
        let key = splitmix64(&mut state);
        state = state.wrapping_add(h.wrapping_mul(2));
        let salt = splitmix64(&mut state);
        StreamKey { key, salt }
    }

    /// The stream of this component in the given trial.
    #[inline]
    pub fn stream(&self, trial: u64) -> Stream {
        Stream { base: mix(mix(trial.wrapping_mul(GOLDEN) ^ self.salt) ^ self.key), salt: self.salt, next: 0 }
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(GOLDEN);
    mix(*state)
}

/// SplitMix64's finalizer (Stafford's "Mix13"): a bijection of 64-bit words in which every
/// input bit flips about half the output bits.
#[inline(always)]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One component's random stream in one trial: draw `j` is
/// `mix(base ^ mix(j·φ ^ salt))`, where `base = mix(mix(t·φ ^ salt) ^ key)`.
pub struct Stream {
    base: u64,
    salt: u64,
    /// The number of the next draw.
    next: u64,
}

impl Stream {
    /// The next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let j = self.next;
        self.next = j.wrapping_add(1);
        mix(self.base ^ mix(j.wrapping_mul(GOLDEN) ^ self.salt))
    }

    /// A uniform number strictly inside (0, 1), with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        unit(self.next_u64())
    }
}

/// 64 random bits as a number strictly inside (0, 1): the top 53, plus a half. (The top
/// value, 2^53 − 1 + 1/2, rounds to 2^53, which would make 1: it is kept just under.)
#[inline(always)]
fn unit(bits: u64) -> f64 {
    let u = ((bits >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0);
    if u < 1.0 { u } else { 1.0 - 1.0 / 9_007_199_254_740_992.0 }
}

// The lognormal and the normal quantile live with the model that validates durations
// (compute-shock-scenario); they are re-exported here, beside the streams that feed them.
pub use compute_shock_scenario::lognormal::{LogNormal, Z90, inv_normal};

/// Poisson arrivals drawn as marked points in order of increasing intensity.
///
/// Point k has intensity `v_k = v_(k-1) + Exp(1)/H` and a time uniform on `[0, H)`; the
/// arrivals at a rate of λ per day are the points with `v_k < λ`. Raising λ adds points and
/// moves none, which keeps outcomes monotone in rates for a fixed seed. The caller draws a
/// fixed number of marks from the stream after each point, so point k's marks do not depend
/// on λ either.
pub struct Arrivals {
    stream: Stream,
    intensity: f64,
    rate_per_day: f64,
    horizon: f64,
}

impl Arrivals {
    pub fn new(stream: Stream, rate_per_day: f64, horizon_days: f64) -> Self {
        Arrivals { stream, intensity: 0.0, rate_per_day, horizon: horizon_days }
    }

    /// The next arrival's time in days, or `None` when no more arrive within the horizon.
    pub fn next_time(&mut self) -> Option<f64> {
        if self.rate_per_day <= 0.0 {
            return None;
        }
        let u = self.stream.uniform();
        // Most processes end at their first gap (a shock expected 0.2 times in the horizon
        // has none in 82% of trials), where `u` alone decides: no logarithm then.
        if u < certainly_none_below((self.rate_per_day - self.intensity) * self.horizon) {
            return None;
        }
        self.intensity += -libm::log(u) / self.horizon;
        if self.intensity >= self.rate_per_day {
            return None;
        }
        Some(self.stream.uniform() * self.horizon)
    }

    /// The stream, for drawing the current point's marks.
    pub fn marks(&mut self) -> &mut Stream {
        &mut self.stream
    }
}

/// A uniform `u` below this makes the gap `−ln(u)` longer than `left` (the intensity left to
/// the rate, times the horizon) by more than rounding can undo: the point lands at or past
/// the rate, as its logarithm would say, and the logarithm need not be taken.
///
/// `1 − a + a²/2 − a³/6` is at most `e^−a` for every `a ≥ 0` (the series cut after a negative
/// term); below it by `2^-26`, `−ln(u)` exceeds `a` by at least `2^-27`, where the logarithm,
/// the division, the addition and this polynomial err by some `a · 2^-50` (and the bound is
/// below 0, skipping nothing, for `a` above 1.6). The `next_time` of the logarithm alone is
/// the test's reference (`the_first_gap_test_skips_only_what_the_logarithm_would_end`).
#[inline(always)]
fn certainly_none_below(a: f64) -> f64 {
    1.0 - a * (1.0 - a * (0.5 - a / 6.0)) - 1.0 / 67_108_864.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Φ(x) from libm's erfc, an independent implementation to check the quantile against.
    fn normal_cdf(x: f64) -> f64 {
        0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
    }

    #[test]
    fn streams_keep_their_words() {
        // The words every published number of model version 4 rests on: a change here
        // changes every output, and needs a new model version.
        let mut s = StreamKey::new(1, "outage/osaka").stream(0);
        let words: Vec<u64> = (0..3).map(|_| s.next_u64()).collect();
        assert_eq!(words, [14_904_354_766_974_264_603, 7_698_734_835_485_510_828, 5_958_842_910_363_004_144]);
        let far = StreamKey::new(u64::MAX, "comply/a/b").stream(u64::MAX).next_u64();
        assert_eq!(far, KNOWN_FAR);
    }
    const KNOWN_FAR: u64 = 8_740_329_093_802_100_697;

    #[test]
    fn each_bit_is_a_fair_coin_across_trials_and_draws() {
        // 64 bits × 4 draws × 20,000 trials of one component: each bit's share of ones has
        // standard error 0.5/sqrt(20,000) = 0.0035; accept within 5 of them (a 1-in-1.7-million
        // miss per bit, 256 bits).
        let key = StreamKey::new(5, "shock/us_cloud_rule");
        let n = 20_000u64;
        let mut ones = [[0u32; 64]; 4];
        for trial in 0..n {
            let mut s = key.stream(trial);
            for row in ones.iter_mut() {
                let w = s.next_u64();
                for (b, count) in row.iter_mut().enumerate() {
                    *count += ((w >> b) & 1) as u32;
                }
            }
        }
        let se = 0.5 / (n as f64).sqrt();
        for (j, row) in ones.iter().enumerate() {
            for (b, &count) in row.iter().enumerate() {
                let share = f64::from(count) / n as f64;
                assert!((share - 0.5).abs() < 5.0 * se, "draw {j}, bit {b}: {share}");
            }
        }
    }

    #[test]
    fn neighbouring_trials_and_components_are_uncorrelated() {
        // The correlation of uniforms from trial t and t + 1 (one component), and from two
        // components in one trial: about N(0, 1/n); accept |r| < 5/sqrt(n).
        let a = StreamKey::new(11, "outage/osaka");
        let b = StreamKey::new(11, "outage/sydney");
        let n = 50_000u64;
        let corr = |pairs: &mut dyn Iterator<Item = (f64, f64)>| {
            let (mut sx, mut sy, mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (x, y) in pairs {
                sx += x;
                sy += y;
                sxy += x * y;
                sxx += x * x;
                syy += y * y;
            }
            let m = n as f64;
            (sxy / m - sx / m * sy / m) / ((sxx / m - (sx / m).powi(2)) * (syy / m - (sy / m).powi(2))).sqrt()
        };
        let bound = 5.0 / (n as f64).sqrt();
        let r_trials = corr(&mut (0..n).map(|t| (a.stream(t).uniform(), a.stream(t + 1).uniform())));
        let r_components = corr(&mut (0..n).map(|t| (a.stream(t).uniform(), b.stream(t).uniform())));
        let r_draws = corr(&mut (0..n).map(|t| {
            let mut s = a.stream(t);
            (s.uniform(), s.uniform())
        }));
        for (what, r) in [("trials", r_trials), ("components", r_components), ("draws", r_draws)] {
            assert!(r.abs() < bound, "{what}: r = {r}, bound {bound}");
        }
    }

    #[test]
    fn inv_normal_inverts_the_normal_cdf() {
        for i in 1..2000 {
            let p = f64::from(i) / 2000.0;
            let x = inv_normal(p);
            assert!((normal_cdf(x) - p).abs() < 1e-14, "p = {p}: Φ({x}) = {}", normal_cdf(x));
        }
        for p in [1e-300, 1e-100, 1e-20, 1e-10, 1e-5] {
            let x = inv_normal(p);
            assert!((normal_cdf(x) / p - 1.0).abs() < 1e-12, "p = {p}");
        }
        for i in 1..1000 {
            let p = f64::from(i) / 2000.0;
            assert!((inv_normal(p) + inv_normal(1.0 - p)).abs() < 1e-12, "symmetry at {p}");
        }
        assert_eq!(inv_normal(0.5), 0.0);
        assert!((inv_normal(0.9) - Z90).abs() < 1e-15);
    }

    #[test]
    fn lognormal_quantiles_hit_median_and_p90() {
        let d = LogNormal::new(7.0, 90.0);
        assert!((d.quantile(0.5) - 7.0).abs() < 1e-12);
        assert!((d.quantile(0.9) - 90.0).abs() < 1e-9);
        let fixed = LogNormal::new(7.0, 7.0);
        assert_eq!(fixed.quantile(0.01), 7.0);
        assert_eq!(fixed.quantile(0.99), 7.0);
        assert!(LogNormal::new(0.0, 0.0).is_zero());
        assert_eq!(LogNormal::new(0.0, 0.0).quantile(0.3), 0.0);
    }

    #[test]
    fn the_extreme_words_stay_inside_the_unit_interval() {
        assert_eq!(unit(0), 0.5 / 9_007_199_254_740_992.0);
        assert_eq!(unit(u64::MAX), 1.0 - 1.0 / 9_007_199_254_740_992.0);
        assert!(unit(u64::MAX - (1 << 11)) < unit(u64::MAX));
    }

    #[test]
    fn uniforms_stay_strictly_inside_the_unit_interval() {
        let mut s = StreamKey::new(1, "x").stream(0);
        for _ in 0..10_000 {
            let u = s.uniform();
            assert!(u > 0.0 && u < 1.0);
        }
    }

    #[test]
    fn streams_depend_on_seed_label_and_trial() {
        let first = |seed, label: &str, trial| StreamKey::new(seed, label).stream(trial).uniform();
        let base = first(1, "outage/osaka", 0);
        assert_eq!(base, first(1, "outage/osaka", 0));
        assert_ne!(base, first(2, "outage/osaka", 0));
        assert_ne!(base, first(1, "outage/sydney", 0));
        assert_ne!(base, first(1, "outage/osaka", 1));
    }

    #[test]
    fn raising_the_rate_adds_arrivals_and_moves_none() {
        let key = StreamKey::new(9, "shock/x");
        assert_eq!(StreamKey::of(9, &["shock/", "x"]), key);
        for trial in 0..200 {
            let draw = |rate: f64| {
                let mut a = Arrivals::new(key.stream(trial), rate, 730.0);
                let mut out = Vec::new();
                while let Some(t) = a.next_time() {
                    out.push((t, a.marks().uniform()));
                }
                out
            };
            let low = draw(0.002);
            let high = draw(0.01);
            assert!(high.len() >= low.len());
            assert_eq!(&high[..low.len()], &low[..]);
        }
    }

    /// `Arrivals::next_time` as it was, taking the logarithm of every gap.
    fn next_time_by_logarithm(a: &mut Arrivals) -> Option<f64> {
        if a.rate_per_day <= 0.0 {
            return None;
        }
        a.intensity += -libm::log(a.stream.uniform()) / a.horizon;
        if a.intensity >= a.rate_per_day {
            return None;
        }
        Some(a.stream.uniform() * a.horizon)
    }

    #[test]
    fn the_first_gap_test_skips_only_what_the_logarithm_would_end() {
        // Every uniform the test lets through without a logarithm ends the process by the
        // logarithm too: the 1,000 floats just below the bound, then 1,000 steps of 2^-40 of
        // it further down, for horizons of a week to ten years, rates from almost none to
        // past the bound's reach, and the intensity already used from none to almost all.
        let mut checked = 0u32;
        for h in [7.0, 30.0, 365.0, 730.0, 3_652.0] {
            for expected in [1e-9, 1e-4, 0.01, 0.2, 0.5, 1.0, 1.5, 1.59, 1.6, 2.0, 7.3] {
                let rate = expected / h;
                for used in [0.0, 0.1, 0.5, 0.9, 0.999_999] {
                    let intensity = rate * used;
                    let bound = certainly_none_below((rate - intensity) * h);
                    let mut u = bound;
                    for k in 0..2_000 {
                        // The floats just below the bound one by one, then further in steps.
                        u = if k < 1_000 { f64::from_bits(u.to_bits() - 1) } else { u - bound * 2f64.powi(-40) };
                        if !(u > 0.0 && u < bound) {
                            break;
                        }
                        let by_log = intensity + -libm::log(u) / h;
                        assert!(by_log >= rate, "h {h}, λH {expected}, used {used}: u {u} would arrive");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
        // And the arrivals themselves are those of the logarithm on every gap, marks and all,
        // while most first gaps (λH = 0.2: 82% of trials) are decided without one.
        let key = StreamKey::new(11, "shock/z");
        let mut skipped = 0u32;
        for (rate, h) in [(0.2 / 730.0, 730.0), (2.0 / 365.0, 365.0), (0.01, 730.0), (0.5 / 7.0, 7.0)] {
            for trial in 0..5_000 {
                let (mut a, mut b) =
                    (Arrivals::new(key.stream(trial), rate, h), Arrivals::new(key.stream(trial), rate, h));
                loop {
                    let (x, y) = (a.next_time(), next_time_by_logarithm(&mut b));
                    assert_eq!(x.map(f64::to_bits), y.map(f64::to_bits), "trial {trial}, rate {rate}");
                    let Some(_) = x else {
                        skipped += u32::from(a.intensity == 0.0 && b.intensity > 0.0);
                        break;
                    };
                    assert_eq!(a.marks().next_u64(), b.marks().next_u64());
                }
            }
        }
        assert!(skipped > 4_000, "{skipped}");
    }

    #[test]
    fn arrival_counts_have_the_poisson_mean() {
        // Mean count λH = 0.01 × 730 = 7.3; the standard error of the mean over n trials is
        // sqrt(7.3 / n). Accept within 4 standard errors.
        let key = StreamKey::new(3, "shock/y");
        let n = 20_000u64;
        let mut total = 0u64;
        for trial in 0..n {
            let mut a = Arrivals::new(key.stream(trial), 0.01, 730.0);
            while a.next_time().is_some() {
                total += 1;
            }
        }
        let mean = total as f64 / n as f64;
        let se = (7.3 / n as f64).sqrt();
        assert!((mean - 7.3).abs() < 4.0 * se, "mean {mean}, se {se}");
    }
}
