// The sites a training run and the floor draw on: said under the sites table, in both
// languages, when a scenario names them (two-track trains on its rented Blackwells only).
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, settled, siteTable, start } from "./browser.mjs";

test("the sites table says which sites the chart counts and which the training run uses", async () => {
  const { base, context, close } = await start();
  try {
    const caption = async (query) => {
      const { page, errors } = await open(context, `${base}/index.html?${query}&trials=1000`);
      await settled(page, 1000);
      const table = await siteTable(page);
      const text = (await table.locator("caption").count()) ? await table.locator("caption").textContent() : null;
      assert.deepEqual(errors, [], query);
      await page.close();
      return text;
    };
    assert.equal(await caption("preset=two-track"), "The chart and the floor count every site; the training run draws on Osaka, Sydney.");
    assert.equal(await caption("preset=two-track&lang=ja"), "グラフと下限との比較は全拠点の計算能力を数え、学習には大阪、シドニーを使う。");
    assert.equal(await caption("preset=tencent-datasection"), null, "every site in both: nothing to say");
  } finally {
    await close();
  }
});
