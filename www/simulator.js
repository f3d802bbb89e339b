// The page's side of the workers: requests are numbered, and only the newest one's result is
// delivered. Long runs are split across workers (one per core, at most four) and merged
// exactly, so the result equals a single worker's. If the engine hits a bug, the workers are
// replaced and the error reported.

/** Runs of at least this many trials are split across workers. */
export const SPLIT_AT = 20_000;
const MAX_WORKERS = 4;
/** A split run is cut into about this many shares per worker, handed out as workers come
 * free, so a worker on a slower or busier core takes fewer instead of holding up the rest. */
const SHARES_PER_WORKER = 4;
const MIN_SHARE = 2_500;

export class Simulator {
  /**
   * @param {{ onReady(presets): void, onProgress(done, total): void, onError(message, fatal): void }} hooks
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.next = 0;
    this.pending = new Map();
    this.size = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
    this.split = null;
    this.lastSplit = 1;
    this.start();
  }

  start() {
    const url = new URL("./worker.js", import.meta.url);
    // A page on another origin (the custom element on a newsroom's site) may not start a
    // worker from our origin directly; a same-origin module that imports ours may.
    const spawn = () =>
      url.origin === location.origin
        ? new Worker(url, { type: "module" })
        : new Worker(URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" })), { type: "module" });
    this.workers = Array.from({ length: this.size }, (_, k) => {
      const w = spawn();
      w.onmessage = ({ data }) => this.receive(k, data);
      w.onerror = (e) => this.hooks.onError(`The simulation could not start: ${e.message || "worker failed"}`, true);
      return w;
    });
    this.worker = this.workers[0];
  }

  terminate() {
    for (const w of this.workers) w.terminate();
  }

  receive(k, data) {
    if (data.type === "memory") {
      this.memoryReplies?.[k]?.(data.bytes);
      return;
    }
    if (data.type === "ready") {
      // Workers restarted after a bug say so again; the page is built once.
      if (k === 0 && !this.announced) {
        this.announced = true;
        this.hooks.onReady(data.presets);
      }
      return;
    }
    if (data.id !== this.next) {
      // An answer to a request that a newer one has replaced.
      this.pending.get(data.id)?.resolve(null);
      this.pending.delete(data.id);
      return;
    }
    if (data.type === "progress") {
      if (this.split?.id === data.id) {
        this.splitProgress(data.index, data.done);
      } else {
        this.hooks.onProgress(data.done, data.total);
      }
      return;
    }
    if (data.type === "share-done") {
      const s = this.split;
      if (s?.id !== data.id) return;
      this.splitProgress(data.index, data.done);
      const next = s.queue.shift();
      if (next) this.sharesDone += 1;
      this.workers[data.index].postMessage(next ? { type: "share", id: s.id, ...next } : { type: "finish", id: s.id });
      return;
    }
    if (data.type === "part") {
      const s = this.split;
      s.parts[data.index] = data.state;
      this.partsReceived += 1;
      if (s.parts.filter(Boolean).length === s.parts.length) {
        const { id, scenario, trials, seed, bins, started } = s;
        this.workers[0].postMessage({ type: "merge", id, scenario, trials, seed, bins, started, parts: s.parts }, s.parts.map((p) => p.buffer));
      }
      return;
    }
    const waiting = this.pending.get(data.id);
    this.pending.delete(data.id);
    if (data.type === "result") {
      waiting?.resolve(data);
    } else if (data.type === "error") {
      if (data.fatal) {
        this.terminate();
        this.start();
      }
      this.hooks.onError(data.message, Boolean(data.fatal));
      waiting?.resolve(null);
    }
  }

  /** Reports a split run's progress: worker `index` has run `done` trials of its shares. */
  splitProgress(index, done) {
    this.split.done[index] = done;
    this.hooks.onProgress(this.split.done.reduce((a, b) => a + b, 0), this.split.trials);
  }

  /** Runs a scenario; resolves to `{ summary, elapsed }`, or null if superseded or failed. */
  run(scenario, { trials, seed, bins }) {
    const id = ++this.next;
    for (const [old, p] of this.pending) {
      p.resolve(null);
      this.pending.delete(old);
    }
    for (const w of this.workers) w.postMessage({ type: "cancel", id });
    const n = trials >= SPLIT_AT ? this.size : 1;
    this.lastSplit = n;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      if (n === 1) {
        this.split = null;
        this.workers[0].postMessage({ type: "run", id, scenario, trials, seed, bins });
        return;
      }
      const started = performance.now() + performance.timeOrigin;
      this.partsReceived = 0;
      this.sharesDone = 0;
      const size = Math.max(MIN_SHARE, Math.ceil(trials / (n * SHARES_PER_WORKER)));
      const shares = [];
      for (let first = 0; first < trials; first += size) shares.push({ first, trials: Math.min(size, trials - first) });
      // At least 8 shares (SPLIT_AT / MIN_SHARE), so every worker gets one to start.
      this.sharesTotal = shares.length;
      this.split = { id, scenario, trials, seed, bins, started, done: new Array(n).fill(0), parts: new Array(n).fill(null), queue: shares.slice(n) };
      for (let k = 0; k < n; k++) {
        this.workers[k].postMessage({ type: "run", id, index: k, scenario, ...shares[k], seed, bins, part: true });
      }
    });
  }

  /** The WebAssembly memory of each worker, in bytes (for tests and budgets). */
  memory() {
    const replies = this.workers.map((w, k) => new Promise((ok) => ((this.memoryReplies ??= [])[k] = ok)));
    for (const w of this.workers) w.postMessage({ type: "memory" });
    return Promise.all(replies);
  }

  /** Makes the engine panic, to test that the page survives a bug. */
  panicForTest() {
    this.workers[0].postMessage({ type: "panic-for-test" });
  }
}
