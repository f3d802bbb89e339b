//! A scenario's work estimate a trial (`Model::work_per_trial`, the units the run-size
//! ceiling counts), for `scripts/work-bound.mjs`, which holds it against instruction counts:
//!   cargo run --release --example work -- FILE | --preset ID
//!   cargo run --release --example work -- --generated SEED heavy|oracle OUT
//! The last writes the scenario drawn from SEED (`compute_shock::generated`) to OUT first.
// Native only: the WebAssembly test build compiles examples too, and the generator is native.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use compute_shock::generated::{Size, scenario_json};

    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = match args.as_slice() {
        [flag, id] if flag == "--preset" => {
            serde_json::to_string(&compute_shock::presets::find(id).expect("a preset id").scenario).unwrap()
        }
        [flag, seed, size, out] if flag == "--generated" => {
            let size = if size == "heavy" { Size::Heavy } else { Size::Oracle };
            let json = scenario_json(seed.parse().expect("a seed"), size);
            std::fs::write(out, &json).expect("a writable file");
            json
        }
        [file] => std::fs::read_to_string(file).expect("a readable file"),
        _ => panic!("usage: work FILE | --preset ID | --generated SEED heavy|oracle OUT"),
    };
    let scenario = compute_shock::Scenario::from_json(&text).expect("a valid scenario");
    let model = compute_shock::Model::new(&scenario).expect("a valid scenario");
    println!("{}", model.work_per_trial);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
