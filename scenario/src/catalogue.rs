//! The built-in chip catalogue: dense BF16 throughput, and where each figure comes from.
//!
//! Capacity is counted in B200-equivalents: a chip's dense BF16 TFLOP/s divided by the
//! B200's 2,250.

/// Dense BF16 TFLOP/s of one B200, the unit of capacity.
pub const B200_TFLOPS: f64 = 2250.0;

/// FLOP per second of one B200-equivalent.
pub const B200E_FLOP_PER_SECOND: f64 = B200_TFLOPS * 1e12;

/// One chip of the catalogue; the comment above each entry names its sources.
#[derive(Clone, Copy, Debug)]
pub struct ChipSpec {
    pub name: &'static str,
    pub bf16_tflops: f64,
}

/// Chips every scenario can name without defining them.
pub const BUILT_IN: &[ChipSpec] = &[
    // NVIDIA HGX B200 datasheet (dense); Epoch AI ML hardware data
    ChipSpec { name: "B200", bf16_tflops: 2250.0 },
    // NVIDIA HGX B300 datasheet (dense); Epoch AI ML hardware data
    ChipSpec { name: "B300", bf16_tflops: 2250.0 },
    // NVIDIA GB300 NVL72 datasheet (dense, per GPU)
    ChipSpec { name: "GB300", bf16_tflops: 2500.0 },
    // NVIDIA H100 SXM datasheet (dense); Epoch AI ML hardware data
    ChipSpec { name: "H100", bf16_tflops: 989.0 },
    // NVIDIA H200 SXM datasheet (dense); Epoch AI ML hardware data
    ChipSpec { name: "H200", bf16_tflops: 989.0 },
    // Epoch AI ML hardware data (H100 compute, reduced interconnect)
    ChipSpec { name: "H800", bf16_tflops: 989.0 },
    // Epoch AI ML hardware data
    ChipSpec { name: "H20", bf16_tflops: 148.0 },
    // Epoch AI, citing SemiAnalysis and TrendForce (FP16; sources give ~780-800)
    ChipSpec { name: "Ascend 910C", bf16_tflops: 780.0 },
    // Epoch AI, citing SemiAnalysis and TrendForce (FP16)
    ChipSpec { name: "Ascend 910B", bf16_tflops: 376.0 },
];

/// The built-in throughput of a chip, if the catalogue has it.
pub fn built_in(name: &str) -> Option<f64> {
    BUILT_IN.iter().find(|c| c.name == name).map(|c| c.bf16_tflops)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifteen_thousand_h200_are_about_6593_b200e() {
        let h200 = built_in("H200").unwrap();
        assert_eq!((15_000.0 * h200 / B200_TFLOPS).round(), 6593.0);
        assert_eq!(built_in("B200"), Some(B200_TFLOPS));
        assert_eq!(built_in("nonesuch"), None);
    }
}
