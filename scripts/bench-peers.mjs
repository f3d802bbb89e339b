// The engine beside its peers on one small model (benches/small.json), in one Node.js process,
// each producing the same named outputs: the last day's capacity at its 5th, 25th, 50th, 75th
// and 95th percentiles, its mean, and the share of futures below the floor (30,000 B200e) that
// day. The model: five sites of 10,000 B200e, a week, one kind of shock arriving 0.8 times on
// average (a Poisson process), each site complying with each arrival with probability 0.3 and
// shut for good from that moment (so a shock arriving on the last day takes part of it).
//
//   - ours: `simulate()` from pkg/ (needs `make build`). It also makes every day's bands, the
//     per-trial figures' histograms, the probabilities, the sites' table and a status-quo run;
//     each (trial, component) has its own keyed stream, so any split of the trials, in any
//     engine, gives the same bytes.
//   - a JavaScript loop with one sfc32 generator: the outputs above and nothing else; its
//     numbers change when the trials are split or reordered.
//   - the same loop with keyed streams per (trial, component) (a 32-bit counter hash): the
//     outputs above, split-invariant as ours are.
//   - Squiggle 0.10 (@quri/squiggle-lang), each future drawn by a function
//     (`SampleSet.fromFn`): the outputs above. It takes about a second per 1,000 futures
//     here, so it runs `trials / 10` futures and its time is scaled up by 10.
//   - Squiggle 0.10 vectorised, a different model: a site lost for the whole period when any
//     arrival in the week complied (no part-day), one mean out. Kept because it is how a
//     Squiggle user would first write it; its numbers are not the others'.
//
// Each engine's outputs are printed beside ours with the Monte Carlo standard error of the
// difference of means, so a reader can see the engines compute the same thing.
// Usage: node scripts/bench-peers.mjs [trials, default 100000] [runs, default 5]
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { run as squiggle, defaultEnvironment } from "@quri/squiggle-lang";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const trials = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const scenario = JSON.parse(await readFile(join(root, "benches/small.json"), "utf8"));
const wasm = await import(join(root, "pkg/compute_shock.js"));
wasm.initSync({ module: await readFile(join(root, "pkg/compute_shock_bg.wasm")) });

// The model's figures, read from the scenario the engine runs.
const SITES = scenario.sites.length;
const GPUS = scenario.sites[0].gpus;
const DAYS = scenario.horizon_days;
const [shock] = scenario.shocks;
const RATE = (shock.rate_per_year / 365) * DAYS; // expected arrivals in the period
const COMPLY = shock.comply_probability;
const FLOOR = scenario.requirement_b200e;
if (!scenario.sites.every((s) => s.gpus === GPUS && (s.availability ?? 1) === 1 && s.chip === "B200") || shock.permanent_probability !== 1) {
  throw new Error("benches/small.json is no longer the model this benchmark writes out by hand");
}

/** Median milliseconds of `runs` runs of `f` (after one run to warm up), and its last result. */
async function time(f, n = runs) {
  let result = await f(0);
  const ms = [];
  for (let r = 1; r <= n; r++) {
    const t0 = performance.now();
    result = await f(r);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(n / 2)], result };
}

/** The named outputs of a last-day capacity per future (sorted in place). */
function outputs(capacity) {
  capacity.sort();
  const n = capacity.length;
  // The nearest-rank percentile, as the engine's bins report one.
  const q = (p) => capacity[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))];
  let sum = 0;
  let sq = 0;
  let below = 0;
  for (const x of capacity) {
    sum += x;
    sq += x * x;
    if (x < FLOOR * (1 - 2 ** -30)) below++;
  }
  const mean = sum / n;
  return { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), mean, below: below / n, sd: Math.sqrt(Math.max(0, sq / n - mean * mean)), n };
}

/** A site's share of the last day up, when shut for good at `t` (days from the start). */
const upShare = (t) => Math.max(0, Math.min(1, t - (DAYS - 1)));

/** One future's last-day capacity, from a source of uniforms for its arrivals and one per site. */
const up = new Float64Array(SITES);
function future(arrivals, complies) {
  up.fill(1);
  // Arrivals of a Poisson process over the period: exponential gaps.
  for (let t = (-Math.log(arrivals()) / RATE) * DAYS; t < DAYS; t += (-Math.log(arrivals()) / RATE) * DAYS) {
    for (let s = 0; s < SITES; s++) if (complies(s) < COMPLY) up[s] = Math.min(up[s], upShare(t));
  }
  let n = 0;
  for (let s = 0; s < SITES; s++) n += up[s];
  return GPUS * n;
}

const ours = await time((r) => {
  const s = wasm.simulate(scenario, { trials, seed: 1 + r });
  const b = s.bands;
  const last = b.p50.length - 1;
  const m = s.metrics.final_capacity_b200e;
  return { p5: b.p5[last], p25: b.p25[last], p50: b.p50[last], p75: b.p75[last], p95: b.p95[last], mean: b.mean[last], below: b.below_requirement[last], sd: null, n: trials, p90: m.p90 };
});

