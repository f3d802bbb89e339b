//! Writes the engine's random words as raw bytes, for statistical test batteries:
//!
//!     cargo run --release --example stream_bytes -- keyed | dieharder -a -g 200
//!
//! The words come as a run uses them, streams concatenated: for trial 0, 1, 2, …, for each of
//! eight components (labelled as the default preset's are), the first `DRAWS` draws of that
//! component's stream in that trial. A weakness between neighbouring trials, between
//! components, or between a stream's first draws shows up here, where one long stream would
//! hide it. `chacha8` writes rand_chacha's ChaCha8 with the trial as its stream number and
//! the same layout (the streams of model versions 1 to 3), a control read by the same
//! battery. Pass a count of bytes after the name to stop there (default: until the reader
//! closes the pipe).
// Native only: the WebAssembly test build compiles examples too, without these dev-dependencies.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::io::Write;

    use compute_shock::rng::StreamKey;
    use rand::{RngCore, SeedableRng};

    const LABELS: [&str; 8] = [
        "outage/osaka",
        "outage/sydney",
        "shock/us_cloud_rule",
        "shock/japan_action",
        "comply/us_cloud_rule/osaka",
        "comply/us_cloud_rule/sydney",
        "delay/sydney",
        "distress/datasection",
    ];
    const DRAWS: usize = 4;

    pub fn main() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let which = args.first().map_or("keyed", String::as_str);
        let limit: u64 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(u64::MAX);
        let keys: Vec<StreamKey> = LABELS.iter().map(|l| StreamKey::new(1, l)).collect();
        let mut chacha: Vec<rand_chacha::ChaCha8Rng> = (0..LABELS.len() as u64)
            .map(|c| rand_chacha::ChaCha8Rng::seed_from_u64(c.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 1))
            .collect();
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let mut written = 0u64;
        let mut block = Vec::with_capacity(LABELS.len() * DRAWS * 8);
        for trial in 0u64.. {
            block.clear();
            match which {
                "keyed" => {
                    for key in &keys {
                        let mut s = key.stream(trial);
                        for _ in 0..DRAWS {
                            block.extend_from_slice(&s.next_u64().to_le_bytes());
                        }
                    }
                }
                "chacha8" => {
                    for rng in &mut chacha {
                        rng.set_stream(trial);
                        rng.set_word_pos(0);
                        for _ in 0..DRAWS {
                            block.extend_from_slice(&rng.next_u64().to_le_bytes());
                        }
                    }
                }
                other => {
                    eprintln!("stream_bytes: unknown generator {other:?}; expected keyed or chacha8");
                    std::process::exit(2);
                }
            }
            let take = block.len().min(usize::try_from(limit - written).unwrap_or(usize::MAX));
            if out.write_all(&block[..take]).is_err() {
                return; // the battery closed the pipe
            }
            written += take as u64;
            if written >= limit {
                break;
            }
        }
        let _ = out.flush();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
