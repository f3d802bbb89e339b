// The figures docs/MODEL.md quotes in "What each preset says", made by the native command:
// every preset and every variant the section names, at 20,000 trials, seed 1. Each table
// between `<!-- figures: NAME -->` and `<!-- /figures -->` is written from these runs, and
// every share or decimal figure in the section's prose must be one a run printed
// (tests/js/model-doc.test.mjs checks both).
//   node scripts/model-figures.mjs          rewrites the tables in docs/MODEL.md
//   node scripts/model-figures.mjs --check  exits 1, saying what differs, if anything does
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
export const DOC = join(root, "docs/MODEL.md");
const BIN = join(root, "target/release/compute-shock");
export const TRIALS = 20_000;
export const SEED = 1;

const preset = (id) => JSON.parse(readFileSync(join(root, `src/presets/${id}.json`), "utf8")).scenario;
const rates = (s, indices, v = 0) => {
  for (const i of indices) s.shocks[i].rate_per_year = v;
  return s;
};

/** Every run the section quotes: a preset, changed (or not) one way. */
export const RUNS = {
  tencent: { preset: "tencent-datasection" },
  "tencent no US rule": { preset: "tencent-datasection", change: (s) => rates(s, [0]) },
  "tencent US rule 0.81": { preset: "tencent-datasection", change: (s) => rates(s, [0], 0.81) },
  "tencent no policy or distress": { preset: "tencent-datasection", change: (s) => ((s.operators[0].distress.rate_per_year = 0), rates(s, [0, 1, 2])) },
  "tencent Sydney 10,000": { preset: "tencent-datasection", change: (s) => ((s.sites[1].gpus = 10_000), s) },
  "tencent Sydney 85,000": { preset: "tencent-datasection", change: (s) => ((s.sites[1].gpus = 85_000), s) },
  "tencent closure 90/365": { preset: "tencent-datasection", change: (s) => ((s.shocks[0].duration_days = { median: 90, p90: 365 }), s) },
  "tencent start 0": { preset: "tencent-datasection", change: (s) => ((s.training_run.start_day = 0), s) },
  "tencent start 365": { preset: "tencent-datasection", change: (s) => ((s.training_run.start_day = 365), s) },
  "tencent US rule fixed 0.6": { preset: "tencent-datasection", change: (s) => ((s.shocks[0].rate_per_year = 0.6), s) },
  "tencent floor flat": { preset: "tencent-datasection", change: (s) => (delete s.requirement_growth, s) },
  "tencent floor at the CEO's pace": { preset: "tencent-datasection", change: (s) => ((s.requirement_growth.doubling_days = 180), s) },
  "tencent nothing re-let": { preset: "tencent-datasection", change: (s) => (s.shocks.forEach((k) => (k.relet_share = 0)), s) },
  "tencent all re-let": { preset: "tencent-datasection", change: (s) => (s.shocks.forEach((k) => (k.relet_share = 1)), s) },
  "tencent as in release 0.1.0": {
    preset: "tencent-datasection",
    change: (s) => {
      s.shocks.forEach((k, i) => ((k.rate_per_year = i === 0 ? 0.6 : 0.1), delete k.relet_share));
      delete s.requirement_growth;
      s.requirement_b200e = 9700;
      return s;
    },
  },
  "two-track": { preset: "two-track" },
  "two-track no Chinese-side shocks": { preset: "two-track", change: (s) => rates(s, [3, 4, 5]) },
  "two-track no order on chips in use": { preset: "two-track", change: (s) => rates(s, [5]) },
  "two-track start 0": { preset: "two-track", change: (s) => ((s.training_run.start_day = 0), s) },
  "two-track start 365": { preset: "two-track", change: (s) => ((s.training_run.start_day = 365), s) },
  "two-track run on every site": { preset: "two-track", change: (s) => (delete s.training_run.sites, s) },
  "southeast-asia": { preset: "southeast-asia" },
  "southeast-asia no US rule": { preset: "southeast-asia", change: (s) => rates(s, [0]) },
  "southeast-asia no host action": { preset: "southeast-asia", change: (s) => rates(s, [1, 2]) },
  "southeast-asia none of the three": { preset: "southeast-asia", change: (s) => rates(s, [0, 1, 2]) },
  "southeast-asia start 0": { preset: "southeast-asia", change: (s) => ((s.training_run.start_day = 0), s) },
  "southeast-asia start 365": { preset: "southeast-asia", change: (s) => ((s.training_run.start_day = 365), s) },
  "southeast-asia floor flat": { preset: "southeast-asia", change: (s) => (delete s.requirement_growth, s) },
  "southeast-asia relocation 0.3": { preset: "southeast-asia", change: (s) => ((s.relocation.share = 0.3), s) },
  "ceo-worst-case": { preset: "ceo-worst-case" },
};

