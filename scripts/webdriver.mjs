// Browser engines driven over plain W3C WebDriver from Node (fetch to the driver; no test
// framework, no browser downloads): Chromium through ChromeDriver, Firefox ESR through
// geckodriver, WebKitGTK through WebKitWebDriver under a virtual display. Used by the
// Firefox/WebKit page pass (tests/e2e/engines.test.mjs) and the three-engine benchmark
// (scripts/bench-engines.mjs).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

export const ENGINES = {
  chromium: {
    driver: process.env.CHROMEDRIVER ?? "chromedriver",
    args: (port) => [`--port=${port}`],
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: process.env.CHROMIUM ?? "/usr/bin/chromium",
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
      },
    },
  },
  firefox: {
    driver: process.env.GECKODRIVER ?? "geckodriver",
    args: (port) => ["--port", String(port), "--host", "127.0.0.1"],
    capabilities: { browserName: "firefox", "moz:firefoxOptions": { args: ["-headless"], prefs: { "datareporting.policy.dataSubmissionEnabled": false } } },
  },
  webkit: {
    // WebKitGTK needs a display: the driver runs under xvfb-run.
    driver: "xvfb-run",
    args: (port) => ["-a", process.env.WEBKITWEBDRIVER ?? "WebKitWebDriver", `--port=${port}`, "--host=127.0.0.1"],
    capabilities: { browserName: "MiniBrowser", "webkitgtk:browserOptions": { args: ["--automation"] } },
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

/** Starts the engine's driver and a session: `call(method, path, body)` against the
 * session, `run(script, args)` for an async script (its last argument is `done`), `close()`. */
export async function session(name) {
  const engine = ENGINES[name];
  const port = await freePort();
  const proc = spawn(engine.driver, engine.args(port), { stdio: "ignore", detached: true });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok && (await r.json()).value?.ready !== false) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${name}: driver did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const raw = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });
    const json = await r.json();
    if (!r.ok) throw new Error(`${name} ${method} ${path}: ${JSON.stringify(json.value).slice(0, 400)}`);
    return json.value;
  };
  const created = await raw("POST", "/session", { capabilities: { alwaysMatch: engine.capabilities } });
  const call = (method, path, body) => raw(method, `/session/${created.sessionId}${path}`, body);
  return {
    call,
    version: created.capabilities.browserVersion,
    run: (script, args = []) => call("POST", "/execute/async", { script, args }),
    async close() {
      await call("DELETE", "").catch(() => {});
      try {
        process.kill(-proc.pid);
      } catch {}
    },
  };
}
