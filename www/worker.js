// Runs simulations off the main thread. The newest request always wins: a run checks for a
// newer one between steps and stops, and results carry the id of the request they answer.
import init, { Run, presets, lastPanic, __panicForTest } from "./pkg/compute_shock.js";

let latest = 0;
const ready = init().then(() => {
  postMessage({ type: "ready", presets: presets() });
});

/** Lets queued messages (a newer request) arrive between steps. */
const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Trials per step: about 25 ms of work, so a newer request waits little. */
let trialsPerStep = 1000;

async function run({ id, scenario, trials, seed, bins }) {
  let sim;
  try {
    sim = new Run(scenario, { trials, seed, bins });
  } catch (e) {
    postMessage({ type: "error", id, message: String(e.message ?? e) });
    return;
  }
  try {
    const started = performance.now();
    while (!sim.done) {
      const t0 = performance.now();
      const done = sim.step(trialsPerStep);
      const spent = performance.now() - t0;
      if (spent > 0) trialsPerStep = Math.max(100, Math.min(50_000, Math.round((trialsPerStep * 25) / spent)));
      if (!sim.done) {
        postMessage({ type: "progress", id, done, total: trials });
        await yieldToMessages();
        if (latest !== id) return; // a newer request has arrived
      }
    }
    const summary = sim.summary();
    const elapsed = performance.now() - started;
    const buffers = Object.values(summary.bands).map((a) => a.buffer);
    postMessage({ type: "result", id, summary, elapsed }, buffers);
  } catch (e) {
    // A panic in the engine is a bug: report it with the engine's own message.
    postMessage({ type: "error", id, fatal: true, message: lastPanic() ?? String(e.message ?? e) });
  } finally {
    sim.free();
  }
}

onmessage = async ({ data }) => {
  await ready;
  if (data.type === "run") {
    latest = data.id;
    run(data);
  } else if (data.type === "panic-for-test") {
    try {
      __panicForTest();
    } catch (e) {
      postMessage({ type: "error", id: latest, fatal: true, message: lastPanic() ?? String(e) });
    }
  }
};
