// Runs simulations off the main thread. The newest request always wins: a run checks for a
// newer one between steps and stops. A long run can be split: each worker runs shares of the
// trials (`first`, `trials`) as the page hands them out, one at a time, into one
// accumulator, then sends the accumulator's bytes; one worker merges them.
import init, { Run, presets, lastPanic, __panicForTest } from "./pkg/compute_shock.js";

let latest = 0;
let memory = null;
const ready = init().then((wasm) => {
  memory = wasm.memory;
  postMessage({ type: "ready", presets: presets() });
});

/** Lets queued messages (a newer request) arrive between steps. A MessageChannel task, not
 * setTimeout(0), which browsers clamp to 4 ms once timeouts nest. */
const channel = new MessageChannel();
let resume = null;
channel.port1.onmessage = () => resume?.();
const yieldToMessages = () =>
  new Promise((resolve) => {
    resume = resolve;
    channel.port2.postMessage(0);
  });

/** Trials per step: about 25 ms of work, so a newer request waits little. */
let trialsPerStep = 1000;

const fatal = (id, e) => postMessage({ type: "error", id, fatal: true, message: lastPanic() ?? String(e.message ?? e) });

/** Runs the run's current range in steps; false if a newer request arrived meanwhile. */
async function steps(sim, id, index, total) {
  while (!sim.done) {
    const t0 = performance.now();
    const done = sim.step(trialsPerStep);
    const spent = performance.now() - t0;
    if (spent > 0) trialsPerStep = Math.max(100, Math.min(50_000, Math.round((trialsPerStep * 25) / spent)));
    if (!sim.done) {
      postMessage({ type: "progress", id, index, done, total });
      await yieldToMessages();
      if (latest !== id) return false;
    }
  }
  return true;
}

/** A split run's worker waiting for its next share: resolved by a "share" or "finish"
 * message for that run, or with null when a newer request arrives. */
let order = null;
const nextOrder = (id) => new Promise((resolve) => (order = { id, resolve }));
function answer(data) {
  const waiting = order;
  order = null;
  waiting?.resolve(data);
}

async function run({ id, index, scenario, trials, seed, bins, first, part }) {
  let sim;
  try {
    sim = new Run(scenario, { trials, seed, bins, first });
  } catch (e) {
    postMessage({ type: "error", id, message: String(e.message ?? e) });
    return;
  }
  try {
    const started = performance.now();
    if (!(await steps(sim, id, index, trials))) return; // a newer request has arrived
    if (part) {
      // Take shares while the page has them (a worker on a slower core takes fewer), then
      // send the accumulator.
      for (;;) {
        postMessage({ type: "share-done", id, index, done: sim.ran });
        const next = await nextOrder(id);
        if (!next) return;
        if (next.type === "finish") break;
        sim.extend(next.first, next.trials);
        if (!(await steps(sim, id, index, next.trials))) return;
      }
      const state = sim.state();
      postMessage({ type: "part", id, index, state }, [state.buffer]);
    } else {
      const summary = sim.summary();
      postMessage({ type: "result", id, summary, elapsed: performance.now() - started }, Object.values(summary.bands).map((a) => a.buffer));
    }
  } catch (e) {
    fatal(id, e); // a panic in the engine is a bug: report it with the engine's own message
  } finally {
    sim.free();
  }
}

function merge({ id, scenario, trials, seed, bins, parts, started }) {
  let sim;
  try {
    sim = new Run(scenario, { trials, seed, bins });
    for (const state of parts) sim.absorb(state);
    const summary = sim.summary();
    postMessage({ type: "result", id, summary, elapsed: performance.now() + performance.timeOrigin - started }, Object.values(summary.bands).map((a) => a.buffer));
  } catch (e) {
    fatal(id, e);
  } finally {
    sim?.free();
  }
}

// One run at a time: a newer request waits for the current run to notice it and free its
// memory, so a burst of changes never holds several accumulators at once.
let queued = null;
let pumping = false;
async function pump() {
  pumping = true;
  while (queued) {
    const job = queued;
    queued = null;
    if (job.id >= latest) await run(job);
  }
  pumping = false;
}

onmessage = async ({ data }) => {
  await ready;
  if (data.type === "cancel") {
    latest = Math.max(latest, data.id);
    if (order && order.id < latest) answer(null);
  } else if (data.type === "run") {
    latest = data.id;
    if (order && order.id < latest) answer(null);
    queued = data;
    if (!pumping) pump();
  } else if (data.type === "share" || data.type === "finish") {
    if (order?.id === data.id) answer(data);
  } else if (data.type === "merge") {
    if (data.id >= latest) merge(data);
  } else if (data.type === "memory") {
    postMessage({ type: "memory", bytes: memory.buffer.byteLength });
  } else if (data.type === "panic-for-test") {
    try {
      __panicForTest();
    } catch (e) {
      fatal(latest, e);
    }
  }
};
