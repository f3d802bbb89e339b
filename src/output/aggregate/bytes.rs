//! An accumulator as bytes (little-endian), to merge in another thread or Web Worker.

use super::{Accumulator, Bin, Histogram};

/// Bytes of an accumulator, for moving a part of a run between threads or Web Workers.
struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u128(&mut self, x: u128) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn f32(&mut self, x: f32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    /// Only the bins that hold something, each with its index: a day's values fall in a few
    /// of its bins, so a run's bins are mostly empty (a 730-day run at full resolution has
    /// 747,520 day bins, 15 MB written out in full).
    fn bins(&mut self, bins: &[Bin]) {
        let filled = bins.iter().filter(|b| b.count > 0).count();
        self.u32(filled as u32);
        for (i, b) in bins.iter().enumerate().filter(|(_, b)| b.count > 0) {
            self.u32(i as u32);
            self.u32(b.count);
            self.u32(b.at_min);
            self.u32(b.at_max);
            self.f32(b.min);
            self.f32(b.max);
        }
    }
    fn histogram(&mut self, h: &Histogram) {
        self.bins(&h.bins);
        self.u64(h.n);
        self.u128(h.sum);
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let (head, rest) = self.0.split_at_checked(N).ok_or("accumulator bytes end early")?;
        self.0 = rest;
        head.try_into().map_err(|_| "accumulator bytes end early".to_string())
    }
    fn u32(&mut self) -> Result<u32, String> {
        self.take().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Result<u64, String> {
        self.take().map(u64::from_le_bytes)
    }
    fn u128(&mut self) -> Result<u128, String> {
        self.take().map(u128::from_le_bytes)
    }
    fn f32(&mut self) -> Result<f32, String> {
        self.take().map(f32::from_le_bytes)
    }
    fn bin(&mut self) -> Result<Bin, String> {
        Ok(Bin { count: self.u32()?, at_min: self.u32()?, at_max: self.u32()?, min: self.f32()?, max: self.f32()? })
    }
    /// Reads bins written by [`Writer::bins`], merging them into `bins` when `apply`.
    fn bins(&mut self, bins: &mut [Bin], apply: bool) -> Result<(), String> {
        let filled = self.u32()? as usize;
        let mut next = 0;
        for _ in 0..filled {
            let i = self.u32()? as usize;
            if i < next || i >= bins.len() {
                return Err("accumulator bytes name a bin out of order or range".into());
            }
            next = i + 1;
            let b = self.bin()?;
            if apply {
                bins[i].merge(&b);
            }
        }
        Ok(())
    }
}

const MAGIC: u32 = 0x4353_4133; // "CSA3"

impl Accumulator {
    /// The accumulator as bytes (little-endian), to merge elsewhere with [`Self::merge_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.u32(MAGIC);
        w.u32(self.horizon as u32);
        w.u32(self.bins_per_day as u32);
        w.u32(self.sites.len() as u32);
        w.u64(self.trials);
        w.bins(&self.day_bins);
        self.day_sum.iter().for_each(|&x| w.u128(x));
        self.below.iter().for_each(|&x| w.u64(x));
        for h in self.histograms() {
            w.histogram(h);
        }
        for x in self.counts() {
            w.u64(x);
        }
        for s in &self.sites {
            w.u128(s.scheduled);
            w.u128(s.up);
            w.u128(s.working);
            w.u64(s.permanent);
        }
        w.0
    }

    /// Adds an accumulator of the same model and resolution given as bytes, in place (no copy
    /// of the accumulator is made). Bytes of another shape, or that end early, change nothing:
    /// they are read through once before anything is added.
    pub fn merge_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.read_bytes(bytes, false)?;
        self.read_bytes(bytes, true)
    }

    /// Reads [`Self::to_bytes`]'s output, adding it to this accumulator when `apply`.
    fn read_bytes(&mut self, bytes: &[u8], apply: bool) -> Result<(), String> {
        let mut r = Reader(bytes);
        let shape = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        if shape != (MAGIC, self.horizon as u32, self.bins_per_day as u32, self.sites.len() as u32) {
            return Err("cannot merge runs of different scenarios".into());
        }
        let trials = r.u64()?;
        let add64 = |x: &mut u64, y: u64| {
            if apply {
                *x += y;
            }
        };
        let add128 = |x: &mut u128, y: u128| {
            if apply {
                *x += y;
            }
        };
        add64(&mut self.trials, trials);
        r.bins(&mut self.day_bins, apply)?;
        for x in self.day_sum.iter_mut() {
            add128(x, r.u128()?);
        }
        for x in self.below.iter_mut() {
            add64(x, r.u64()?);
        }
        for h in self.histograms_mut() {
            r.bins(&mut h.bins, apply)?;
            add64(&mut h.n, r.u64()?);
            add128(&mut h.sum, r.u128()?);
        }
        for x in self.counts_mut() {
            add64(x, r.u64()?);
        }
        for s in self.sites.iter_mut() {
            add128(&mut s.scheduled, r.u128()?);
            add128(&mut s.up, r.u128()?);
            add128(&mut s.working, r.u128()?);
            add64(&mut s.permanent, r.u64()?);
        }
        if !r.0.is_empty() {
            return Err("accumulator bytes run on past their end".into());
        }
        Ok(())
    }
}
