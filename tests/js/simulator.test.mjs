// How the page's workers split a long run (www/engine/simulator.js `sharesOf`): shares that
// cover the run's trials once, in order, each large enough to be worth a message, and enough
// of them that every worker starts at once and a slow one holds up little.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SPLIT_AT, sharesOf } from "../../www/engine/simulator.js";

test("a split run's shares cover its trials once, in order, and give every worker one to start", () => {
  for (const trials of [SPLIT_AT, 20_000, 20_001, 99_999, 100_000, 1_000_000]) {
    for (const workers of [2, 3, 4]) {
      const shares = sharesOf(trials, workers);
      let next = 0;
      for (const s of shares) {
        assert.equal(s.first, next, `${trials}/${workers}`);
        assert.ok(s.trials > 0);
        next += s.trials;
      }
      assert.equal(next, trials, `${trials} trials on ${workers} workers`);
      assert.ok(shares.length >= workers, `${shares.length} shares for ${workers} workers`);
      // All but the last the same size, and at least 2,500 trials (a message's worth).
      const size = shares[0].trials;
      assert.ok(shares.slice(0, -1).every((s) => s.trials === size) && size >= 2_500);
      // Large runs: about four shares a worker, so a worker on a busy core takes fewer.
      if (trials >= 100_000) assert.ok(shares.length >= 4 * workers && shares.length <= 4 * workers + 1, `${shares.length}`);
    }
  }
});

// The page's side of a split run, driven with stand-in workers that record what they are
// sent: who is told to send its accumulator, who merges, when, and with which parts.
class FakeWorker {
  constructor() {
    this.sent = [];
    FakeWorker.all.push(this);
  }
  postMessage(message) {
    this.sent.push(message);
  }
  terminate() {}
}
FakeWorker.all = [];

async function simulatorWith(workers) {
  FakeWorker.all = [];
  globalThis.Worker = FakeWorker;
  Object.defineProperty(globalThis, "navigator", { value: { hardwareConcurrency: workers }, configurable: true });
  globalThis.location = { origin: new URL(import.meta.url).origin };
  globalThis.fetch = async () => ({ ok: true, json: async () => ({}) });
  const { Simulator } = await import("../../www/engine/simulator.js");
  const sim = new Simulator({ onProgress() {}, onError(e) { throw new Error(`unexpected error: ${e.message}`); } });
  return { sim, workers: FakeWorker.all };
}

const sentOf = (w, type) => w.sent.filter((m) => m.type === type);

test("a split run's last worker to finish merges the others' parts, once they are all in", async () => {
  const { sim, workers } = await simulatorWith(3);
  const result = sim.run({ sites: [] }, { trials: 100_000, seed: 1, bins: 1024 });
  const id = sim.next;
  const shares = sharesOf(100_000, 3);
  assert.deepEqual(workers.map((w) => sentOf(w, "run").length), [1, 1, 1]);
  // The workers take the other shares as they come free; when none is left, every worker
  // hears so at once (to settle its tables when its share is done).
  let handed = 3;
  while (handed < shares.length) {
    const k = handed % 3;
    sim.receive(k, { type: "share-done", id, index: k, done: 0 });
    assert.deepEqual(sentOf(workers[k], "share").at(-1), { type: "share", id, ...shares[handed] });
    handed += 1;
    const told = workers.map((w) => sentOf(w, "last").length);
    assert.deepEqual(told, handed === shares.length ? [1, 1, 1] : [0, 0, 0], `after share ${handed}`);
  }
  // Worker 1 is done first, then 2: each is told to send its accumulator; 0, the last, waits.
  sim.receive(1, { type: "share-done", id, index: 1, done: 0 });
  sim.receive(2, { type: "share-done", id, index: 2, done: 0 });
  assert.deepEqual(sentOf(workers[1], "finish"), [{ type: "finish", id }]);
  assert.deepEqual(sentOf(workers[2], "finish"), [{ type: "finish", id }]);
  sim.receive(0, { type: "share-done", id, index: 0, done: 0 });
  sim.receive(2, { type: "part", id, index: 2, state: new Uint8Array([2]) });
  assert.equal(sentOf(workers[0], "finish").length, 0, "the last worker waits for every part");
  sim.receive(1, { type: "part", id, index: 1, state: new Uint8Array([1]) });
  const [finish] = sentOf(workers[0], "finish");
  assert.deepEqual(finish.parts.map((p) => p[0]), [1, 2], "both parts, none twice, none of its own");
  sim.receive(0, { type: "result", id, summary: { trials: 100_000 }, elapsed: 1 });
  assert.deepEqual((await result).summary, { trials: 100_000 });
});

test("a split run's last worker gets the parts at once when they came before it finished", async () => {
  const { sim, workers } = await simulatorWith(2);
  sim.run({ sites: [] }, { trials: 20_000, seed: 1, bins: 1024 });
  const id = sim.next;
  for (let handed = 2; handed < sharesOf(20_000, 2).length; handed++) sim.receive(handed % 2, { type: "share-done", id, index: handed % 2, done: 0 });
  sim.receive(0, { type: "share-done", id, index: 0, done: 0 });
  sim.receive(0, { type: "part", id, index: 0, state: new Uint8Array([7]) });
  assert.equal(sentOf(workers[1], "finish").length, 0);
  sim.receive(1, { type: "share-done", id, index: 1, done: 0 });
  assert.deepEqual(sentOf(workers[1], "finish")[0].parts.map((p) => p[0]), [7]);
  // A newer request: the old run's late messages change nothing.
  sim.run({ sites: [] }, { trials: 100, seed: 2, bins: 1024 });
  const before = workers.map((w) => w.sent.length);
  sim.receive(1, { type: "part", id, index: 1, state: new Uint8Array([9]) });
  sim.receive(0, { type: "share-done", id, index: 0, done: 0 });
  assert.deepEqual(workers.map((w) => w.sent.length), before);
});
