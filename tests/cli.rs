//! The native command as a user runs it: exit status, stdout and stderr.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn cmd(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_compute-shock"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Exit status 2 and exactly one line on stderr, containing `words`.
fn assert_bad(o: &Output, words: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: ") && err.contains(words), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn presets_lists_one_line_each() {
    let o = cmd(&["presets"], None);
    assert!(o.status.success());
    let out = stdout(&o);
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(ids, ["tencent-datasection", "two-track", "southeast-asia", "ceo-worst-case"]);
}

#[test]
fn limits_are_the_engines_own() {
    let o = cmd(&["limits"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["trials"]["default"], u64::from(compute_shock::run::TRIALS.default as u32));
    let s = &v["scenario"];
    assert_eq!(s["horizon_days"]["default"], compute_shock::model::DEFAULT_HORIZON_DAYS);
    assert_eq!(s["horizon_days"]["max"], compute_shock::model::MAX_HORIZON_DAYS);
    assert_eq!(s["requirement_b200e"], compute_shock::model::DEFAULT_REQUIREMENT_B200E);
    assert_eq!(s["training_run"]["flop"], compute_shock::model::DEFAULT_TRAINING_FLOP);
    assert_eq!(s["max_duration_days"], compute_shock::model::MAX_DURATION_DAYS);
    // A scenario without a horizon runs the default's days; one past the maximum is refused.
    let sites = r#""sites": [{ "id": "a", "jurisdiction": "JP", "route": "r", "chip": "B200", "gpus": 10 }]"#;
    let o = cmd(&["run", "--scenario", "-", "--trials", "10"], Some(&format!("{{ {sites} }}")));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["horizon_days"], s["horizon_days"]["default"]);
    let too_long = format!("{{ \"horizon_days\": {}, {sites} }}", s["horizon_days"]["max"].as_u64().unwrap() + 1);
    assert_bad(&cmd(&["run", "--scenario", "-", "--trials", "10"], Some(&too_long)), "horizon_days");
    assert_bad(&cmd(&["limits", "extra"], None), "limits");
}

#[test]
fn run_a_preset_as_json_and_csv() {
    let o = cmd(&["run", "--preset", "ceo-worst-case", "--trials", "200", "--seed", "3"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["trials"], 200);
    assert_eq!(v["seed"], 3);
    assert_eq!(v["bands"]["p50"].as_array().unwrap().len(), 365);

    let o = cmd(&["run", "--preset", "ceo-worst-case", "--trials", "200", "--seed", "3", "--format", "csv"], None);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // The preset has a start date, so its CSV has dates.
    assert_eq!(
        lines[0],
        "day,date,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement"
    );
    assert_eq!(lines.len(), 366);
    assert!(lines[1].starts_with(&format!("0,{},", v["start_date"].as_str().unwrap())));
    // Each row is the JSON summary's bands for that day.
    let p50 = v["bands"]["p50"].as_array().unwrap();
    for (day, line) in lines[1..].iter().enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[0], day.to_string());
        assert_eq!(cells[4].parse::<f64>().unwrap(), p50[day].as_f64().unwrap(), "day {day}");
    }
}

#[test]
fn csv_dates_come_from_the_scenario_or_the_flag() {
    // A scenario without a start date: no date column, unless --start-date gives one.
    let mut scenario = compute_shock::presets::find("ceo-worst-case").unwrap().scenario;
    scenario.start_date = None;
    let text = serde_json::to_string(&scenario).unwrap();
    let args = ["run", "--scenario", "-", "--trials", "50", "--format", "csv"];
    let plain = stdout(&cmd(&args, Some(&text)));
    assert_eq!(
        plain.lines().next(),
        Some("day,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement")
    );
    let o = cmd(&[&args[..], &["--start-date", "2027-12-31"]].concat(), Some(&text));
    assert!(o.status.success(), "{}", stderr(&o));
    let dated = stdout(&o);
    assert_eq!(
        dated.lines().next(),
        Some("day,date,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement")
    );
    assert_eq!(dated.lines().nth(1).unwrap(), plain.lines().nth(1).unwrap().replacen(',', ",2027-12-31,", 1));
    assert!(dated.lines().nth(60).unwrap().starts_with("59,2028-02-28,"));
    assert!(dated.lines().nth(61).unwrap().starts_with("60,2028-02-29,"));
    // The flag wins over the scenario's own date.
    scenario.start_date = Some("2026-01-01".into());
    let own = stdout(&cmd(&args, Some(&serde_json::to_string(&scenario).unwrap())));
    assert!(own.lines().nth(1).unwrap().starts_with("0,2026-01-01,"));
    let text = serde_json::to_string(&scenario).unwrap();
    let flagged = stdout(&cmd(&[&args[..], &["--start-date", "2027-12-31"]].concat(), Some(&text)));
    assert!(flagged.lines().nth(1).unwrap().starts_with("0,2027-12-31,"));
    assert_bad(
        &cmd(&["run", "--preset", "ceo-worst-case", "--format", "csv", "--start-date", "2027-02-29"], None),
        "--start-date: must be a date as YYYY-MM-DD",
    );
    assert_bad(
        &cmd(&["run", "--preset", "ceo-worst-case", "--start-date", "2027-01-01"], None),
        "only with --format csv",
    );
}

