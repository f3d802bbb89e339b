// Paired runs in the page's workers: a batch of runs of one seed, each keeping its trials'
// figures (for a sensitivity bar's standard error, or a comparison's per-trial differences).
// A worker takes one run at a time and asks for the next when it is done, so a faster core
// takes more; a newer batch replaces an older one, and the main runs always go first (a run
// they stop is sent again). The worker's side is in worker.js (`figures` messages).
import { MSG } from "./messages.js";

/** The figures each trial keeps (Run.trialFigures): five numbers a trial, in this order. */
export const FIGURE = Object.freeze({ capacity: 0, shortfallDays: 1, longest: 2, daysToTrain: 3, delay: 4, size: 5 });

export class Pool {
  constructor(simulator) {
    this.simulator = simulator;
    this.id = 0;
    this.batch = null;
    simulator.onFigures = (k, data) => this.receive(k, data);
  }

  /**
   * Runs `jobs` ({ scenario, trials, seed, bins?, whole? }) across the workers; resolves to
   * their replies in the jobs' order ({ figures, probabilities | summary, elapsed } or
   * { message, field?, reason } for a job the engine refused), or null if a newer batch
   * (or `cancel()`) replaced it. `onProgress(done, total)` after each job.
   */
  run(jobs, { onProgress } = {}) {
    this.cancel(false);
    const id = ++this.id;
    return new Promise((resolve) => {
      const workers = this.simulator.workers;
      this.batch = { id, jobs, queue: jobs.map((_, key) => key), replies: new Array(jobs.length), left: jobs.length, resolve, onProgress, started: performance.now() };
      if (jobs.length === 0) this.finish();
      else workers.forEach((_, k) => this.next(k));
    });
  }

  /** Drops the batch under way (its promise resolves to null); the workers stop it. */
  cancel(tell = true) {
    if (this.batch) {
      this.batch.resolve(null);
      this.batch = null;
    }
    if (tell) {
      const id = ++this.id;
      for (const w of this.simulator.workers) w.postMessage({ type: MSG.FIGURES, id });
    }
  }

  next(k) {
    const b = this.batch;
    const key = b?.queue.shift();
    if (key === undefined) return;
    const { scenario, trials, seed, bins = 64, whole = false } = b.jobs[key];
    this.simulator.workers[k]?.postMessage({ type: MSG.FIGURES, id: b.id, key, scenario, trials, seed, bins, whole });
  }

  receive(k, data) {
    const b = this.batch;
    if (!b || data.id !== b.id) return;
    if (data.stopped) {
      b.queue.unshift(data.key);
    } else {
      b.replies[data.key] = data;
      b.left -= 1;
      b.onProgress?.(b.jobs.length - b.left, b.jobs.length);
      if (b.left === 0) return this.finish();
    }
    this.next(k);
  }

  finish() {
    const b = this.batch;
    this.batch = null;
    b.resolve(Object.assign(b.replies, { elapsed: performance.now() - b.started }));
  }
}
