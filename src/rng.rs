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