#[test]
fn defaults_are_ten_thousand_trials_and_seed_one() {
    let o = cmd(&["run", "--preset", "ceo-worst-case"], None);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((v["trials"].as_u64(), v["seed"].as_u64()), (Some(10_000), Some(1)));
}

#[test]
fn scenario_from_stdin_and_out_file_match_the_preset() {
    let preset = compute_shock::presets::find("southeast-asia").unwrap();
    let text = serde_json::to_string(&preset.scenario).unwrap();
    let from_stdin = cmd(&["run", "--scenario", "-", "--trials", "300"], Some(&text));
    let from_preset = cmd(&["run", "--preset", "southeast-asia", "--trials", "300"], None);
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    assert_eq!(from_stdin.stdout, from_preset.stdout);

    let dir = std::env::temp_dir().join(format!("compute-shock-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("s.json");
    std::fs::write(&file, &text).unwrap();
    let out = dir.join("out.json");
    let o =
        cmd(&["run", "--scenario", file.to_str().unwrap(), "--trials", "300", "--out", out.to_str().unwrap()], None);
    assert!(o.status.success() && o.stdout.is_empty());
    assert_eq!(std::fs::read(&out).unwrap(), from_preset.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_exits_2_with_one_line() {
    assert_bad(
        &cmd(&["run", "--scenario", "-"], Some(r#"{"sites": [{"id": "a"}]}"#)),
        "sites[0].jurisdiction: is required",
    );
    assert_bad(&cmd(&["run", "--scenario", "-"], Some("{\"sites\": [\n{\"id\": ")), "standard input: sites[0]");
    assert_bad(
        &cmd(
            &["run", "--scenario", "-"],
            Some(r#"{"sites":[{"id":"a","jurisdiction":"JP","route":"x","chip":"B200","gpus":-5}]}"#),
        ),
        "sites[0].gpus: must be an integer from 0 to 10000000, got -5",
    );
    assert_bad(&cmd(&["run", "--scenario", "/nonexistent/file.json"], None), "cannot read");
    assert_bad(&cmd(&["run", "--preset", "nope"], None), "unknown preset \"nope\"");
    assert_bad(
        &cmd(&["run", "--preset", "two-track", "--trials", "0"], None),
        "trials: must be an integer from 1 to 1000000",
    );
    assert_bad(&cmd(&["run", "--preset", "two-track", "--trials", "many"], None), "trials: must be an integer");
    assert_bad(&cmd(&["run", "--preset", "two-track", "--seed", "-3"], None), "seed:");
    assert_bad(&cmd(&["run", "--preset", "two-track", "--format", "xml"], None), "--format");
    assert_bad(&cmd(&["run", "--preset", "two-track", "--scenario", "x"], None), "not both");
    assert_bad(&cmd(&["run", "--preset"], None), "--preset needs a value");
    assert_bad(&cmd(&["run", "--bogus"], None), "--bogus");
    assert_bad(&cmd(&["run"], None), "--preset ID or --scenario FILE");
    assert_bad(&cmd(&["launch"], None), "unknown command");
    assert_bad(&cmd(&[], None), "a command is required");
}

#[test]
fn unwritable_output_exits_1() {
    let o = cmd(&["run", "--preset", "ceo-worst-case", "--trials", "10", "--out", "/nonexistent/dir/x.json"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn help_and_version() {
    let o = cmd(&["--help"], None);
    assert!(o.status.success() && stdout(&o).contains("compute-shock run"));
    let o = cmd(&["--version"], None);
    assert!(stdout(&o).starts_with("compute-shock "));
}

#[test]
fn bench_prints_a_row_per_preset() {
    let o = cmd(&["bench", "--trials", "200", "--repeat", "1"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "preset\ttrials\tmedian_ms\ttrials_per_second");
    assert_eq!(lines.len(), 5);
    assert!(lines[1..].iter().all(|l| l.split('\t').nth(1) == Some("200")));
}

#[test]
fn compare_and_sensitivity_from_the_command() {
    let o = cmd(&["compare", "two-track", "two-track", "--trials", "50"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["differences"]["shortfall_days"]["mean"], 0.0);
    assert_eq!(v["trials"], 50);
    assert_bad(
        &cmd(&["compare", "two-track", "ceo-worst-case"], None),
        "horizon_days: the two scenarios must simulate the same days",
    );
    assert_bad(&cmd(&["compare", "two-track"], None), "compare needs two scenarios");
    assert_bad(&cmd(&["compare", "two-track", "no-such-file.json"], None), "no-such-file.json: cannot read");

    let o = cmd(&["sensitivity", "--preset", "ceo-worst-case", "--trials", "50", "--format", "csv"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("field,low,high,metric_at_low,metric_at_high,swing,standard_error,within_noise\n"),
        "{out}"
    );
    assert!(out.lines().count() > 3);
    assert_bad(
        &cmd(&["sensitivity", "--preset", "ceo-worst-case", "--metric", "median"], None),
        "--metric: unknown metric",
    );
    assert_bad(&cmd(&["sensitivity", "--preset", "nope"], None), "--preset: unknown preset");
    // A plain scenario has no ranges to vary.
    let text = serde_json::to_string(&compute_shock::presets::find("ceo-worst-case").unwrap().scenario).unwrap();
    assert_bad(&cmd(&["sensitivity", "--scenario", "-"], Some(&text)), "sources: no figure has a range");
}

#[test]
fn numbers_a_flag_cannot_hold_are_refused_not_rounded_or_clamped() {
    // A fraction the nearest double drops, and repeat counts outside 1..=1000 (NaN used to
    // panic: exit 101).
    assert_bad(
        &cmd(&["run", "--preset", "ceo-worst-case", "--trials", "10", "--seed", "9007199254740990.5"], None),
        "seed: must be an integer, got 9007199254740990.5",
    );
    assert_bad(
        &cmd(&["run", "--preset", "ceo-worst-case", "--trials", "10", "--seed", "9.0071992547409905e15"], None),
        "seed: must be an integer",
    );
    for repeat in ["NaN", "0", "-5", "1e9", "2.5"] {
        assert_bad(
            &cmd(&["bench", "--trials", "10", "--repeat", repeat], None),
            "repeat: must be an integer from 1 to 1000",
        );
    }
    // Written as JavaScript and URLs would, a whole number still reads.
    assert!(cmd(&["run", "--preset", "ceo-worst-case", "--trials", "1e1", "--seed", "1.0"], None).status.success());
    assert!(
        cmd(&["run", "--preset", "ceo-worst-case", "--trials", "1.5e1", "--seed", "2.50e1"], None).status.success()
    );
}

#[test]
#[cfg(target_os = "linux")]
fn a_closed_standard_output_is_an_error_not_a_silent_success() {
    // `compute-shock run … >&-`: nothing can be written, so status 1 and a line saying so
    // (the standard library would have written into /dev/null and ended with 0).
    let out = Command::new("sh")
        .args(["-c", r#"exec "$0" run --preset ceo-worst-case --trials 10 >&-"#, env!("CARGO_BIN_EXE_compute-shock")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "error: cannot write standard output: it was closed\n");
    // Closed standard output with --out: the file is written, as asked.
    let path = std::env::temp_dir().join(format!("compute-shock-closed-{}.json", std::process::id()));
    let out = Command::new("sh")
        .args([
            "-c",
            r#"exec "$0" run --preset ceo-worst-case --trials 10 --out "$1" >&-"#,
            env!("CARGO_BIN_EXE_compute-shock"),
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("{\"model_version\""));
    std::fs::remove_file(&path).unwrap();
    // Written to /dev/null on purpose: a success, as before.
    let out = Command::new(env!("CARGO_BIN_EXE_compute-shock"))
        .args(["run", "--preset", "ceo-worst-case", "--trials", "10"])
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    // `| head -1` on 180 KB of CSV: the pipe closes after a line; no error, status 0.
    use std::io::{BufRead, BufReader};
    let scenario = r#"{"horizon_days": 3650, "sites": [{"id": "a", "jurisdiction": "JP", "route": "r", "chip": "B200", "gpus": 1000}]}"#;
    let path = std::env::temp_dir().join(format!("compute-shock-pipe-{}.json", std::process::id()));
    std::fs::write(&path, scenario).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_compute-shock"))
        .args(["run", "--scenario", path.to_str().unwrap(), "--trials", "50", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("day,"), "{first}");
    let out = child.wait_with_output().unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(out.status.success(), "{:?}", out.status);
}

#[test]
fn a_scenario_over_a_megabyte_is_refused_before_it_is_read() {
    use compute_shock::read::MAX_SCENARIO_BYTES;
    // A file five times over: refused, with what it held never parsed or kept.
    let path = std::env::temp_dir().join(format!("compute-shock-big-{}.json", std::process::id()));
    std::fs::write(&path, " ".repeat(5 * MAX_SCENARIO_BYTES)).unwrap();
    let o = cmd(&["run", "--scenario", path.to_str().unwrap()], None);
    std::fs::remove_file(&path).unwrap();
    assert_bad(&o, "larger than 1000000 bytes, the most a scenario file may be");
    // Standard input one byte over.
    let o = cmd(&["run", "--scenario", "-"], Some(&" ".repeat(MAX_SCENARIO_BYTES + 1)));
    assert_bad(&o, "standard input: larger than 1000000 bytes");
    // At the limit, read as JSON (and refused for what it is, not for its size).
    let o = cmd(&["run", "--scenario", "-"], Some(&" ".repeat(MAX_SCENARIO_BYTES)));
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("larger than"), "{}", stderr(&o));
}