/** Runs every scenario of RUNS with the native command: name → summary. */
export function runAll() {
  const out = {};
  for (const [name, { preset: id, change }] of Object.entries(RUNS)) {
    const scenario = change ? change(preset(id)) : preset(id);
    out[name] = JSON.parse(execFileSync(BIN, ["run", "--scenario", "-", "--trials", String(TRIALS), "--seed", String(SEED)], { input: JSON.stringify(scenario), maxBuffer: 1 << 28 }));
  }
  return out;
}

// Getters: a metric's figure, a probability, a site's figure, a band's first day.
const m = (metric, key) => (s) => s.metrics[metric][key];
const p = (key) => (s) => s.probabilities[key];
const site = (id, key) => (s) => s.sites.find((x) => x.id === id)[key];
const delay = (key) => m("training_delay_days", key);
const every = (metric, key) => (s) => {
  const t = s.metrics[metric];
  const all = ["p5", "p10", "p25", "p50", "p75", "p90", "p95"].map((k) => t[k]);
  return all.every((x) => x === all[0]) ? `${all[0]} at every percentile` : all.join(" / ");
};

/** The tables: rows of [label, getters, unit]. */
const TABLES = {
  "tencent-datasection": ["tencent", [
    ["`training_delay_days`: p50 / p95 / mean", [delay("p50"), delay("p95"), delay("mean")]],
    ["`training_delay_over_7_days` / `training_delay_over_30_days`", [p("training_delay_over_7_days"), p("training_delay_over_30_days")]],
    ["`training_delay_days`: `p_unfinished` / `p_status_quo_unfinished`", [delay("p_unfinished"), delay("p_status_quo_unfinished")]],
    ["`days_to_train`: p5 / p50 / p95 / `p_unfinished`", [m("days_to_train", "p5"), m("days_to_train", "p50"), m("days_to_train", "p95"), m("days_to_train", "p_unfinished")]],
    ["capacity on day 0 (p50) / every site built and up", [(s) => s.bands.p50[0], (s) => s.max_capacity_b200e], " B200e"],
    ["`any_shortfall` / `shortfall_7_days` / `any_policy_shutdown`", [p("any_shortfall"), p("shortfall_7_days"), p("any_policy_shutdown")]],
    ["`shortfall_days`: p25 / p50 / p75 / mean", [m("shortfall_days", "p25"), m("shortfall_days", "p50"), m("shortfall_days", "p75"), m("shortfall_days", "mean")]],
    ["`final_capacity_b200e`: p5 / p25 / p50 / p75", [m("final_capacity_b200e", "p5"), m("final_capacity_b200e", "p25"), m("final_capacity_b200e", "p50"), m("final_capacity_b200e", "p75")]],
    ["`p_permanent_shutdown`: Osaka / Sydney", [site("osaka", "p_permanent_shutdown"), site("sydney", "p_permanent_shutdown")]],
  ]],
  "two-track": ["two-track", [
    ["`training_delay_days`: p50 / p75 / p90 / mean", [delay("p50"), delay("p75"), delay("p90"), delay("mean")]],
    ["`training_delay_over_7_days` / `training_delay_over_30_days`", [p("training_delay_over_7_days"), p("training_delay_over_30_days")]],
    ["`training_delay_days`: `p_unfinished` / `p_status_quo_unfinished`", [delay("p_unfinished"), delay("p_status_quo_unfinished")]],
    ["`days_to_train`: p5 / p50 / p95 / `p_unfinished`", [m("days_to_train", "p5"), m("days_to_train", "p50"), m("days_to_train", "p95"), m("days_to_train", "p_unfinished")]],
    ["capacity on day 0 (p50) / every site built and up", [(s) => s.bands.p50[0], (s) => s.max_capacity_b200e], " B200e"],
    ["`any_shortfall` / `shortfall_7_days`", [p("any_shortfall"), p("shortfall_7_days")]],
    ["`shortfall_days`: p50 / p75 / mean", [m("shortfall_days", "p50"), m("shortfall_days", "p75"), m("shortfall_days", "mean")]],
    ["`final_capacity_b200e`: p5 / p50", [m("final_capacity_b200e", "p5"), m("final_capacity_b200e", "p50")]],
    ["H20 site: `share_of_days_up` / `p_permanent_shutdown`", [site("domestic_h20", "share_of_days_up"), site("domestic_h20", "p_permanent_shutdown")]],
    ["H200 site: `share_of_days_up` / `share_of_full_capacity`", [site("h200_licensed", "share_of_days_up"), site("h200_licensed", "share_of_full_capacity")]],
    ["Ascend site: `share_of_full_capacity`", [site("domestic_ascend", "share_of_full_capacity")]],
  ]],
  "southeast-asia": ["southeast-asia", [
    ["`training_delay_days`: p50 / p75 / p90 / mean", [delay("p50"), delay("p75"), delay("p90"), delay("mean")]],
    ["`training_delay_over_7_days` / `training_delay_over_30_days`", [p("training_delay_over_7_days"), p("training_delay_over_30_days")]],
    ["`training_delay_days`: `p_unfinished` / `p_status_quo_unfinished`", [delay("p_unfinished"), delay("p_status_quo_unfinished")]],
    ["`days_to_train`: p5 / p50 / p95", [m("days_to_train", "p5"), m("days_to_train", "p50"), m("days_to_train", "p95")]],
    ["capacity on day 0 (p50)", [(s) => s.bands.p50[0]], " B200e (Johor 10,000 B200, Singapore 8,000 H200)"],
    ["`any_shortfall` / `shortfall_7_days` / `any_policy_shutdown`", [p("any_shortfall"), p("shortfall_7_days"), p("any_policy_shutdown")]],
    ["`shortfall_days`: p50 / mean", [m("shortfall_days", "p50"), m("shortfall_days", "mean")]],
    ["`final_capacity_b200e`: p25 / p50", [m("final_capacity_b200e", "p25"), m("final_capacity_b200e", "p50")]],
    ["`p_permanent_shutdown`: Johor / Singapore", [site("johor", "p_permanent_shutdown"), site("singapore", "p_permanent_shutdown")]],
  ]],
  "ceo-worst-case": ["ceo-worst-case", [
    ["`training_delay_days`: p5 to p95 / mean", [every("training_delay_days"), delay("mean")]],
    ["`training_delay_over_7_days` / `training_delay_over_30_days`", [p("training_delay_over_7_days"), p("training_delay_over_30_days")]],
    ["`days_to_train`: p5 to p95", [every("days_to_train")]],
    ["`shortfall_days`: p5 to p95 / mean", [every("shortfall_days"), m("shortfall_days", "mean")]],
    ["`longest_shortfall_days`: p5 to p95", [every("longest_shortfall_days")]],
    ["`any_shortfall` / `any_policy_shutdown`", [p("any_shortfall"), p("any_policy_shutdown")]],
    ["`final_capacity_b200e`: p5 to p95", [every("final_capacity_b200e")]],
  ]],
};

