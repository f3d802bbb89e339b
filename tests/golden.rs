//! The golden summaries that the WebAssembly tests compare against, and the golden CSV that
//! the page's CSV writer (tests/js/downloads.test.mjs) must match, are the native command's
//! current output; regenerate them with `make golden` when the model changes on purpose.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

#[test]
fn golden_files_are_the_native_output() {
    for (preset, trials, seed, extra, file) in [
        ("ceo-worst-case", "1000", "7", &[][..], "tests/golden/ceo-worst-case-1000-seed7.json"),
        ("two-track", "300", "12345", &[], "tests/golden/two-track-300-seed12345.json"),
        (
            "two-track",
            "300",
            "12345",
            &["--format", "csv", "--start-date", "2026-12-30"],
            "tests/golden/two-track-300-seed12345.csv",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_compute-shock"))
            .args(["run", "--preset", preset, "--trials", trials, "--seed", seed])
            .args(extra)
            .output()
            .unwrap();
        let golden = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        assert!(out.stdout == golden, "{file} is stale: run `make golden`");
    }
}
