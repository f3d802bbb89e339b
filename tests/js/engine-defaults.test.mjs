// The page's figures for what a scenario leaves out are the engine's (engine-defaults.js,
// learnt from `limits()`), and the command prints the same (`compute-shock limits`): one
// source, src/run.rs and scenario/src/model.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { engine } from "./engine.mjs";
import { SCENARIO, horizonOf, longestHorizon } from "../../www/engine/engine-defaults.js";
import { byDay } from "../../www/words/format.js";

const BIN = new URL("../../target/release/compute-shock", import.meta.url).pathname;

test("the engine's limits, through WebAssembly and from the command, are the same", () => {
  const native = JSON.parse(execFileSync(BIN, ["limits"], { encoding: "utf8" }));
  assert.deepEqual(engine.limits(), native);
  assert.deepEqual(SCENARIO, native.scenario);
});

test("a scenario that leaves its horizon out runs the engine's default, and a scheduled date past it is dropped", () => {
  const sites = [{ id: "a", jurisdiction: "JP", route: "r", chip: "B200", gpus: 10 }];
  const summary = engine.simulate({ sites }, { trials: 10 });
  assert.equal(horizonOf({ sites }), summary.horizon_days);
  assert.equal(longestHorizon(), engine.limits().scenario.horizon_days.max);
  const start = "2026-01-01";
  const day = (n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
  const shocks = [{ id: "s", scheduled_dates: [day(summary.horizon_days - 1), day(summary.horizon_days)] }];
  assert.deepEqual(byDay({ start_date: start, sites, shocks }).shocks[0].scheduled_days, [summary.horizon_days - 1]);
});