/** The tencent-datasection variants, one figure changed at a time. */
const VARIANTS = [
  ["as the preset", ["tencent"]],
  ["no US cloud rule (`shocks[0].rate_per_year` 0)", ["tencent no US rule"]],
  ["US rule at the top of its range (0.81)", ["tencent US rule 0.81"]],
  ["no policy shock and no operator distress (rates of shocks 0–2 and distress 0)", ["tencent no policy or distress"]],
  ["Sydney 10,000 B300 / 85,000 B300", ["tencent Sydney 10,000", "tencent Sydney 85,000"]],
  ["a lifted US closure lasts median 90, p90 365 days", ["tencent closure 90/365"]],
];
/** The tencent-datasection preset's own choices, each undone or pushed to its end. */
const CHOICES = [
  ["as the preset", ["tencent"]],
  ["the US rule at a fixed 0.6 a year (release 0.1.0's rate)", ["tencent US rule fixed 0.6"]],
  ["the floor flat at 11,600", ["tencent floor flat"]],
  ["the floor doubling every 180 days (the CEO's pace)", ["tencent floor at the CEO's pace"]],
  ["no GPU re-let (all come back when a halt lifts)", ["tencent nothing re-let"]],
  ["every halted GPU re-let (none comes back)", ["tencent all re-let"]],
  ["as release 0.1.0 had it, on the new dates", ["tencent as in release 0.1.0"]],
];
const VARIANT_COLUMNS = [
  ["`training_delay_over_7_days`", p("training_delay_over_7_days")],
  ["`training_delay_days.p_unfinished`", delay("p_unfinished")],
  ["`any_shortfall`", p("any_shortfall")],
  ["`shortfall_days` p50", m("shortfall_days", "p50")],
  ["Osaka `p_permanent_shutdown`", site("osaka", "p_permanent_shutdown")],
];

