//! The native command: list presets, or run a scenario and print its summary.
//!
//! Exit status 0 on success, 2 on bad input (one line on stderr naming the field), 1 when
//! the output cannot be written.

use std::io::{Read, Write};
use std::process::ExitCode;

use compute_shock::csv::Date;
use compute_shock::{RunOptions, Scenario, presets};

const USAGE: &str = "\
compute-shock: how much rented GPU compute survives export-policy shocks

Usage:
  compute-shock presets
  compute-shock run (--preset ID | --scenario FILE|-) [--trials N] [--seed S]
                    [--format json|csv] [--start-date YYYY-MM-DD] [--out FILE]
  compute-shock bench [--trials N] [--repeat R]

`bench` times every preset on one thread (median of R runs, default 5) and prints
preset, trials, milliseconds and trials per second, tab-separated.

Options:
  --preset ID        a built-in scenario (see `compute-shock presets`)
  --scenario FILE    a scenario JSON file; `-` reads standard input
  --trials N         simulated futures, 1 to 1000000 (default 10000)
  --seed S           random seed, 0 to 9007199254740991 (default 1)
  --format json|csv  the whole summary as JSON (default), or the daily bands as CSV
  --start-date D     with --format csv: the date of day 0, adding a date column
  --out FILE         write to FILE instead of standard output
";

enum Input {
    Preset(String),
    File(String),
}

enum Format {
    Json,
    Csv,
}

struct RunArgs {
    input: Input,
    trials: String,
    seed: String,
    format: Format,
    start_date: Option<String>,
    out: Option<String>,
}

/// A failure and the exit status it gets.
struct Failure {
    status: u8,
    message: String,
}

fn bad(message: impl Into<String>) -> Failure {
    Failure { status: 2, message: message.into() }
}

fn main() -> ExitCode {
    match cli() {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            // One line, whatever the message holds.
            eprintln!("error: {}", f.message.replace('\n', " "));
            ExitCode::from(f.status)
        }
    }
}

fn cli() -> Result<(), Failure> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let command = match parser.next().map_err(|e| bad(e.to_string()))? {
        Some(Value(v)) => v.string().map_err(|e| bad(e.to_string()))?,
        Some(Long("help") | Short('h')) => {
            print!("{USAGE}");
            return Ok(());
        }
        Some(Long("version") | Short('V')) => {
            println!("compute-shock {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        Some(other) => return Err(bad(format!("{}; try `compute-shock --help`", other.unexpected()))),
        None => return Err(bad("a command is required: `presets` or `run`; try `compute-shock --help`")),
    };
    match command.as_str() {
        "presets" => {
            if let Some(arg) = parser.next().map_err(|e| bad(e.to_string()))? {
                return Err(bad(format!("presets: {}", arg.unexpected())));
            }
            let mut out = String::new();
            for p in presets::all() {
                out.push_str(&format!("{}\t{}\n", p.id, p.name));
            }
            write_out(None, &out)
        }
        "run" => run(parse_run(&mut parser)?),
        "bench" => bench(&mut parser),
        other => Err(bad(format!("unknown command {other:?}: use `presets` or `run`"))),
    }
}

fn parse_run(parser: &mut lexopt::Parser) -> Result<RunArgs, Failure> {
    use lexopt::prelude::*;
    let mut input = None;
    let defaults = RunOptions::default();
    let mut trials = defaults.trials.to_string();
    let mut seed = defaults.seed.to_string();
    let mut format = Format::Json;
    let mut start_date = None;
    let mut out = None;
    let value = |parser: &mut lexopt::Parser, name: &str| -> Result<String, Failure> {
        let v = parser.value().map_err(|_| bad(format!("--{name} needs a value")))?;
        v.string().map_err(|_| bad(format!("--{name}: not valid UTF-8")))
    };
    while let Some(arg) = parser.next().map_err(|e| bad(e.to_string()))? {
        match arg {
            Long("preset") | Long("scenario") if input.is_some() => {
                return Err(bad("give one of --preset or --scenario, not both"));
            }
            Long("preset") => input = Some(Input::Preset(value(parser, "preset")?)),
            Long("scenario") => input = Some(Input::File(value(parser, "scenario")?)),
            Long("trials") => trials = value(parser, "trials")?,
            Long("seed") => seed = value(parser, "seed")?,
            Long("format") => {
                format = match value(parser, "format")?.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => return Err(bad(format!("--format: must be json or csv, got {other:?}"))),
                }
            }
            Long("start-date") => start_date = Some(value(parser, "start-date")?),
            Long("out") => out = Some(value(parser, "out")?),
            other => return Err(bad(format!("run: {}; try `compute-shock --help`", other.unexpected()))),
        }
    }
    let input = input.ok_or_else(|| bad("run needs --preset ID or --scenario FILE"))?;
    if start_date.is_some() && matches!(format, Format::Json) {
        return Err(bad("--start-date: only with --format csv"));
    }
    Ok(RunArgs { input, trials, seed, format, start_date, out })
}

