// The demo server (make demo, and the browser tests): a malformed address is a 404, and the
// server goes on serving.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "../../scripts/serve.mjs";

test("a malformed address is not found, and the next request is served", async () => {
  const dir = await mkdtemp(join(tmpdir(), "compute-shock-serve-"));
  await writeFile(join(dir, "index.html"), "<!doctype html><title>ok</title>");
  const server = await serve(0, "127.0.0.1", { dir });
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    assert.equal((await fetch(`${base}/%E0%A4%A`)).status, 404);
    assert.equal((await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).status, 404);
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>ok<\/title>/);
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});
