// The page's side of the workers: requests are numbered, and only the newest one's result is
// delivered. Long runs are split across workers (one per core, at most four) and merged
// exactly, so the result equals a single worker's. If the engine hits a bug, the workers are
// replaced and the error reported. The messages are in messages.js.
import { MSG } from "./messages.js";

/** Runs of at least this many trials are split across workers. */
export const SPLIT_AT = 20_000;
const MAX_WORKERS = 4;
/** A split run is cut into about this many shares per worker, handed out as workers come
 * free, so a worker on a slower or busier core takes fewer instead of holding up the rest. */
const SHARES_PER_WORKER = 4;
const MIN_SHARE = 2_500;

/** A split run's shares, handed out as workers come free: about SHARES_PER_WORKER a worker,
 * of at least MIN_SHARE trials, contiguous from trial 0 (at least SPLIT_AT / MIN_SHARE, so
 * every worker gets one to start): [{ first, trials }]. */
export function sharesOf(trials, workers) {
  const size = Math.max(MIN_SHARE, Math.ceil(trials / (workers * SHARES_PER_WORKER)));
  const shares = [];
  for (let first = 0; first < trials; first += size) shares.push({ first, trials: Math.min(size, trials - first) });
  return shares;
}

export class Simulator {
  /**
   * Hooks: `onReady(presets, limits)`, the engine's; `onProgress(done, total)`;
   * `onUnavailable(message)`: the engine could not be loaded (no worker can run).
   * `onError({ message, field?, reason? }, fatal)`: `field` (a path, `sites[0].gpus`) and
   * `reason` when the input is at fault; `fatal` for a bug in the engine.
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.next = 0;
    this.pending = new Map();
    this.size = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
    this.split = null;
    this.start();
  }

  start() {
    const url = new URL("./worker.js", import.meta.url);
    // The engine is compiled once, here, and handed to every worker: each compiling it for
    // itself made WebKit's first run three times slower with four workers on two cores. If
    // the page cannot compile it (a policy without 'wasm-unsafe-eval' here, say), each
    // worker fetches and compiles its own, as before.
    this.module ??=
      typeof WebAssembly.compileStreaming === "function"
        ? WebAssembly.compileStreaming(fetch(new URL("../pkg/compute_shock_bg.wasm", import.meta.url))).catch(() => null)
        : Promise.resolve(null);
    // A page on another origin (the custom element on a newsroom's site) may not start a
    // worker from our origin directly; a same-origin module that imports ours may.
    const spawn = () =>
      url.origin === location.origin
        ? new Worker(url, { type: "module" })
        : new Worker(URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" })), { type: "module" });
    // The presets are data beside the engine (scripts/site.mjs writes them), fetched while the
    // engine compiles; the page starts when both are in.
    this.presets ??= fetch(new URL("../presets.json", import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`the presets could not load (HTTP ${r.status})`);
      return r.json();
    });
    // (A failure is reported when the engine is ready, not as an unhandled rejection.)
    this.presets.catch(() => {});
    this.workers = Array.from({ length: this.size }, (_, k) => {
      const w = spawn();
      this.module.then((module) => w.postMessage({ type: MSG.INIT, module }));
      w.onmessage = ({ data }) => this.receive(k, data);
      // A worker that cannot start before the engine was ever ready: no engine for this page.
      w.onerror = (e) => {
        const message = `The simulation could not start: ${e.message || "worker failed"}`;
        if (this.announced) this.hooks.onError({ message }, true);
        else this.receive(k, { type: MSG.UNAVAILABLE, message });
      };
      return w;
    });
  }

  /** The presets' notes, in English, and each sourced figure's citation and derivation
   * ({ source, derivation }), by preset and field: [notes, cited]. They live beside the engine,
   * not in it (scripts/site.mjs writes them), and are fetched when a widget first shows one
   * (a widget in Japanese has its own notes). {} for either that cannot be had. */
  notes() {
    this.notesLoaded ??= Promise.all(["../preset-notes.json", "../preset-sources.json"].map((f) =>
      fetch(new URL(f, import.meta.url))
        .then((r) => (r.ok ? r.json() : {}))
        .catch(() => ({})),
    ));
    return this.notesLoaded;
  }

  terminate() {
    for (const w of this.workers) w.terminate();
  }

