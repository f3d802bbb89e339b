// The page's split run in three browser engines, in one run: Chromium (chromedriver),
// Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver under xvfb), over W3C WebDriver.
// For each engine: the workers the page starts, and the milliseconds of five 100,000-trial
// runs of the default preset (seeds 1-5; the first includes compiling the engine in each
// worker). Needs `make site`. Usage:
//   node scripts/bench-engines.mjs [trials, default 100000] [engines, default chromium,firefox,webkit]
// Set WORKERS=n to make the page use n of its workers (to compare worker counts).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { serve } from "./serve.mjs";

const trials = Number(process.argv[2] ?? 100_000);
const names = (process.argv[3] ?? "chromium,firefox,webkit").split(",");
const ENGINES = {
  chromium: {
    driver: "chromedriver",
    args: (p) => [`--port=${p}`],
    caps: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
      },
    },
  },
  firefox: { driver: "geckodriver", args: (p) => ["--port", String(p), "--host", "127.0.0.1"], caps: { browserName: "firefox", "moz:firefoxOptions": { args: ["-headless"] } } },
  webkit: {
    driver: "xvfb-run",
    args: (p) => ["-a", "WebKitWebDriver", `--port=${p}`, "--host=127.0.0.1"],
    caps: { browserName: "MiniBrowser", "webkitgtk:browserOptions": { args: ["--automation"] } },
  },
};

const freePort = () =>
  new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

const server = await serve(0, "127.0.0.1");
const site = `http://127.0.0.1:${server.address().port}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const name of names) {
  const e = ENGINES[name];
  const port = await freePort();
  const proc = spawn(e.driver, e.args(port), { stdio: "ignore", detached: true });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/status`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const raw = async (method, path, body) => {
    const r = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });
    const json = await r.json();
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(json.value).slice(0, 300)}`);
    return json.value;
  };
  const created = await raw("POST", "/session", { capabilities: { alwaysMatch: e.caps } });
  const id = created.sessionId;
  const run = (script, args = []) => raw("POST", `/session/${id}/execute/async`, { script, args });
  try {
    await raw("POST", `/session/${id}/url`, { url: `${site}/?trials=1000` });
    await run(`const d = arguments[0]; (function p() { const r = document.querySelector(".cs-widget");
      const s = r && r.computeShock && r.computeShock.state;
      if (s && s.summary && !s.previewing && !r.classList.contains("cs-busy")) d(true); else setTimeout(p, 100); })();`);
    const times = [];
    let workers = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const r = await run(
        `const [trials, seed, size, d] = arguments; const api = document.querySelector(".cs-widget").computeShock;
         if (size) api.simulator.size = size;
         const t0 = performance.now();
         api.simulator.run(api.state.scenario, { trials, seed }).then((res) => d({ ms: performance.now() - t0, workers: res.workers }));`,
        [trials, seed, Number(process.env.WORKERS ?? 0)],
      );
      times.push(r.ms);
      workers = r.workers;
    }
    results.push({ name, version: created.capabilities.browserVersion, workers, first: times[0], median: median(times.slice(1)) });
  } finally {
    await raw("DELETE", `/session/${id}`).catch(() => {});
    try {
      process.kill(-proc.pid);
    } catch {}
  }
}
server.close();
const chromium = results.find((r) => r.name === "chromium");
console.log("engine\tversion\tworkers\tfirst_ms\tmedian_ms_of_next_4\tratio_to_chromium");
for (const r of results) {
  const ratio = chromium ? (r.median / chromium.median).toFixed(2) : "";
  console.log(`${r.name}\t${r.version}\t${r.workers}\t${Math.round(r.first)}\t${Math.round(r.median)}\t${ratio}`);
}
