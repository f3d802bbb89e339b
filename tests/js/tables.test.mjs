// The sites table's caption (www/views/tables.js `poolsCaption`): which sites the chart counts and
// which the training run uses, said when a scenario names them, in both languages, for the
// run a widget shows (harness.mjs: the controller with the real engine).
import { test } from "node:test";
import assert from "node:assert/strict";
import { poolsCaption } from "../../www/views/tables.js";
import { widget } from "./harness.mjs";

const caption = async (params) => {
  const { c } = await widget({ ...params, trials: "1000" });
  return poolsCaption(c.last.result.summary, c.last.scenario, c.tr, c.nameOf);
};

test("the sites table says which sites the chart counts and which the training run uses", async () => {
  // two-track trains on its rented Blackwells only.
  assert.equal(await caption({ preset: "two-track" }), "The chart and the floor count every site; the training run draws on Osaka, Sydney.");
  assert.equal(await caption({ preset: "two-track", lang: "ja" }), "グラフと下限との比較は全拠点の計算能力を数え、学習には大阪、シドニーを使う。");
  // Every site in both: nothing to say.
  assert.equal(await caption({ preset: "tencent-datasection" }), null);
});
