// Runs simulations off the main thread. The newest request always wins: a run checks for a
// newer one between steps and stops. A long run can be split: each worker runs shares of the
// trials (`first`, `trials`) as the page hands them out, one at a time, into one
// accumulator; then each but the last to finish sends its accumulator's bytes, and the last
// adds them to its own and sends the summary. The messages are in messages.js.
// The module's exports are read as a namespace: a name only a test build has
// (`__panicForTest`) must not be imported by name, or the production module would not load.
import * as engine from "../pkg/compute_shock.js";
import { MSG, errorOf, failed, progress, ready as readyMessage } from "./messages.js";

const { Run } = engine;
let latest = 0;
let memory = null;
/** The engine, from the module the page compiled (or fetched and compiled here if the page
 * could not): every message waits for it. */
let start = null;
const init = new Promise((resolve) => (start = resolve));
const ready = init.then((module) =>
  engine.default(module ? { module_or_path: module } : undefined).then((wasm) => {
    memory = wasm.memory;
    postMessage(readyMessage(engine.limits()));
  }),
);
// A missing, truncated or corrupt engine: say so, once (the page shows its static edition).
ready.catch((e) => postMessage({ type: MSG.UNAVAILABLE, message: String(e?.message ?? e) }));

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

/** Every trial this worker has run (main runs and paired runs), for tests that check what
 * work a change costs. */
let trialsRun = 0;

/** Runs `n` trials; returns the next step's size: about 25 ms at this step's pace, and at
 * most four times this one, so a run's first steps (1, 4, 16, … trials) find the pace of a
 * scenario whose trials may cost a thousand times a preset's before a long step. */
function step(sim, n) {
  const t0 = performance.now();
  const before = sim.ran;
  sim.step(n);
  const spent = performance.now() - t0;
  trialsRun += sim.ran - before;
  return Math.max(1, Math.min(50_000, 4 * n, spent > 0 ? Math.round((n * 25) / spent) : Infinity));
}

/** A panic in the engine is a bug: reported with the engine's own message. */
const fatal = (id, e) => postMessage(failed(id, { message: engine.lastPanic() ?? String(e?.message ?? e) }, true));

/** Runs the run's current range in steps; false if a newer request arrived meanwhile. */
async function steps(sim, id, index, total) {
  for (let n = 1; !sim.done; ) {
    n = step(sim, n);
    if (!sim.done) {
      postMessage(progress(id, index, sim.ran, total));
      await yieldToMessages();
      if (latest !== id) return false;
    }
  }
  return true;
}

/** A split run's worker waiting for its next share: resolved by a "share" or "finish"
 * message for that run, or with null when a newer request arrives. */
let order = null;
/** The newest split run for which the page has no share left (a "last" message). */
let noSharesLeft = 0;
const nextOrder = (id) => new Promise((resolve) => (order = { id, resolve }));
function answer(data) {
  const waiting = order;
  order = null;
  waiting?.resolve(data);
}

async function run({ id, index, scenario, trials, seed, bins, first, part, whole }) {
  let sim;
  try {
    if (whole) engine.validate(scenario, { trials: whole, seed, bins });
    sim = new Run(scenario, { trials, seed, bins, first });
  } catch (e) {
    postMessage(failed(id, e)); // bad input: the engine's error names the field
    return;
  }
  try {
    const started = performance.now();
    if (!(await steps(sim, id, index, trials))) return; // a newer request has arrived
    if (part) {
      // Take shares while the page has them (a worker on a slower core takes fewer), then
      // send the accumulator, or (the last worker) take the others' and send the summary.
      let next;
      for (;;) {
        // Once the page has no share left (`last`), each worker adds its days to its tables
        // as soon as its share is done, while the others may still run, not after them (and
        // frees the room its lines took, which the run's bytes need).
        if (noSharesLeft === id) sim.settle();
        postMessage({ type: MSG.SHARE_DONE, id, index, done: sim.ran });
        next = await nextOrder(id);
        if (!next) return;
        if (next.type === MSG.FINISH) break;
        sim.extend(next.first, next.trials);
        if (!(await steps(sim, id, index, next.trials))) return;
      }
      if (next.parts) {
        // The last worker to finish: the others' accumulators join its own (the merge is
        // exact, in any order; its own days first, so its feed is freed before the parts
        // are copied in).
        sim.settle();
        for (const state of next.parts) sim.absorb(state);
        const summary = sim.summary();
        postMessage({ type: MSG.RESULT, id, summary, elapsed: performance.now() + performance.timeOrigin - next.started }, Object.values(summary.bands).map((a) => a.buffer));
      } else {
        const state = sim.state();
        postMessage({ type: MSG.PART, id, index, state }, [state.buffer]);
      }
    } else {
      const summary = sim.summary();
      postMessage({ type: MSG.RESULT, id, summary, elapsed: performance.now() - started }, Object.values(summary.bands).map((a) => a.buffer));
    }
  } catch (e) {
    stopped(id, e);
  } finally {
    sim.free();
  }
}

