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
  compute-shock limits
  compute-shock run (--preset ID | --scenario FILE|-) [--trials N] [--seed S]
                    [--format json|csv] [--start-date YYYY-MM-DD] [--out FILE]
  compute-shock compare A B [--trials N] [--seed S]
  compute-shock sensitivity (--preset ID | --scenario FILE|-) [--metric NAME]
                    [--trials N] [--seed S] [--format json|csv]
  compute-shock bench [--trials N] [--repeat R]

`limits` prints, as JSON, each run option's range and default and what a scenario may
leave out (its horizon's default and range, the floor, the training run) as the engine
fills it in: the page reads the same through `limits()`.
`compare` runs two scenarios (preset ids or files) over the same futures and prints the
per-trial differences B - A as JSON; a scenario compared with itself differs by exactly 0.
`sensitivity` sets each figure with a range (a preset's sources, or a file holding
`scenario` and `sources`) to its low and high end, one at a time, and prints the metric at
each, the swing and its paired standard error, largest swing first. Metrics:
shortfall_7_days (default), any_shortfall, training_delay_over_7_days,
training_delay_over_30_days, training_unfinished.

`bench` times every preset on one thread (median of R runs, default 5) and prints
preset, trials, milliseconds and trials per second, tab-separated.

Options:
  --preset ID        a built-in scenario (see `compute-shock presets`)
  --scenario FILE    a scenario JSON file; `-` reads standard input
  --trials N         simulated futures, 1 to 1000000 (default 10000)
  --seed S           random seed, 0 to 9007199254740991 (default 1)
  --format json|csv  the whole summary as JSON (default), or the daily bands as CSV
  --start-date D     with --format csv: the date of day 0 for the date column (default:
                     the scenario's start_date; without either, no date column)
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
            return write_out(None, USAGE);
        }
        Some(Long("version") | Short('V')) => {
            return write_out(None, &format!("compute-shock {}\n", env!("CARGO_PKG_VERSION")));
        }
        Some(other) => return Err(bad(format!("{}; try `compute-shock --help`", other.unexpected()))),
        None => {
            return Err(bad(
                "a command is required: `presets`, `limits`, `run`, `compare`, `sensitivity` or `bench`; try `compute-shock --help`",
            ));
        }
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
        "limits" => {
            if let Some(arg) = parser.next().map_err(|e| bad(e.to_string()))? {
                return Err(bad(format!("limits: {}", arg.unexpected())));
            }
            let json = serde_json::to_string_pretty(&compute_shock::run::LIMITS).map_err(|e| bad(e.to_string()))?;
            write_out(None, &format!("{json}\n"))
        }
        "run" => run(parse_run(&mut parser)?),
        "compare" => compare(&mut parser),
        "sensitivity" => sensitivity(&mut parser),
        "bench" => bench(&mut parser),
        other => Err(bad(format!(
            "unknown command {other:?}: use `presets`, `limits`, `run`, `compare`, `sensitivity` or `bench`"
        ))),
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

/// Reads a number argument as JavaScript and URLs would, so one check serves all; a number
/// written with a fraction that the nearest double drops (9007199254740990.5 reads as
/// 9007199254740990) is refused, not silently rounded.
fn number_arg(name: &str, text: &str) -> Result<f64, Failure> {
    let t = text.trim();
    let x = t.parse::<f64>().map_err(|_| bad(format!("{name}: must be an integer, got {text:?}")))?;
    if written_with_fraction(t) && x.fract() == 0.0 {
        return Err(bad(format!("{name}: must be an integer, got {t} (too many digits to hold exactly)")));
    }
    Ok(x)
}

/// True when a decimal number as written (`12.5`, `1.25e1`, `9.0071992547409905e15`) has a
/// fractional part: fraction digits left after the exponent moves the point.
fn written_with_fraction(t: &str) -> bool {
    let (mantissa, exponent) = t.split_once(['e', 'E']).unwrap_or((t, "0"));
    let Ok(exponent) = exponent.parse::<i64>() else { return false };
    let fraction = mantissa.split_once('.').map_or("", |(_, f)| f).trim_end_matches('0');
    fraction.len() as i64 > exponent
}

fn run(args: RunArgs) -> Result<(), Failure> {
    let options = RunOptions::new(number_arg("trials", &args.trials)?, number_arg("seed", &args.seed)?)
        .map_err(|e| bad(e.to_string()))?;
    let start_flag = match &args.start_date {
        Some(text) => Some(Date::parse("--start-date", text).map_err(|e| bad(e.to_string()))?),
        None => None,
    };
    let (scenario, origin) = match &args.input {
        Input::Preset(id) => (preset(id)?.scenario, format!("preset {id}")),
        Input::File(path) => {
            let (text, name) = read_text(path, |e| format!("--scenario {path}: cannot read: {e}"))?;
            let scenario = Scenario::from_json(&text).map_err(|e| bad(format!("{name}: {e}")))?;
            (scenario, name)
        }
    };
    let summary = compute_shock::run(&scenario, options).map_err(|e| bad(format!("{origin}: {e}")))?;
    let text = match args.format {
        Format::Json => summary.to_json() + "\n",
        // Dates from --start-date, else from the scenario's own start_date.
        Format::Csv => compute_shock::csv::bands(
            &summary.bands,
            start_flag.or_else(|| summary.start_date.as_deref().and_then(|d| Date::parse("start_date", d).ok())),
        ),
    };
    write_out(args.out.as_deref(), &text)
}

/// The built-in preset `id`, or an error listing the ids there are.
fn preset(id: &str) -> Result<presets::Preset, Failure> {
    presets::find(id).ok_or_else(|| {
        let ids: Vec<String> = presets::all().into_iter().map(|p| p.id).collect();
        bad(format!("--preset: unknown preset {id:?}; choose one of {}", ids.join(", ")))
    })
}

/// The text of a file, or of standard input for `-`, and its name for messages; `failed`
/// words a read error.
fn read_text(path: &str, failed: impl Fn(std::io::Error) -> String) -> Result<(String, String), Failure> {
    use compute_shock::read::MAX_SCENARIO_BYTES;
    let name = if path == "-" { "standard input".to_string() } else { path.to_string() };
    // At most one byte past the limit is read: a larger input is refused before it is
    // parsed (or held), whatever its size.
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().take(MAX_SCENARIO_BYTES as u64 + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_SCENARIO_BYTES as u64 + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| bad(failed(e)))?;
    if bytes.len() > MAX_SCENARIO_BYTES {
        return Err(bad(format!("{name}: larger than {MAX_SCENARIO_BYTES} bytes, the most a scenario file may be")));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        bad(failed(std::io::Error::new(std::io::ErrorKind::InvalidData, "stream did not contain valid UTF-8")))
    })?;
    Ok((text, name))
}