/// Reads a number argument as JavaScript and URLs would, so one check serves all.
fn number_arg(name: &str, text: &str) -> Result<f64, Failure> {
    text.trim().parse::<f64>().map_err(|_| bad(format!("{name}: must be an integer, got {text:?}")))
}

fn run(args: RunArgs) -> Result<(), Failure> {
    let options = RunOptions::new(number_arg("trials", &args.trials)?, number_arg("seed", &args.seed)?)
        .map_err(|e| bad(e.to_string()))?;
    let start = match &args.start_date {
        Some(text) => Some(Date::parse("--start-date", text).map_err(|e| bad(e.to_string()))?),
        None => None,
    };
    let (scenario, origin) = match &args.input {
        Input::Preset(id) => {
            let preset = presets::find(id).ok_or_else(|| {
                let ids: Vec<String> = presets::all().into_iter().map(|p| p.id).collect();
                bad(format!("--preset: unknown preset {id:?}; choose one of {}", ids.join(", ")))
            })?;
            (preset.scenario, format!("preset {id}"))
        }
        Input::File(path) => {
            let mut text = String::new();
            let read = if path == "-" {
                std::io::stdin().read_to_string(&mut text).map(|_| ())
            } else {
                std::fs::read_to_string(path).map(|t| text = t)
            };
            read.map_err(|e| bad(format!("--scenario {path}: cannot read: {e}")))?;
            let name = if path == "-" { "standard input".to_string() } else { path.clone() };
            let scenario = Scenario::from_json(&text).map_err(|e| bad(format!("{name}: {e}")))?;
            (scenario, name)
        }
    };
    let summary = compute_shock::run(&scenario, options).map_err(|e| bad(format!("{origin}: {e}")))?;
    let text = match args.format {
        Format::Json => summary.to_json() + "\n",
        Format::Csv => summary.to_csv(start),
    };
    write_out(args.out.as_deref(), &text)
}

/// Times each preset on one thread: the engine and the summary, as `simulate` does in wasm.
fn bench(parser: &mut lexopt::Parser) -> Result<(), Failure> {
    use lexopt::prelude::*;
    let (mut trials, mut repeat) = (vec![1000.0, 10_000.0, 100_000.0], 5usize);
    while let Some(arg) = parser.next().map_err(|e| bad(e.to_string()))? {
        let is_trials = match arg {
            Long("trials") => true,
            Long("repeat") => false,
            other => return Err(bad(format!("bench: {}", other.unexpected()))),
        };
        let text = parser.value().map_err(|e| bad(e.to_string()))?.string().map_err(|_| bad("not UTF-8"))?;
        if is_trials {
            trials = vec![number_arg("trials", &text)?];
        } else {
            repeat = number_arg("repeat", &text)?.clamp(1.0, 1000.0) as usize;
        }
    }
    let mut out = String::from("preset\ttrials\tmedian_ms\ttrials_per_second\n");
    for preset in presets::all() {
        let model = compute_shock::Model::new(&preset.scenario).map_err(|e| bad(e.to_string()))?;
        for &n in &trials {
            let options = RunOptions::new(n, 1.0).map_err(|e| bad(e.to_string()))?;
            let mut times: Vec<f64> = (0..repeat)
                .map(|_| {
                    let start = std::time::Instant::now();
                    let acc = compute_shock::run_trials(&model, 1, 0..u64::from(options.trials));
                    std::hint::black_box(compute_shock::Summary::new(&model, options, &acc));
                    start.elapsed().as_secs_f64()
                })
                .collect();
            times.sort_by(f64::total_cmp);
            let median = times[times.len() / 2];
            out.push_str(&format!("{}\t{}\t{:.3}\t{:.0}\n", preset.id, options.trials, median * 1e3, n / median));
        }
    }
    write_out(None, &out)
}

fn write_out(path: Option<&str>, text: &str) -> Result<(), Failure> {
    let result = match path {
        Some(p) => std::fs::write(p, text),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    result
        .map_err(|e| Failure { status: 1, message: format!("cannot write {}: {e}", path.unwrap_or("standard output")) })
}
