// The engine beside two peers on one small model, in one Node.js process: five sites of
// 10,000 B200e, one shock type arriving 0.8 times on average in a week (a Poisson process),
// each site complying with each arrival with probability 0.3 and shut for the rest of the
// week when it does (benches/small.json).
//   - ours: `simulate()` from pkg/ (needs `make build`), the whole model: per-component
//     ChaCha8 streams, the week day by day, the daily bands and every summary figure;
//   - Squiggle 0.10 (@quri/squiggle-lang): the same week as one period, sample by sample;
//   - a hand-written JavaScript loop: the same draws with one xorshift generator, no
//     reproducible streams, and the capacity's mean and percentiles at the end.
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

/** Median milliseconds of `runs` runs of `f` (after one run to warm up), and its last result. */
async function time(f) {
  let result = await f(0);
  const ms = [];
  for (let r = 1; r <= runs; r++) {
    const t0 = performance.now();
    result = await f(r);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(runs / 2)], result };
}

const ours = await time((r) => wasm.simulate(scenario, { trials, seed: 1 + r }).metrics.final_capacity_b200e.mean);

const code = `
shocks = SampleSet.fromDist(Danger.poissonDist(0.8))
survive = 0.7 ^ shocks
site() = SampleSet.map2(survive, SampleSet.fromDist(uniform(0, 1)), {|s, u| u < s ? 1 : 0})
capacity = 10000 * (site() + site() + site() + site() + site())
mean(capacity)`;
const peer = await time(async (r) => {
  const out = await squiggle(code, { environment: { ...defaultEnvironment, sampleCount: trials, seed: String(1 + r) } });
  if (!out.result.ok) throw new Error(String(out.result.value));
  return Number(String(out.result.value.result));
});

const loop = await time((r) => {
  // sfc32, seeded per run.
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = r + 1;
  const uniform = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = ((c << 21) | (c >>> 11)) + t | 0;
    return (t >>> 0) / 4294967296 + 1 / 8589934592;
  };
  for (let i = 0; i < 12; i++) uniform();
  const rate = 0.8;
  const capacity = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let up = 0b11111;
    // Arrivals of a Poisson process over the week: exponential gaps.
    for (let time = -Math.log(uniform()) / rate; time < 1; time -= Math.log(uniform()) / rate) {
      for (let site = 0; site < 5; site++) if (uniform() < 0.3) up &= ~(1 << site);
    }
    let n = 0;
    for (let site = 0; site < 5; site++) n += (up >> site) & 1;
    capacity[t] = 10_000 * n;
  }
  capacity.sort();
  let sum = 0;
  for (const x of capacity) sum += x;
  return sum / trials;
});

const rate = (ms) => Math.round((trials / ms) * 1000).toLocaleString("en");
console.log(`${trials.toLocaleString("en")} trials, median of ${runs} runs after one to warm up (Node.js ${process.versions.node})`);
console.log("engine\tms\ttrials per second\tmean capacity\tours is faster by");
for (const [name, r] of [["ours (wasm)", ours], ["Squiggle 0.10", peer], ["JavaScript loop", loop]]) {
  const ratio = name.startsWith("ours") ? "" : (r.ms / ours.ms).toFixed(2) + "x";
  console.log(`${name}\t${r.ms.toFixed(1)}\t${rate(r.ms)}\t${Math.round(r.result).toLocaleString("en")}\t${ratio}`);
}
console.log("(ours: capacity on the week's last day, which a shock arriving that day takes part of; the others: for the whole period)");