/// Reads a scenario from a preset id or a file (`-` for standard input); returns it, its
/// preset's sources if any (or the file's, when it holds `scenario` and `sources`), and a
/// name for messages.
fn load(what: &str, flag: &str) -> Result<(Scenario, Vec<compute_shock::presets::Source>, String), Failure> {
    if flag == "--preset" || presets::find(what).is_some() {
        let p = preset(what)?;
        return Ok((p.scenario, p.sources, format!("preset {what}")));
    }
    let (text, name) = read_text(what, |e| format!("{flag} {what}: cannot read (not a preset id either): {e}"))?;
    // A preset-shaped file ({ scenario, sources }) or a plain scenario.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    if value.get("scenario").is_some() && value.get("sites").is_none() {
        let sources: Vec<compute_shock::presets::Source> = match value.get("sources") {
            None => Vec::new(),
            Some(v) => serde_json::from_value(v.clone()).map_err(|e| bad(format!("{name}: sources: {e}")))?,
        };
        let scenario =
            compute_shock::read::scenario(&value["scenario"]).map_err(|e| bad(format!("{name}: scenario.{e}")))?;
        return Ok((scenario, sources, name));
    }
    let scenario = Scenario::from_json(&text).map_err(|e| bad(format!("{name}: {e}")))?;
    Ok((scenario, Vec::new(), name))
}

/// An argument, owned (so the parser can be asked for its value).
enum Opt {
    Long(String),
    Value(String),
    Other,
}

/// `--trials N` and `--seed S` among other options; `other` takes the rest (false: unknown).
fn options_and(
    parser: &mut lexopt::Parser,
    command: &str,
    mut other: impl FnMut(Opt, &mut lexopt::Parser) -> Result<bool, Failure>,
) -> Result<RunOptions, Failure> {
    use lexopt::prelude::*;
    let defaults = RunOptions::default();
    let (mut trials, mut seed) = (f64::from(defaults.trials), defaults.seed as f64);
    while let Some(arg) = parser.next().map_err(|e| bad(e.to_string()))? {
        let unexpected = format!("{command}: {}; try `compute-shock --help`", arg.clone().unexpected());
        let opt = match arg {
            Long("trials") => {
                trials = number_arg("trials", &text_value(parser, "trials")?)?;
                continue;
            }
            Long("seed") => {
                seed = number_arg("seed", &text_value(parser, "seed")?)?;
                continue;
            }
            Long(name) => Opt::Long(name.to_string()),
            Value(v) => Opt::Value(v.string().map_err(|_| bad(format!("{command}: an argument is not valid UTF-8")))?),
            _ => Opt::Other,
        };
        if !other(opt, parser)? {
            return Err(bad(unexpected));
        }
    }
    RunOptions::new(trials, seed).map_err(|e| bad(e.to_string()))
}

fn text_value(parser: &mut lexopt::Parser, name: &str) -> Result<String, Failure> {
    use lexopt::prelude::*;
    let v = parser.value().map_err(|_| bad(format!("--{name} needs a value")))?;
    v.string().map_err(|_| bad(format!("--{name}: not valid UTF-8")))
}