/** An error that names its field is the input's (a split run past the work ceiling, found
 * when its shares add up); anything else is a bug in the engine, reported with the engine's
 * own message. */
const stopped = (id, e) => (typeof e?.field === "string" && !engine.lastPanic() ? postMessage(failed(id, e)) : fatal(id, e));

/** The newest batch of paired runs, and its runs waiting here. */
let batch = 0;
const pairedQueue = [];

/** A paired run (a sensitivity bar's end, one side of a comparison): its trials' figures, and
 * its probabilities (or, `whole`, its summary). A main run waiting stops it between steps:
 * the page sends it again. */
async function paired({ id, key, scenario, trials, seed, bins, whole }) {
  let sim;
  try {
    sim = new Run(scenario, { trials, seed, bins });
    sim.keepTrials();
  } catch (e) {
    postMessage({ type: MSG.FIGURES, id, key, ...errorOf(e) });
    return;
  }
  try {
    const started = performance.now();
    for (let n = 1; !sim.done; ) {
      n = step(sim, n);
      if (!sim.done) {
        await yieldToMessages();
        if (id < batch) return;
        if (queued) {
          postMessage({ type: MSG.FIGURES, id, key, stopped: true });
          return;
        }
      }
    }
    const figures = sim.trialFigures();
    const summary = sim.summary();
    const elapsed = performance.now() - started;
    if (whole) postMessage({ type: MSG.FIGURES, id, key, figures, summary, elapsed }, [figures.buffer, ...Object.values(summary.bands).map((a) => a.buffer)]);
    else postMessage({ type: MSG.FIGURES, id, key, figures, probabilities: summary.probabilities, elapsed }, [figures.buffer]);
  } catch (e) {
    if (typeof e?.field === "string" && !engine.lastPanic()) postMessage({ type: MSG.FIGURES, id, key, ...errorOf(e) });
    else fatal(latest, e);
  } finally {
    sim.free();
  }
}

// One run at a time: a newer request waits for the current run to notice it and free its
// memory, so a burst of changes never holds several accumulators at once. Paired runs wait
// behind the main runs.
let queued = null;
let pumping = false;
async function pump() {
  pumping = true;
  for (;;) {
    if (queued) {
      const job = queued;
      queued = null;
      if (job.id >= latest) await run(job);
    } else if (pairedQueue.length) {
      await paired(pairedQueue.shift());
    } else break;
  }
  pumping = false;
}

onmessage = async ({ data }) => {
  if (data.type === MSG.INIT) {
    start(data.module);
    return;
  }
  try {
    await ready;
  } catch {
    return; // said once, above
  }
  if (data.type === MSG.CANCEL) {
    latest = Math.max(latest, data.id);
    if (order && order.id < latest) answer(null);
  } else if (data.type === MSG.RUN) {
    latest = data.id;
    if (order && order.id < latest) answer(null);
    queued = data;
    if (!pumping) pump();
  } else if (data.type === MSG.SHARE || data.type === MSG.FINISH) {
    if (order?.id === data.id) answer(data);
  } else if (data.type === MSG.LAST) {
    noSharesLeft = Math.max(noSharesLeft, data.id);
  } else if (data.type === MSG.FIGURES) {
    batch = Math.max(batch, data.id);
    for (let i = pairedQueue.length; i--; ) if (pairedQueue[i].id < batch) pairedQueue.splice(i, 1);
    if (data.scenario !== undefined && data.id === batch) pairedQueue.push(data);
    if (!pumping) pump();
  } else if (data.type === MSG.MEMORY) {
    postMessage({ type: MSG.MEMORY, bytes: memory.buffer.byteLength, trials: trialsRun });
  } else if (data.type === MSG.PANIC_FOR_TEST) {
    // Only a test build of the engine has this export; in production the message does nothing.
    try {
      engine.__panicForTest?.();
    } catch (e) {
      fatal(latest, e);
    }
  }
};