  receive(k, data) {
    if (data.type === MSG.FIGURES) {
      this.onFigures?.(k, data); // paired runs: paired.js
      return;
    }
    if (data.type === MSG.MEMORY) {
      this.memoryReplies?.[k]?.(data);
      return;
    }
    if (data.type === MSG.UNAVAILABLE) {
      // A worker that fails after the engine ran elsewhere (out of memory on a phone, say)
      // is a bug to report, not a page without an engine.
      if (this.announced) {
        this.hooks.onError({ message: data.message }, true);
        return;
      }
      // No engine: no worker can do anything, and restarting them would fetch it again.
      if (!this.unavailable) {
        this.unavailable = true;
        this.terminate();
        this.hooks.onUnavailable?.(data.message);
      }
      return;
    }
    if (data.type === MSG.READY) {
      // Workers restarted after a bug say so again; the page is built once.
      if (k === 0 && !this.announced && !this.announcing) {
        // Announced (and later failures reported as errors) once the presets are in too.
        this.announcing = true;
        this.presets.then(
          (presets) => {
            this.announced = true;
            this.hooks.onReady(presets, data.limits);
          },
          (e) => {
            // No presets, no page: as for a missing engine.
            this.announcing = false;
            this.receive(0, { type: MSG.UNAVAILABLE, message: `The simulation could not start: ${e.message}` });
          },
        );
      }
      return;
    }
    if (data.id !== this.next) {
      // An answer to a request that a newer one has replaced.
      this.pending.get(data.id)?.resolve(null);
      this.pending.delete(data.id);
      return;
    }
    if (data.type === MSG.PROGRESS) {
      if (this.split?.id === data.id) {
        this.splitProgress(data.index, data.done);
      } else {
        this.hooks.onProgress(data.done, data.total);
      }
      return;
    }
    if (data.type === MSG.SHARE_DONE) {
      const s = this.split;
      if (s?.id !== data.id) return;
      this.splitProgress(data.index, data.done);
      const next = s.queue.shift();
      if (next) {
        this.workers[data.index].postMessage({ type: MSG.SHARE, id: s.id, ...next });
        if (s.queue.length === 0) this.lastShares(s);
        return;
      }
      // No shares left. Each worker but the last to get here sends its accumulator; the last
      // adds theirs to its own and answers with the summary: the run's last stretch makes no
      // bytes of the last worker's accumulator and no fresh one to merge into.
      s.idle += 1;
      if (s.idle < s.parts.length) {
        this.workers[data.index].postMessage({ type: MSG.FINISH, id: s.id });
      } else {
        s.merger = data.index;
        this.mergeWhenReady(s);
      }
      return;
    }
    if (data.type === MSG.PART) {
      this.split.parts[data.index] = data.state;
      this.mergeWhenReady(this.split);
      return;
    }
    const waiting = this.pending.get(data.id);
    this.pending.delete(data.id);
    if (data.type === MSG.RESULT) {
      waiting?.resolve({ summary: data.summary, elapsed: data.elapsed, workers: waiting.workers, shares: waiting.shares });
    } else if (data.type === MSG.ERROR) {
      if (data.fatal) {
        this.terminate();
        this.start();
      }
      // A split run's other workers refuse it too: said once.
      if (!waiting && !data.fatal) return;
      const { message, field, reason } = data;
      this.hooks.onError(field === undefined ? { message } : { message, field, reason }, Boolean(data.fatal));
      waiting?.resolve(null);
    }
  }

  /** Tells every worker of a split run that no share is left after the ones they hold: each
   * then settles its tables as soon as its share is done, while the others may still run
   * (see worker.js), not on the run's last stretch. */
  lastShares(s) {
    for (let k = 0; k < s.parts.length; k++) this.workers[k].postMessage({ type: MSG.LAST, id: s.id });
  }

  /** Sends a split run's last worker the others' accumulators, once they are all in. */
  mergeWhenReady(s) {
    const parts = s.parts.filter(Boolean);
    if (s.merger === undefined || parts.length < s.parts.length - 1) return;
    this.workers[s.merger].postMessage({ type: MSG.FINISH, id: s.id, started: s.started, parts }, parts.map((p) => p.buffer));
  }

  /** Reports a split run's progress: worker `index` has run `done` trials of its shares. */
  splitProgress(index, done) {
    this.split.done[index] = done;
    this.hooks.onProgress(this.split.done.reduce((a, b) => a + b, 0), this.split.trials);
  }

  /** Runs a scenario; resolves to `{ summary, elapsed, workers, shares }` (milliseconds from
   * request to result; how many workers ran it, in how many shares), or null if superseded or
   * failed. */
  run(scenario, { trials, seed, bins }) {
    const id = ++this.next;
    for (const [old, p] of this.pending) {
      p.resolve(null);
      this.pending.delete(old);
    }
    for (const w of this.workers) w.postMessage({ type: MSG.CANCEL, id });
    const n = trials >= SPLIT_AT ? this.size : 1;
    return new Promise((resolve) => {
      if (n === 1) {
        this.pending.set(id, { resolve, workers: 1, shares: 1 });
        this.split = null;
        this.workers[0].postMessage({ type: MSG.RUN, id, scenario, trials, seed, bins });
        return;
      }
      const started = performance.now() + performance.timeOrigin;
      const shares = sharesOf(trials, n);
      this.pending.set(id, { resolve, workers: n, shares: shares.length });
      // (`idle`: workers told there are no shares left; `merger`: the last of them.)
      this.split = { id, trials, started, done: new Array(n).fill(0), parts: new Array(n).fill(null), queue: shares.slice(n), idle: 0, merger: undefined };
      for (let k = 0; k < n; k++) {
        // `whole`: the run's size, which each worker checks against the engine's ceiling
        // before its first share (each share alone is within it).
        this.workers[k].postMessage({ type: MSG.RUN, id, index: k, scenario, ...shares[k], seed, bins, part: true, whole: trials });
      }
      if (shares.length <= n) this.lastShares(this.split);
    });
  }

  /** Each worker's WebAssembly memory in bytes and the trials it has run since it started
   * (for tests and budgets): [{ bytes, trials }]. */
  stats() {
    const replies = this.workers.map((w, k) => new Promise((ok) => ((this.memoryReplies ??= [])[k] = ok)));
    for (const w of this.workers) w.postMessage({ type: MSG.MEMORY });
    return Promise.all(replies);
  }

  /** The WebAssembly memory of each worker, in bytes. */
  async memory() {
    return (await this.stats()).map((s) => s.bytes);
  }
}