fn compare(parser: &mut lexopt::Parser) -> Result<(), Failure> {
    let mut names: Vec<String> = Vec::new();
    let options = options_and(parser, "compare", |arg, _| match arg {
        Opt::Value(v) if names.len() < 2 => {
            names.push(v);
            Ok(true)
        }
        _ => Ok(false),
    })?;
    let [a, b] = <[String; 2]>::try_from(names).map_err(|_| bad("compare needs two scenarios: preset ids or files"))?;
    let (sa, _, na) = load(&a, "compare")?;
    let (sb, _, nb) = load(&b, "compare")?;
    let result = compute_shock::paired::compare(&sa, &sb, options).map_err(|e| bad(format!("{na} vs {nb}: {e}")))?;
    write_out(None, &(serde_json::to_string(&result).unwrap_or_default() + "\n"))
}

fn sensitivity(parser: &mut lexopt::Parser) -> Result<(), Failure> {
    let (mut input, mut metric, mut csv) = (None, "shortfall_7_days".to_string(), false);
    let options = options_and(parser, "sensitivity", |arg, parser| {
        let Opt::Long(flag) = arg else { return Ok(false) };
        match flag.as_str() {
            "preset" | "scenario" => {
                if input.is_some() {
                    return Err(bad("give one of --preset or --scenario, not both"));
                }
                input = Some((text_value(parser, &flag)?, format!("--{flag}")));
            }
            "metric" => metric = text_value(parser, "metric")?,
            "format" => {
                csv = match text_value(parser, "format")?.as_str() {
                    "json" => false,
                    "csv" => true,
                    other => return Err(bad(format!("--format: must be json or csv, got {other:?}"))),
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let (what, flag) = input.ok_or_else(|| bad("sensitivity needs --preset ID or --scenario FILE"))?;
    let (scenario, sources, name) = load(&what, &flag)?;
    let result = compute_shock::paired::sensitivity(&scenario, &sources, &metric, options)
        .map_err(|e| bad(if e.field == "metric" { format!("--{e}") } else { format!("{name}: {e}") }))?;
    let text = if csv {
        let mut out = String::from("field,low,high,metric_at_low,metric_at_high,swing,standard_error,within_noise\n");
        for r in &result.rows {
            // Numbers as the JSON writes them (3.4e24, not 25 digits).
            let number = |x: f64| serde_json::Number::from_f64(x).map_or_else(String::new, |n| n.to_string());
            out.push_str(&format!(
                "\"{}\",{},{},{},{},{},{},{}\n",
                r.field.replace('"', "\"\""),
                number(r.low),
                number(r.high),
                r.metric_at_low,
                r.metric_at_high,
                r.swing,
                r.standard_error,
                r.within_noise
            ));
        }
        out
    } else {
        serde_json::to_string(&result).unwrap_or_default() + "\n"
    };
    write_out(None, &text)
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
            let r = number_arg("repeat", &text)?;
            if !(1.0..=1000.0).contains(&r) || r.fract() != 0.0 {
                return Err(bad(format!("repeat: must be an integer from 1 to 1000, got {}", text.trim())));
            }
            repeat = r as usize;
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
                    std::hint::black_box(compute_shock::Summary::new(&model, options.seed, &acc));
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

/// Whether standard output was closed when the command started (`compute-shock run … >&-`).
/// The standard library opens /dev/null on a closed descriptor 0 to 2 before `main`, where
/// the output would vanish and the command succeed; a constructor, which the C runtime runs
/// before that, looks first.
#[cfg(target_os = "linux")]
mod closed_stdout {
    use std::sync::atomic::{AtomicBool, Ordering};

    static CLOSED: AtomicBool = AtomicBool::new(false);

    unsafe extern "C" {
        fn fcntl(fd: i32, cmd: i32, ...) -> i32;
    }

    extern "C" fn look() {
        // F_GETFD (1 on Linux) fails, -1, on a descriptor that is not open.
        // SAFETY: F_GETFD reads descriptor 1's flags and changes nothing.
        if unsafe { fcntl(1, 1) } == -1 {
            CLOSED.store(true, Ordering::Relaxed);
        }
    }

    #[used]
    #[unsafe(link_section = ".init_array")]
    static LOOK: extern "C" fn() = look;

    pub fn closed() -> bool {
        CLOSED.load(Ordering::Relaxed)
    }
}

#[cfg(not(target_os = "linux"))]
mod closed_stdout {
    pub fn closed() -> bool {
        false
    }
}

fn write_out(path: Option<&str>, text: &str) -> Result<(), Failure> {
    let result = match path {
        Some(p) => std::fs::write(p, text),
        None if closed_stdout::closed() => Err(std::io::Error::other("it was closed")),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                // The reader stopped reading (`| head -1`): what it wanted was written; stop
                // quietly, as Unix tools do.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            }
        }
    };
    result
        .map_err(|e| Failure { status: 1, message: format!("cannot write {}: {e}", path.unwrap_or("standard output")) })
}
