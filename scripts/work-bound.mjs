// The work estimate against what a trial really costs: for generated scenarios (both sizes
// of `compute_shock::generated`), the presets, benches/small.json and the reliability
// review's sixteen sites with an outage a day of any length, it prints the estimate a trial
// (`Model::work_per_trial`, what the run-size ceiling counts), the instructions a trial
// (callgrind, one thread, marginal from T to 2T trials: repeatable whatever else the machine
// does) and their ratio, instructions per unit of work.
//   node scripts/work-bound.mjs [heavy count] [oracle count] [first seed] [--bound K] [--json FILE]
// With --bound, exits 1 if any scenario costs more than K instructions per unit; --json
// writes every row (and its scenario file) for analysis.
// Needs valgrind, `cargo build --release` and `cargo build --release --example work`.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const args = process.argv.slice(2);
const boundAt = args.indexOf("--bound");
const bound = boundAt >= 0 ? Number(args.splice(boundAt, 2)[1]) : null;
const jsonAt = args.indexOf("--json");
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const heavy = Number(args[0] ?? 40);
const oracle = Number(args[1] ?? 20);
/** The first generated seed: the estimate's terms were fitted on seeds 1 to 100 (heavy) and
 * 1 to 40 (oracle); `make test` checks the bound on others. */
const first = Number(args[2] ?? 1);
const TRIALS = 10;

const bin = join(root, "target/release/compute-shock");
const work = join(root, "target/release/examples/work");
const dir = mkdtempSync(join(tmpdir(), "work-bound-"));

/** Instructions `compute-shock run` spends on `trials` trials (valgrind reports on stderr). */
function instructions(scenarioArgs, trials) {
  const { status, stderr } = spawnSync(
    "valgrind",
    ["--tool=callgrind", "--callgrind-out-file=/dev/null", bin, "run", ...scenarioArgs, "--trials", String(trials), "--out", "/dev/null"],
    { env: { ...process.env, RAYON_NUM_THREADS: "1" }, encoding: "utf8" },
  );
  const count = /Collected : (\d+)/.exec(stderr)?.[1];
  if (status !== 0 || !count) throw new Error(`valgrind on ${scenarioArgs.join(" ")}: ${stderr.slice(-500)}`);
  return Number(count);
}

const cases = [];
for (let s = first; s < first + heavy; s++) cases.push({ name: `heavy ${s}`, make: ["--generated", String(s), "heavy"] });
for (let s = first; s < first + oracle; s++) cases.push({ name: `oracle ${s}`, make: ["--generated", String(s), "oracle"] });
for (const id of ["ceo-worst-case", "tencent-datasection", "two-track", "southeast-asia"]) cases.push({ name: id, preset: id });
cases.push({ name: "benches/small.json", file: join(root, "benches/small.json") });
// The reliability review's F1 (an outage a day at each of 16 sites, lengths from a
// thousandth of a day to a century at p90, over ten years).
const outage = { rate_per_year: 365, duration_days: { median: 0.001, p90: 36500 }, fraction: 0.5 };
const small16 = join(dir, "small16.json");
writeFileSync(small16, JSON.stringify({ horizon_days: 3650, sites: Array.from({ length: 16 }, (_, i) => ({ id: `s${i}`, jurisdiction: "JP", route: "r", chip: "B200", gpus: 1, outages: outage })) }));
cases.push({ name: "sixteen daily outages", file: small16, trials: 2 });

const rows = [];
for (const c of cases) {
  let file = c.file;
  let units;
  if (c.make) {
    file = join(dir, `${c.make[2]}-${c.make[1]}.json`);
    units = Number(execFileSync(work, [...c.make, file]).toString());
  } else if (c.preset) {
    units = Number(execFileSync(work, ["--preset", c.preset]).toString());
  } else {
    units = Number(execFileSync(work, [file]).toString());
  }
  const run = c.preset ? ["--preset", c.preset] : ["--scenario", file];
  const t = c.trials ?? TRIALS;
  const per = (instructions(run, 2 * t) - instructions(run, t)) / t;
  rows.push({ name: c.name, units, per, ratio: per / units, scenario: c.preset ? null : file });
  console.log(`${c.name.padEnd(24)} ${units.toFixed(0).padStart(9)} units ${per.toFixed(0).padStart(11)} instructions ${(per / units).toFixed(1).padStart(7)} a unit`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows));
// The generated scenarios stay only where --json names them (its rows point at them).
if (!jsonOut) rmSync(dir, { recursive: true, force: true });
const ratios = rows.map((r) => r.ratio).sort((a, b) => a - b);
const at = (q) => ratios[Math.min(ratios.length - 1, Math.floor(q * ratios.length))];
console.log(`${rows.length} scenarios: instructions a unit of work, min ${ratios[0].toFixed(1)}, median ${at(0.5).toFixed(1)}, max ${ratios.at(-1).toFixed(1)}`);
if (bound !== null) {
  const over = rows.filter((r) => r.ratio > bound);
  for (const r of over) console.error(`${r.name}: ${r.ratio.toFixed(1)} instructions a unit, over the bound ${bound}`);
  process.exit(over.length ? 1 : 0);
}