const sfc = await time((r) => {
  // sfc32, seeded per run: one sequence for every draw of every future.
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = r + 1;
  const uniform = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296 + 1 / 8589934592;
  };
  for (let i = 0; i < 12; i++) uniform();
  const capacity = new Float64Array(trials);
  for (let t = 0; t < trials; t++) capacity[t] = future(uniform, uniform);
  return outputs(capacity);
});

/** A 32-bit mix (lowbias32), a bijection of 32-bit words. */
const mix = (x) => {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
};
const keyed = await time((r) => {
  // Draw j of component k (0: arrivals, 1 + s: site s's compliance) in future t is a hash of
  // (seed, k, t, j): any split or order of the futures gives the same numbers.
  const seed = mix(r + 1);
  const capacity = new Float64Array(trials);
  let base = 0;
  let j = 0;
  const next = new Uint32Array(SITES);
  const arrivals = () => (mix(base ^ mix(++j * 0x9e3779b9)) + 0.5) / 4294967296;
  const complies = (s) => (mix(mix(base + s + 1) ^ mix(++next[s] * 0x9e3779b9)) + 0.5) / 4294967296;
  for (let t = 0; t < trials; t++) {
    base = mix(seed ^ mix(t));
    j = 0;
    next.fill(0);
    capacity[t] = future(arrivals, complies);
  }
  return outputs(capacity);
});

const perFuture = Math.max(1, Math.round(trials / 10));
const code = `
upShare(t) = max([0, min([1, t - ${DAYS - 1}])])
future(i) = {
  n = sample(Danger.poissonDist(${RATE}))
  times = n == 0 ? [] : List.map(List.upTo(1, n), {|j| sample(uniform(0, ${DAYS}))})
  site(k) = List.reduce(times, 1, {|acc, t| sample(uniform(0, 1)) < ${COMPLY} ? min([acc, upShare(t)]) : acc})
  ${GPUS} * (${Array.from({ length: SITES }, (_, k) => `site(${k + 1})`).join(" + ")})
}
capacity = SampleSet.fromFn(future)
[quantile(capacity, 0.05), quantile(capacity, 0.25), quantile(capacity, 0.5), quantile(capacity, 0.75), quantile(capacity, 0.95), mean(capacity), cdf(capacity, ${FLOOR} - 0.01), stdev(capacity)]`;
const squiggleFn = await time(async (r) => {
  const out = await squiggle(code, { environment: { ...defaultEnvironment, sampleCount: perFuture, seed: String(1 + r) } });
  if (!out.result.ok) throw new Error(String(out.result.value));
  const [p5, p25, p50, p75, p95, mean, below, sd] = out.result.value.result.asJS();
  return { p5, p25, p50, p75, p95, mean, below, sd, n: perFuture };
}, Math.min(runs, 3));
squiggleFn.ms *= trials / perFuture;

const week = `
shocks = SampleSet.fromDist(Danger.poissonDist(${RATE}))
survive = ${1 - COMPLY} ^ shocks
site() = SampleSet.map2(survive, SampleSet.fromDist(uniform(0, 1)), {|s, u| u < s ? 1 : 0})
capacity = ${GPUS} * (${Array.from({ length: SITES }, () => "site()").join(" + ")})
mean(capacity)`;
const squiggleWeek = await time(async (r) => {
  const out = await squiggle(week, { environment: { ...defaultEnvironment, sampleCount: trials, seed: String(1 + r) } });
  if (!out.result.ok) throw new Error(String(out.result.value));
  return { mean: Number(String(out.result.value.result)) };
});

const rate = (ms) => Math.round((trials / ms) * 1000).toLocaleString("en");
const f = (x, d = 0) => (x === undefined ? "-" : x.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d }));
console.log(`${trials.toLocaleString("en")} futures, median of ${runs} runs after one to warm up (Node.js ${process.versions.node}); Squiggle by function: ${perFuture.toLocaleString("en")} futures, its time x ${trials / perFuture}`);
console.log("engine\tms\tfutures a second\ttime against ours\tp5\tp25\tp50\tp75\tp95\tmean\tbelow floor\tmean - ours (SE)");
const rows = [
  ["ours (wasm), every output, split-invariant", ours],
  ["JavaScript loop, sfc32, these outputs only", sfc],
  ["JavaScript loop, keyed streams, these outputs only, split-invariant", keyed],
  ["Squiggle 0.10 by function, these outputs", squiggleFn],
  ["Squiggle 0.10 vectorised, whole-week model, mean only", squiggleWeek],
];
for (const [name, { ms, result: o }] of rows) {
  const ratio = o === ours.result ? "" : (ms / ours.ms).toFixed(2) + "x";
  // The difference of two means, each with its standard error (ours: taken as the loop's).
  const se = o.sd != null ? Math.sqrt((o.sd * o.sd) / o.n + (sfc.result.sd * sfc.result.sd) / trials) : null;
  const diff = o !== ours.result && se != null ? `${f(o.mean - ours.result.mean)} (${f(se)})` : "";
  console.log(`${name}\t${ms.toFixed(1)}\t${rate(ms)}\t${ratio}\t${f(o.p5)}\t${f(o.p25)}\t${f(o.p50)}\t${f(o.p75)}\t${f(o.p95)}\t${f(o.mean)}\t${f(o.below, 4)}\t${diff}`);
}
