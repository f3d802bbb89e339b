// Times the engine natively (one thread), in WebAssembly under Node.js, and in WebAssembly in
// headless Chromium (main thread, one core), in the same run, and prints trials per second for
// every preset at each trial count, with the wasm/native ratio per core.
//   node scripts/bench.mjs [trials,trials,…] [repeat]
// Needs `make build` (pkg/ and target/release/compute-shock).
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { start } from "../tests/e2e/browser.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const counts = (process.argv[2] ?? "1000,10000,100000").split(",").map(Number);
const repeat = Number(process.argv[3] ?? 5);

/** The body that runs in both Node.js and the browser: median ms of `simulate` per case. */
async function timeAll(simulate, presets, counts, repeat) {
  const rows = [];
  // The widget's preview while a slider moves: 1,000 trials at 128 bins a day, 40 times
  // (a frame's budget is about the tail as much as the median).
  for (const p of presets) {
    const times = [];
    simulate(p.scenario, { trials: 1000, seed: 1, bins: 128 });
    for (let r = 0; r < 40; r++) {
      const t0 = performance.now();
      simulate(p.scenario, { trials: 1000, seed: 1 + (r % 5), bins: 128 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    rows.push({ preset: p.id, trials: "preview", ms: times[20], p90: times[36], min: times[0] });
  }
  for (const p of presets) {
    for (const n of counts) {
      simulate(p.scenario, { trials: Math.min(n, 1000), seed: 1 }); // warm up
      const times = [];
      for (let r = 0; r < repeat; r++) {
        const t0 = performance.now();
        simulate(p.scenario, { trials: n, seed: 1 });
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push({ preset: p.id, trials: n, ms: times[Math.floor(times.length / 2)] });
    }
  }
  return rows;
}

// Native, one thread.
const native = new Map();
for (const n of counts) {
  const out = execFileSync(join(root, "target/release/compute-shock"), ["bench", "--trials", String(n), "--repeat", String(repeat)], { encoding: "utf8" });
  for (const line of out.trim().split("\n").slice(1)) {
    const [preset, trials, ms] = line.split("\t");
    native.set(`${preset}/${trials}`, Number(ms));
  }
}

// WebAssembly in Node.js.
const wasm = await import(join(root, "pkg/compute_shock.js"));
wasm.initSync({ module: await readFile(join(root, "pkg/compute_shock_bg.wasm")) });
/** The presets as the page loads them (presets.json, written by site.mjs). */
const { presets } = await (await import(join(root, "scripts/site.mjs"))).presetFiles();
const nodeRows = await timeAll(wasm.simulate, presets, counts, repeat);

// WebAssembly in Chromium.
const env = await start();
const page = await env.context.newPage();
await page.goto(`${env.base}/`);
const chromeRows = await page.evaluate(
  async ({ body, counts, repeat, presets }) => {
    const wasm = await import("/pkg/compute_shock.js");
    await wasm.default();
    const timeAll = new Function(`return (${body})`)();
    return timeAll(wasm.simulate, presets, counts, repeat);
  },
  { body: timeAll.toString(), counts, repeat, presets },
);
// What the daily table's size costs: 30,000 trials of the default preset in one thread with
// 128 bins a day (a 1.9 MB table) and with 1,024 (15 MB), alternately, median of 3 each.
const resolution = await page.evaluate(async (scenario) => {
  const wasm = await import("/pkg/compute_shock.js");
  await wasm.default();
  const times = { 128: [], 1024: [] };
  for (let r = 0; r < 3; r++) {
    for (const bins of [128, 1024]) {
      const t0 = performance.now();
      wasm.simulate(scenario, { trials: 30_000, seed: 1, bins });
      times[bins].push(performance.now() - t0);
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[1];
  return { coarse: median(times[128]), fine: median(times[1024]) };
}, presets[0].scenario);
// The widget's own path: 100,000 trials of the default preset through its worker pool.
const pool = await page.evaluate(async () => {
  await new Promise((ok) => {
    const wait = () => (document.querySelector(".cs-widget")?.computeShock?.state.summary ? ok() : setTimeout(wait, 50));
    wait();
  });
  const api = document.querySelector(".cs-widget").computeShock;
  const scenario = api.state.presets[0].scenario;
  // Also how long the first worker to finish waits for the last (the pool's imbalance): when
  // each worker last reported a share done (the last report, with no shares left, is its end).
  const sim = api.simulator;
  const receive = sim.receive.bind(sim);
  let arrivals = [];
  sim.receive = (k, data) => {
    if (data.type === "share-done") arrivals[k] = performance.now();
    return receive(k, data);
  };
  const times = [];
  const waits = [];
  for (let r = 0; r < 7; r++) {
    arrivals = [];
    const t0 = performance.now();
    await sim.run(scenario, { trials: 100_000, seed: 1 });
    times.push(performance.now() - t0);
    waits.push(Math.max(...arrivals) - Math.min(...arrivals));
  }
  sim.receive = receive;
  times.sort((a, b) => a - b);
  waits.sort((a, b) => a - b);
  return { workers: sim.size, ms: times[3], min: times[0], max: times[6], wait: waits[3] };
});
// A mid-range phone: Chromium's CPU throttled 4x (DevTools' "4x slowdown"), then the same
// 1,000-trial previews of the default preset as above, 40 of them.
const cdp = await env.context.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
const throttled = await page.evaluate(async (scenario) => {
  const wasm = await import("/pkg/compute_shock.js");
  await wasm.default();
  wasm.simulate(scenario, { trials: 1000, seed: 1, bins: 128 });
  const ms = [];
  for (let r = 0; r < 40; r++) {
    const t0 = performance.now();
    wasm.simulate(scenario, { trials: 1000, seed: 1 + (r % 5), bins: 128 });
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[20], min: ms[0], p90: ms[36] };
}, presets[0].scenario);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
await env.close();

const rate = (n, ms) => Math.round((n / ms) * 1000).toLocaleString("en-GB");
console.log(`median of ${repeat} runs; trials per second (ms per run); ratio = wasm time / native time, one core each`);
console.log(["preset", "trials", "native", "node wasm", "chromium wasm", "node/native", "chromium/native"].join("\t"));
console.log(
  `100,000 trials of the default preset through the page's ${pool.workers} workers in Chromium: ${pool.ms.toFixed(0)} ms wall (median of 7; ${pool.min.toFixed(0)}-${pool.max.toFixed(0)}); the last worker finished ${pool.wait.toFixed(0)} ms after the first (median)`,
);
console.log(
  `30,000 trials of the default preset in Chromium, one thread: ${resolution.coarse.toFixed(0)} ms with 128 bins a day, ${resolution.fine.toFixed(0)} ms with 1,024 (median of 3)`,
);
console.log(
  `preview of the default preset with Chromium's CPU throttled 4x (1,000 trials, 128 bins a day, 40 runs): median ${throttled.median.toFixed(1)} ms, fastest ${throttled.min.toFixed(1)}, 90th percentile ${throttled.p90.toFixed(1)}`,
);
console.log("preview (1,000 trials, 128 bins a day, 40 runs), ms: node median / chromium median, fastest, 90th percentile");
nodeRows.filter((r) => r.trials === "preview").forEach((row) => {
  const c = chromeRows.find((x) => x.preset === row.preset && x.trials === "preview");
  console.log([row.preset, row.ms.toFixed(1), `${c.ms.toFixed(1)}, ${c.min.toFixed(1)}, ${c.p90.toFixed(1)}`].join("\t"));
});
nodeRows.filter((r) => r.trials !== "preview").forEach((row) => {
  const c = chromeRows.find((x) => x.preset === row.preset && x.trials === row.trials);
  const n = native.get(`${row.preset}/${row.trials}`);
  console.log(
    [row.preset, row.trials, `${rate(row.trials, n)} (${n.toFixed(1)})`, `${rate(row.trials, row.ms)} (${row.ms.toFixed(1)})`, `${rate(row.trials, c.ms)} (${c.ms.toFixed(1)})`, (row.ms / n).toFixed(2), (c.ms / n).toFixed(2)].join("\t"),
  );
});
