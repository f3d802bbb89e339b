// Embed code pins what the reader sees: this release's folder and the seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { embedCode, pinnedBase } from "../../www/sharing.js";

test("embed code points at the release's own folder and names the seed", () => {
  const here = "https://example.org/compute-shock/";
  assert.equal(pinnedBase(here, "1.2.3").href, "https://example.org/compute-shock/v/1.2.3/");
  // Already in a release's folder, or an unbuilt checkout: left as it is.
  assert.equal(pinnedBase("https://example.org/compute-shock/v/1.0.0/", "1.2.3").href, "https://example.org/compute-shock/v/1.0.0/");
  assert.equal(pinnedBase(here, "dev").href, here);
  const code = embedCode("preset=two-track&lang=ja", here, "A title", 1, "1.2.3");
  assert.ok(code.includes('<iframe src="https://example.org/compute-shock/v/1.2.3/embed.html?preset=two-track&amp;lang=ja&amp;seed=1"'), code);
  assert.ok(code.includes('<script src="https://example.org/compute-shock/v/1.2.3/resize.js" async></script>'), code);
  assert.ok(code.includes('<script type="module" src="https://example.org/compute-shock/v/1.2.3/element.js"></script>'), code);
  assert.ok(code.includes('<compute-shock preset="two-track" lang="ja" seed="1"></compute-shock>'), code);
  // A seed the state already names is not repeated.
  const named = embedCode("seed=7", here, "t", 1, "1.2.3");
  assert.ok(named.includes('embed.html?seed=7"') && !named.includes("seed=1"), named);
});
