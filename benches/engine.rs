//! The native engine's throughput: every preset at 1,000, 10,000 and 100,000 trials on one
//! thread (engine and summary, as `simulate` does in WebAssembly), and on every core.
//! Run with `cargo bench`; `scripts/bench.mjs` puts the same figures beside WebAssembly.

use compute_shock::{Model, RunOptions, Summary, presets, run_parallel, run_trials};
use divan::{Bencher, black_box, counter::ItemsCount};

fn main() {
    divan::main();
}

const TRIALS: [u64; 3] = [1_000, 10_000, 100_000];

fn model(id: &str) -> Model {
    Model::new(&presets::find(id).expect("preset").scenario).expect("valid preset")
}

fn one_thread(bencher: Bencher, id: &str, trials: u64) {
    let m = model(id);
    let options = RunOptions::new(trials as f64, 1.0).expect("options");
    bencher
        .counter(ItemsCount::new(trials))
        .bench(|| black_box(Summary::new(&m, options.seed, &run_trials(&m, 1, 0..trials))));
}

#[divan::bench(args = TRIALS, sample_count = 3, sample_size = 1)]
fn tencent_datasection(bencher: Bencher, trials: u64) {
    one_thread(bencher, "tencent-datasection", trials);
}

#[divan::bench(args = TRIALS, sample_count = 3, sample_size = 1)]
fn two_track(bencher: Bencher, trials: u64) {
    one_thread(bencher, "two-track", trials);
}

#[divan::bench(args = TRIALS, sample_count = 3, sample_size = 1)]
fn southeast_asia(bencher: Bencher, trials: u64) {
    one_thread(bencher, "southeast-asia", trials);
}

#[divan::bench(args = TRIALS, sample_count = 3, sample_size = 1)]
fn ceo_worst_case(bencher: Bencher, trials: u64) {
    one_thread(bencher, "ceo-worst-case", trials);
}

/// The default preset on every core (rayon), as the command runs it.
#[divan::bench(args = TRIALS, sample_count = 3, sample_size = 1)]
fn tencent_datasection_all_cores(bencher: Bencher, trials: u64) {
    let m = model("tencent-datasection");
    bencher
        .counter(ItemsCount::new(trials))
        .bench(|| black_box(run_parallel(&m, RunOptions::new(trials as f64, 1.0).expect("options"))));
}
