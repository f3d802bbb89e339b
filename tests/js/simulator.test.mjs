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
