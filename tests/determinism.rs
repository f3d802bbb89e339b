//! Reproducibility: the same scenario and seed give the same bytes, however the trials are
//! split, and whatever order the scenario lists its entries in.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use compute_shock::presets;
use compute_shock::{Accumulator, Model, RunOptions, Summary, run, run_trials};

fn summary_json(id: &str, trials: u32, seed: u64) -> String {
    let scenario = presets::find(id).unwrap().scenario;
    run(&scenario, RunOptions::new(f64::from(trials), seed as f64).unwrap()).unwrap().to_json()
}

/// The command's summary, from a process of its own (its own addresses, hash seeds and
/// thread timings).
fn command_json(id: &str, trials: u32, seed: u64, threads: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_compute-shock"))
        .args(["run", "--preset", id, "--trials", &trials.to_string(), "--seed", &seed.to_string()])
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn same_input_gives_identical_bytes_in_every_process() {
    // This process, and two others with different thread counts: anything in the output that
    // depends on a process (an address, a hash map's order, which thread finished first)
    // differs between them.
    for p in presets::all() {
        let here = summary_json(&p.id, 500, 42) + "\n";
        assert_eq!(command_json(&p.id, 500, 42, "1"), here, "{}: one thread", p.id);
        assert_eq!(command_json(&p.id, 500, 42, "3"), here, "{}: three threads", p.id);
    }
}

#[test]
fn different_seeds_give_different_results() {
    for p in presets::all() {
        assert_ne!(summary_json(&p.id, 500, 1), summary_json(&p.id, 500, 2), "{}", p.id);
    }
}

#[test]
fn chunks_merged_in_any_order_equal_the_one_piece_run() {
    for p in presets::all() {
        let model = Model::new(&p.scenario).unwrap();
        let options = RunOptions::new(1000.0, 9.0).unwrap();
        let whole = Summary::new(&model, options.seed, &run_trials(&model, 9, 0..1000)).to_json();

        let bounds = [0u64, 1, 37, 38, 400, 999, 1000];
        let chunks: Vec<Accumulator> = bounds.windows(2).map(|w| run_trials(&model, 9, w[0]..w[1])).collect();
        for order in [vec![0, 1, 2, 3, 4, 5], vec![5, 4, 3, 2, 1, 0], vec![3, 0, 5, 1, 4, 2]] {
            let mut acc = Accumulator::new(&model);
            for &k in &order {
                acc.merge(&chunks[k]).unwrap();
            }
            assert_eq!(Summary::new(&model, options.seed, &acc).to_json(), whole, "{} in order {order:?}", p.id);
        }
    }
}

#[test]
fn streams_follow_ids_not_list_positions() {
    // Reversing the order of sites, shocks and operators changes nothing but the order of
    // per-site rows (and the last bits of sums taken in another order).
    let mut scenario = presets::find("two-track").unwrap().scenario;
    let options = RunOptions::new(300.0, 5.0).unwrap();
    let a = run(&scenario, options).unwrap();
    scenario.sites.reverse();
    scenario.shocks.reverse();
    scenario.operators.reverse();
    let b = run(&scenario, options).unwrap();
    for (x, y) in a.bands.p50.iter().zip(&b.bands.p50).chain(a.bands.mean.iter().zip(&b.bands.mean)) {
        assert!((x - y).abs() <= 0.1 + 1e-9, "{x} vs {y}");
    }
    let mut rows = b.sites.clone();
    rows.reverse();
    assert_eq!(rows, a.sites);
}

#[test]
fn a_run_does_not_depend_on_its_trial_count_for_shared_trials() {
    // Trial k is the same future in a 100-trial and a 1,000-trial run: the preview a reader
    // sees while dragging is a subset of the full run, not a different sample.
    let model = Model::new(&presets::find("tencent-datasection").unwrap().scenario).unwrap();
    let small = common::paths(&model, 3, 100);
    let large = common::paths(&model, 3, 1000);
    assert_eq!(small[..], large[..100]);
}

#[test]
fn all_cores_give_the_same_bytes_as_one_thread() {
    for p in presets::all() {
        let model = Model::new(&p.scenario).unwrap();
        let options = RunOptions::new(5000.0, 3.0).unwrap();
        let one = Summary::new(&model, options.seed, &run_trials(&model, 3, 0..5000)).to_json();
        let many = Summary::new(&model, options.seed, &compute_shock::run_parallel(&model, options)).to_json();
        assert_eq!(many, one, "{}", p.id);
        // The thread count does not matter either.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let three = pool
            .install(|| Summary::new(&model, options.seed, &compute_shock::run_parallel(&model, options)).to_json());
        assert_eq!(three, one, "{}", p.id);
    }
}

#[test]
fn parts_merged_from_bytes_equal_the_one_piece_run() {
    // As the page's Web Workers do: each runs its shares, each but one sends its accumulator
    // as bytes, and the last merges them into its own.
    let model = Model::new(&presets::find("two-track").unwrap().scenario).unwrap();
    let options = RunOptions::new(3000.0, 8.0).unwrap();
    let whole = Summary::new(&model, options.seed, &run_trials(&model, 8, 0..3000)).to_json();
    let mut acc = run_trials(&model, 8, 2000..3000);
    for part in [run_trials(&model, 8, 0..1200), run_trials(&model, 8, 1200..2000)] {
        acc.merge_bytes(&part.to_bytes()).unwrap();
    }
    assert_eq!(Summary::new(&model, options.seed, &acc).to_json(), whole);
    // Bytes of another scenario, or cut short, are refused.
    let other = Model::new(&presets::find("ceo-worst-case").unwrap().scenario).unwrap();
    assert!(acc.merge_bytes(&run_trials(&other, 8, 0..10).to_bytes()).is_err());
    let bytes = run_trials(&model, 8, 0..10).to_bytes();
    assert!(acc.merge_bytes(&bytes[..bytes.len() - 1]).is_err());
    // Bytes that run on, or name a bin out of order, are refused too (the first bin's index
    // follows the header, the trial count and the number of filled day bins).
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(acc.merge_bytes(&longer).is_err());
    let mut shuffled = bytes.clone();
    shuffled[28..32].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(acc.merge_bytes(&shuffled).is_err());
    // A refused merge leaves the accumulator as it was.
    assert_eq!(Summary::new(&model, options.seed, &acc).to_json(), whole);
    // Only filled bins are written: a share of 1,200 trials (3.95 MB) is about a quarter of
    // the 730 × 1,024 day bins' 15 MB written in full.
    let share = run_trials(&model, 8, 0..1200).to_bytes().len();
    assert!(share < 730 * 1024 * 20 / 2, "{share} bytes");
}

#[test]
fn the_native_accumulators_fit_their_memory_budget_whatever_the_cores() {
    use compute_shock::aggregate::{BINS, Bin};
    use compute_shock::{PARALLEL_MEMORY_BYTES, parallel_shares};
    let mut ten_years = presets::find("tencent-datasection").unwrap().scenario;
    ten_years.horizon_days = Some(3650.0);
    let ten_years = Model::new(&ten_years).unwrap();
    let one = 3650 * BINS * std::mem::size_of::<Bin>() + compute_shock::DayFeed::most_bytes(3650, BINS);
    for threads in [1, 2, 8, 32, 256] {
        let shares = parallel_shares(&ten_years, BINS, 1_000_000, threads) as usize;
        assert!((1..=threads).contains(&shares), "{threads} threads: {shares} shares");
        assert!(shares * one <= PARALLEL_MEMORY_BYTES, "{threads} threads: {shares} × {one} bytes");
    }
    // A two-year preset on two cores takes both; a run of one trial, one share.
    let two_years = Model::new(&presets::find("tencent-datasection").unwrap().scenario).unwrap();
    assert_eq!(parallel_shares(&two_years, BINS, 10_000, 2), 2);
    assert_eq!(parallel_shares(&two_years, BINS, 1, 32), 1);
}
