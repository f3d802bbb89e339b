// The page's split run in three browser engines, in one run: Chromium (chromedriver),
// Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver under xvfb), over W3C WebDriver.
// For each engine: the workers the page starts, and the milliseconds of 100,000-trial runs
// of the default preset (seeds 1, 2, ...; the first includes instantiating the engine in
// each worker). Needs `make site`. Usage:
//   node scripts/bench-engines.mjs [trials, default 100000] [engines, default chromium,firefox,webkit]
// Set WORKERS=n to make the page use n of its workers (to compare worker counts), and RUNS=n
// for more or fewer runs than 20. Each run is also split into its trials (until the last
// worker reports its last share done) and the merge after (the others' accumulators into
// the last worker's, and the summary). Printed: the first run, the median of the
// others, and the median of the last half ("warm"): WebKit takes several busy runs to reach
// its optimised tier in every worker (about seven of these, 7 Dec 2026: 325-365 ms, then
// 226-245), so the ratios compare warm medians.
import { serve } from "./serve.mjs";
import { session } from "./webdriver.mjs";

const trials = Number(process.argv[2] ?? 100_000);
const names = (process.argv[3] ?? "chromium,firefox,webkit").split(",");

const server = await serve(0, "127.0.0.1");
const site = `http://127.0.0.1:${server.address().port}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const name of names) {
  const s = await session(name);
  try {
    await s.call("POST", "/url", { url: `${site}/?trials=1000` });
    await s.run(`const d = arguments[0]; (function p() { const r = document.querySelector(".cs-widget");
      const st = r && r.computeShock && r.computeShock.state;
      if (st && st.summary && !st.previewing && !r.classList.contains("cs-busy")) d(true); else setTimeout(p, 100); })();`);
    // Wait until the workers are idle (the page's sensitivity panel refines in them after a
    // run), so the runs below have the workers to themselves.
    await s.run(`const d = arguments[0]; const sim = document.querySelector(".cs-widget").computeShock.simulator;
      let last = performance.now(); const receive = sim.receive;
      sim.receive = function (k, data) { last = performance.now(); return receive.call(this, k, data); };
      const t0 = performance.now();
      (function p() { const now = performance.now(); if (now - last > 1500 || now - t0 > 30000) { sim.receive = receive; d(true); } else setTimeout(p, 100); })();`);
    const times = [];
    let workers = 0;
    const merges = [];
    for (let seed = 1; seed <= Number(process.env.RUNS ?? 20); seed++) {
      const r = await s.run(
        `const [trials, seed, size, d] = arguments; const sim = document.querySelector(".cs-widget").computeShock.simulator;
         if (size) sim.size = size;
         let last = 0; const receive = sim.receive;
         sim.receive = function (k, data) { if (data.type === "share-done") last = performance.now(); return receive.call(this, k, data); };
         const t0 = performance.now();
         sim.run(document.querySelector(".cs-widget").computeShock.state.scenario, { trials, seed }).then((res) => {
           const t1 = performance.now(); sim.receive = receive;
           d({ ms: t1 - t0, merge: last ? t1 - last : 0, workers: res.workers }); });`,
        [trials, seed, Number(process.env.WORKERS ?? 0)],
      );
      times.push(r.ms);
      merges.push(r.merge);
      workers = r.workers;
    }
    const warm = times.slice(Math.ceil(times.length / 2));
    results.push({ name, version: s.version, workers, first: times[0], median: median(times.slice(1)), warm: median(warm), merge: median(merges.slice(1)) });
  } finally {
    await s.close();
  }
}
server.close();
const chromium = results.find((r) => r.name === "chromium");
console.log("engine\tversion\tworkers\tfirst_ms\tmedian_ms_of_the_rest\tof_which_merge_ms\twarm_median_ms\twarm_ratio_to_chromium");
for (const r of results) {
  const ratio = chromium ? (r.warm / chromium.warm).toFixed(2) : "";
  console.log(`${r.name}\t${r.version}\t${r.workers}\t${Math.round(r.first)}\t${Math.round(r.median)}\t${Math.round(r.merge)}\t${Math.round(r.warm)}\t${ratio}`);
}