/** Each table's markdown, by name. */
export function tables(runs) {
  const out = {};
  for (const [name, [run, rows]] of Object.entries(TABLES)) {
    const s = runs[run];
    out[name] = ["| figure | printed |", "|---|---|", ...rows.map(([label, getters, unit = ""]) => `| ${label} | ${getters.map((g) => String(g(s))).join(" / ")}${unit} |`)].join("\n");
  }
  const variants = (list) =>
    [
      `| variant | ${VARIANT_COLUMNS.map(([h]) => h).join(" | ")} |`,
      `|---|${VARIANT_COLUMNS.map(() => "---").join("|")}|`,
      ...list.map(([label, names]) => `| ${label} | ${VARIANT_COLUMNS.map(([, g]) => names.map((n) => String(g(runs[n]))).join(" / ")).join(" | ")} |`),
    ].join("\n");
  out["tencent-datasection variants"] = variants(VARIANTS);
  out["tencent-datasection choices"] = variants(CHOICES);
  return out;
}

const BLOCK = /<!-- figures: (.+?) -->\n([\s\S]*?)\n<!-- \/figures -->/g;

/** The document with every table block rewritten from `runs`. */
export function rewrite(doc, runs) {
  const made = tables(runs);
  return doc.replace(BLOCK, (all, name) => {
    if (!(name in made)) throw new Error(`docs/MODEL.md: no table named "${name}"`);
    return `<!-- figures: ${name} -->\n${made[name]}\n<!-- /figures -->`;
  });
}

/** The figures the prose may give: every number a run printed, and the derived ones. */
export const allowed = (runs) => new Set([...printed(runs), ...DERIVED]);

/** Every number any run printed, as the command prints it. */
export function printed(runs) {
  const out = new Set();
  const walk = (x) => {
    if (typeof x === "number") out.add(String(x));
    else if (x && typeof x === "object") Object.values(x).forEach(walk);
  };
  Object.values(runs).forEach(walk);
  return out;
}

/** Decimal figures the section derives rather than quotes, with the arithmetic. */
const DERIVED = new Set([
  "0.71", // the bin of days to train over two years: 730 / 1,024
  "3.718", // the evidence register's span, 7 October 2022 to 26 June 2026: 1,358 days / 365.25
  "0.81", // the 95% upper bound of a rate with no event in 3.718 years: -ln(0.05) / 3.718
  "0.6", // release 0.1.0's assumed US rule rate, a run's input (the table's second row)
]);

/** The section's shares and decimal figures (0.1668, 1023.3) outside its tables and code. */
export function quoted(doc) {
  const start = doc.indexOf("## What each preset says");
  const end = doc.indexOf("\n## ", start + 1);
  const prose = doc.slice(start, end).replace(BLOCK, "").replace(/```[\s\S]*?```/g, "").replace(/`[^`]*`/g, "");
  return [...prose.matchAll(/(?<![\d.,])(?:0\.\d+|\d+\.\d{2,})(?![\d.]*\d)/g)].map((x) => x[0]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = runAll();
  const doc = readFileSync(DOC, "utf8");
  const next = rewrite(doc, runs);
  const all = allowed(runs);
  const stale = quoted(next).filter((x) => !all.has(x) && !DERIVED.has(x));
  if (process.argv.includes("--check")) {
    if (next !== doc) console.error("docs/MODEL.md: a table differs from the command's output (node scripts/model-figures.mjs rewrites them)");
    if (stale.length) console.error(`docs/MODEL.md: figures no run prints: ${stale.join(", ")}`);
    process.exit(next !== doc || stale.length ? 1 : 0);
  }
  writeFileSync(DOC, next);
  console.error(`docs/MODEL.md: ${Object.keys(tables(runs)).length} tables written${stale.length ? `; figures in the prose no run prints: ${stale.join(", ")}` : ""}`);
}
