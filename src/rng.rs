//! Random streams and the inverse-transform draws built on them.
//!
//! Every component of a trial (one site's outages, one shock type's arrivals, one
//! (shock, site) compliance sequence, …) has its own ChaCha8 stream, keyed by the scenario
//! seed and the component's *id* and numbered by the trial. So results do not depend on how
//! trials are split across chunks or workers, nor on the order of lists in the scenario.
//!
//! A stream is rand_chacha's `ChaCha8Rng` with that key and stream number. rand_chacha makes
//! four 64-byte blocks per refill; but a component rarely draws more than one block's eight
//! numbers in a trial, and in WebAssembly (where rand_chacha has no SIMD path) three quarters
//! of that work went to waste: a fifth of a trial's time. So the same words are made one
//! block at a time ([`OneBlock`]; a test checks it against rand_chacha word for word), in
//! WebAssembly and natively alike (natively the count of instructions came out the same).

/// The key of one component's streams for a given seed; the trial picks the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamKey([u32; 8]);

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
        let mut key = [0u32; 8];
        for (i, pair) in key.chunks_exact_mut(2).enumerate() {
            // Feed the hash in again per word so that two labels whose hashes differ only
            // after mixing with the seed still get distinct keys.
            state = state.wrapping_add(h.wrapping_mul(i as u64 + 1));
            let word = splitmix64(&mut state);
            // The 32 key bytes are the words' little-endian bytes, read as ChaCha reads them.
            pair[0] = word as u32;
            pair[1] = (word >> 32) as u32;
        }
        StreamKey(key)
    }

    /// The key as the 32 bytes a `ChaCha8Rng` seed would be.
    pub fn bytes(&self) -> [u8; 32] {
        let mut bytes = [0u8; 32];
        for (chunk, word) in bytes.chunks_exact_mut(4).zip(self.0) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        bytes
    }

    /// The stream of this component in the given trial.
    pub fn stream(&self, trial: u64) -> Stream {
        Stream(OneBlock::new(self, trial))
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// ChaCha8 with a 64-bit block counter and a 64-bit stream number, made one 64-byte block
/// at a time: the words of rand_chacha's `ChaCha8Rng` with the same key and stream.
pub struct OneBlock {
    key: [u32; 8],
    stream: u64,
    /// The number of the next block to make.
    counter: u64,
    block: [u32; 16],
    /// The next unused word of `block` (16: none left).
    next: usize,
}

#[inline(always)]
fn quarter_round(x: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize) {
    x[a] = x[a].wrapping_add(x[b]);
    x[d] = (x[d] ^ x[a]).rotate_left(16);
    x[c] = x[c].wrapping_add(x[d]);
    x[b] = (x[b] ^ x[c]).rotate_left(12);
    x[a] = x[a].wrapping_add(x[b]);
    x[d] = (x[d] ^ x[a]).rotate_left(8);
    x[c] = x[c].wrapping_add(x[d]);
    x[b] = (x[b] ^ x[c]).rotate_left(7);
}

impl OneBlock {
    pub fn new(key: &StreamKey, stream: u64) -> Self {
        OneBlock { key: key.0, stream, counter: 0, block: [0; 16], next: 16 }
    }

    /// Makes the next 64-byte block: ChaCha's state ("expand 32-byte k", the key, the block
    /// counter, the stream number) after 8 rounds, plus the state.
    fn refill(&mut self) {
        let k = self.key;
        let state = [
            0x6170_7865,
            0x3320_646e,
            0x7962_2d32,
            0x6b20_6574,
            k[0],
            k[1],
            k[2],
            k[3],
            k[4],
            k[5],
            k[6],
            k[7],
            self.counter as u32,
            (self.counter >> 32) as u32,
            self.stream as u32,
            (self.stream >> 32) as u32,
        ];
        let mut x = state;
        for _ in 0..4 {
            quarter_round(&mut x, 0, 4, 8, 12);
            quarter_round(&mut x, 1, 5, 9, 13);
            quarter_round(&mut x, 2, 6, 10, 14);
            quarter_round(&mut x, 3, 7, 11, 15);
            quarter_round(&mut x, 0, 5, 10, 15);
            quarter_round(&mut x, 1, 6, 11, 12);
            quarter_round(&mut x, 2, 7, 8, 13);
            quarter_round(&mut x, 3, 4, 9, 14);
        }
        for (out, (a, b)) in self.block.iter_mut().zip(x.iter().zip(state)) {
            *out = a.wrapping_add(b);
        }
        self.counter = self.counter.wrapping_add(1);
        self.next = 0;
    }

    /// The next 64 random bits: two words, the first the low half (as rand_core reads them).
    pub fn next_u64(&mut self) -> u64 {
        if self.next >= 16 {
            self.refill();
        }
        let (lo, hi) = (self.block[self.next], self.block[self.next + 1]);
        self.next += 2;
        u64::from(lo) | (u64::from(hi) << 32)
    }
}

/// One component's random stream in one trial.
pub struct Stream(OneBlock);

impl Stream {
    /// A uniform number strictly inside (0, 1), with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        let bits = self.0.next_u64();
        ((bits >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }
}

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
    pub fn quantile(&self, u: f64) -> f64 {
        if self.sigma == 0.0 { self.median } else { self.median * libm::exp(self.sigma * inv_normal(u)) }
    }

    /// True when every draw is zero.
    pub fn is_zero(&self) -> bool {
        self.median == 0.0
    }
}

/// The standard normal quantile function Φ⁻¹(p) for p in (0, 1).
///
/// Wichura's algorithm AS 241 (PPND16), relative error about 1e-16. Written out with plain
/// multiply-adds (never fused) and `libm`, so every platform gives the same bits.
#[allow(clippy::excessive_precision)]
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
    let mut r = libm::sqrt(-libm::log(tail));
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
        self.intensity += -libm::log(self.stream.uniform()) / self.horizon;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Φ(x) from libm's erfc, an independent implementation to check the quantile against.
    fn normal_cdf(x: f64) -> f64 {
        0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn one_block_streams_are_rand_chachas_chacha8_word_for_word() {
        use rand::{RngCore, SeedableRng};
        for (seed, label) in [(1, "outage/osaka"), (7, "shock/us_cloud_rule"), (u64::MAX >> 11, "comply/a/b")] {
            let key = StreamKey::new(seed, label);
            for trial in [0, 1, 63, 64, 1_000_003, u64::MAX] {
                let mut reference = rand_chacha::ChaCha8Rng::from_seed(key.bytes());
                reference.set_stream(trial);
                let mut ours = OneBlock::new(&key, trial);
                // Across several blocks and rand_chacha's four-block refills.
                for i in 0..100 {
                    assert_eq!(ours.next_u64(), reference.next_u64(), "{label}, trial {trial}, word {i}");
                }
            }
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
