//! Runs the README's console examples and compares their output, so the README cannot rot.
//!
//! A block fenced as `console` holds `$ command` lines, each followed by its exact output.
//! Commands run under `sh -c` with the freshly built `compute-shock` first on the PATH.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

fn examples(readme: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current: Option<(String, String)> = None;
    for line in readme.lines() {
        if line.starts_with("```console") {
            in_block = true;
            continue;
        }
        if in_block && line.starts_with("```") {
            in_block = false;
            out.extend(current.take());
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.extend(current.take());
            current = Some((cmd.to_string(), String::new()));
        } else if let Some((_, expected)) = current.as_mut() {
            expected.push_str(line);
            expected.push('\n');
        }
    }
    out
}

#[test]
fn readme_examples_print_what_the_readme_says() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(Path::new(root).join("README.md")).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_compute-shock")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let examples = examples(&readme);
    assert!(examples.len() >= 4, "found only {} examples", examples.len());
    for (cmd, expected) in examples {
        let out = Command::new("sh").arg("-c").arg(&cmd).env("PATH", &path).current_dir(root).output().unwrap();
        let got = String::from_utf8_lossy(&out.stdout);
        assert_eq!(got, expected, "README example `{cmd}`; stderr: {}", String::from_utf8_lossy(&out.stderr));
    }
}
