//! The TypeScript declarations of what crosses the WebAssembly boundary, made from the Rust
//! types themselves (ts-rs), so the page's modules and anyone using the package read one
//! definition: `types/engine.d.ts` must be what these types declare. After a deliberate
//! change to one of them, `make types` writes it again.
#![cfg(feature = "ts")]

use compute_shock::presets::{Derivation, Label, Preset, Source};
use compute_shock::run::{Limit, Limits, ScenarioLimits, TrainingDefaults};
use compute_shock::scenario::*;
use compute_shock::summary::*;
use ts_rs::{Config, TS};

/// Every declaration, in the order a reader meets them: what goes in, what comes out.
fn declarations() -> String {
    // Whole numbers (trials, seeds) cross as JavaScript numbers, not BigInts.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        (
            "the scenario (docs/SCENARIO.md)",
            vec![
                Scenario::decl(&cfg),
                Requirement::decl(&cfg),
                RequirementStep::decl(&cfg),
                Growth::decl(&cfg),
                TrainingRun::decl(&cfg),
                Fallback::decl(&cfg),
                Chip::decl(&cfg),
                Operator::decl(&cfg),
                Distress::decl(&cfg),
                Site::decl(&cfg),
                Outages::decl(&cfg),
                Shock::decl(&cfg),
                ShockKind::decl(&cfg),
                Effect::decl(&cfg),
                ComplyBy::decl(&cfg),
                Targets::decl(&cfg),
                Relocation::decl(&cfg),
                Days::decl(&cfg),
                Quantity::decl(&cfg),
                Distribution::decl(&cfg),
                Prior::decl(&cfg),
            ],
        ),
        (
            "the presets (presets.json)",
            vec![Preset::decl(&cfg), Source::decl(&cfg), Label::decl(&cfg), Derivation::decl(&cfg)],
        ),
        (
            "the limits (`limits()`)",
            vec![Limits::decl(&cfg), Limit::decl(&cfg), ScenarioLimits::decl(&cfg), TrainingDefaults::decl(&cfg)],
        ),
        (
            "the summary (`simulate`, `Run.summary`; docs/MODEL.md, Outputs)",
            vec![
                Summary::decl(&cfg),
                UncertainSummary::decl(&cfg),
                Step::decl(&cfg),
                Bands::decl(&cfg),
                Metrics::decl(&cfg),
                Stat::decl(&cfg),
                DelayStat::decl(&cfg),
                TrainingStat::decl(&cfg),
                HistogramSummary::decl(&cfg),
                Probabilities::decl(&cfg),
                SiteSummary::decl(&cfg),
            ],
        ),
    ];
    let mut out = String::from(
        "// What crosses compute-shock's WebAssembly boundary, declared from the Rust types that\n\
         // serialise it (tests/types.rs; `make types` writes this file). Do not edit by hand.\n",
    );
    out.push_str(
        "\n// The options of a run (`simulate`, `new Run`): each within `limits()`.\n\
         export type RunOptions = { trials?: number, seed?: number, bins?: number, first?: number };\n",
    );
    for (title, group) in decls {
        out.push_str(&format!("\n// {title}\n"));
        for d in group {
            out.push_str("export ");
            out.push_str(&d);
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_declarations_are_the_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/types/engine.d.ts");
    let made = declarations();
    if std::env::var_os("WRITE_TYPES").is_some() {
        std::fs::write(path, &made).unwrap();
    }
    let kept = std::fs::read_to_string(path).unwrap_or_default();
    assert!(kept == made, "types/engine.d.ts is not what the types declare: run `make types`");
}
