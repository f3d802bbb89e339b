// Embeds that never change under an article: each release is published under v/<version>/
// beside the latest, so a page pinned to a release keeps that release's numbers after the
// next release changes the model. Two releases are built here: this one as 1.0.0, and a
// "next" one (1.1.0) whose default preset has Osaka at 16,000 GPUs instead of 15,000 (its
// presets.json edited), published with 1.0.0's folder beside it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, open, settled, start } from "./browser.mjs";
import { assemble } from "../../scripts/site.mjs";

const native = (args) => JSON.parse(execFileSync(join(ROOT, "target/release/compute-shock"), args, { encoding: "utf8" }));

test("a page pinned to a release keeps its numbers after the next release changes the model", async () => {
  const work = await mkdtemp(join(tmpdir(), "compute-shock-releases-"));
  const first = await assemble(join(work, "first"), join(ROOT, "pkg"), { release: "1.0.0", releases: "" });

  // The next release: the same page and engine, with a default preset that differs (at the
  // root, the latest, and in its own folder).
  const next = await assemble(join(work, "next"), join(ROOT, "pkg"), { release: "1.1.0", releases: first });
  assert.deepEqual((await readdir(join(next, "v"))).sort(), ["1.0.0", "1.1.0"]);
  for (const dir of [next, join(next, "v", "1.1.0")]) {
    const file = join(dir, "presets.json");
    const text = await readFile(file, "utf8");
    assert.ok(text.includes('"gpus":15000'), "Osaka's GPUs are in the presets");
    await writeFile(file, text.replace('"gpus":15000', '"gpus":16000'));
  }

  const { base, context, close } = await start({}, { dir: next });
  try {
    const query = "preset=tencent-datasection&trials=1000&seed=3";
    const read = async (path) => {
      const { page, errors } = await open(context, `${base}/${path}?${query}`);
      await settled(page, 1000);
      const summary = await page.evaluate(() => document.querySelector(".cs-widget").computeShock.state.summary);
      assert.deepEqual(errors, [], path);
      await page.close();
      return summary;
    };
    const expected = native(["run", "--preset", "tencent-datasection", "--trials", "1000", "--seed", "3"]);
    const pinned = await read("v/1.0.0/embed.html");
    assert.equal(pinned.max_capacity_b200e, expected.max_capacity_b200e);
    assert.deepEqual(pinned.metrics.final_capacity_b200e.p50, expected.metrics.final_capacity_b200e.p50);
    assert.deepEqual([...pinned.bands.p50].slice(0, 30), expected.bands.p50.slice(0, 30));
    // The latest, and the new release's own folder, show the changed model.
    for (const path of ["embed.html", "v/1.1.0/embed.html"]) {
      const latest = await read(path);
      assert.notEqual(latest.max_capacity_b200e, expected.max_capacity_b200e, path);
      assert.equal(latest.max_capacity_b200e, expected.max_capacity_b200e + 1000 * 0.97, path);
    }
  } finally {
    await close();
  }
});
