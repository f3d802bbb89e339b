// The page's side of the worker: requests are numbered, and only the newest one's result is
// delivered. If the engine hits a bug, the worker is replaced and the error reported.

export class Simulator {
  /**
   * @param {{ onReady(presets): void, onProgress(done, total): void, onError(message, fatal): void }} hooks
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.next = 0;
    this.pending = new Map();
    this.start();
  }

  start() {
    const url = new URL("./worker.js", import.meta.url);
    // A page on another origin (the custom element on a newsroom's site) may not start a
    // worker from our origin directly; a same-origin module that imports ours may.
    this.worker =
      url.origin === location.origin
        ? new Worker(url, { type: "module" })
        : new Worker(URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" })), { type: "module" });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (e) => this.hooks.onError(`The simulation could not start: ${e.message || "worker failed"}`, true);
  }

  receive(data) {
    if (data.type === "ready") {
      this.hooks.onReady(data.presets);
      return;
    }
    if (data.id !== this.next) {
      // An answer to a request that a newer one has replaced.
      this.pending.get(data.id)?.resolve(null);
      this.pending.delete(data.id);
      return;
    }
    if (data.type === "progress") {
      this.hooks.onProgress(data.done, data.total);
      return;
    }
    const waiting = this.pending.get(data.id);
    this.pending.delete(data.id);
    if (data.type === "result") {
      waiting?.resolve(data);
    } else if (data.type === "error") {
      if (data.fatal) {
        this.worker.terminate();
        this.start();
      }
      this.hooks.onError(data.message, Boolean(data.fatal));
      waiting?.resolve(null);
    }
  }

  /** Runs a scenario; resolves to `{ summary, elapsed }`, or null if superseded or failed. */
  run(scenario, { trials, seed, bins }) {
    const id = ++this.next;
    for (const [old, p] of this.pending) {
      p.resolve(null);
      this.pending.delete(old);
    }
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage({ type: "run", id, scenario, trials, seed, bins });
    });
  }

  /** Makes the engine panic, to test that the page survives a bug. */
  panicForTest() {
    this.worker.postMessage({ type: "panic-for-test" });
  }
}
