// Embed code pins what the reader sees: this release's folder and the seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { elementCode } from "../../www/state/element-code.js";
import { FALLBACK_HEIGHT, embedPage, iframeCode, pinnedBase } from "../../www/views/sharing.js";
import { snippetQuery } from "../../www/state/snippet-query.js";

test("embed code points at the release's own folder and names the seed", () => {
  const here = "https://example.org/compute-shock/";
  assert.equal(pinnedBase(here, "1.2.3").href, "https://example.org/compute-shock/v/1.2.3/");
  // Already in a release's folder, or an unbuilt checkout: left as it is.
  assert.equal(pinnedBase("https://example.org/compute-shock/v/1.0.0/", "1.2.3").href, "https://example.org/compute-shock/v/1.0.0/");
  assert.equal(pinnedBase(here, "dev").href, here);
  // A preset unchanged: its edition's own embed page, whose no-script block is that preset in
  // that language.
  const frame = iframeCode("preset=two-track&lang=ja", here, { title: 'A "title"', seed: 1, release: "1.2.3" });
  assert.equal(
    frame,
    '<iframe src="https://example.org/compute-shock/v/1.2.3/embed-two-track.ja.html?preset=two-track&amp;lang=ja&amp;seed=1" title="A &quot;title&quot;" loading="lazy" width="100%" height="850" style="border:0;width:100%"></iframe>\n' +
      '<script src="https://example.org/compute-shock/v/1.2.3/resize.js" async></script>',
  );
  assert.equal(embedPage("preset=ceo-worst-case&seed=1&trials=10000&title=T&theme=dark", "1.2.3"), "embed-ceo-worst-case.en.html");
  // Changed, another seed or number of futures, no preset named, or an unbuilt checkout:
  // the embed page (the default preset's block).
  for (const q of ["preset=two-track&set=horizon_days:365", "preset=two-track&seed=2", "preset=two-track&trials=500", "lang=ja", "preset=two-track&scenario=abc"]) {
    assert.equal(embedPage(q, "1.2.3"), "embed.html", q);
  }
  assert.equal(embedPage("preset=two-track", "dev"), "embed.html");
  // One widget per snippet: the iframe's has no element, the element's no iframe.
  assert.ok(!frame.includes("compute-shock>") && !frame.includes("element.js"));
  assert.ok(!frame.includes("scrolling"), "a frame whose resize script was stripped can still scroll");
  const element = elementCode("preset=two-track&lang=ja&title=%3Cb%3E%26", here, { seed: 1, release: "1.2.3", title: "A <title>" });
  // Inside the element, what shows until it is defined and stays if its script never loads:
  // a link to the embed page (the static chart is another preset's, so not it).
  assert.equal(
    element,
    '<script type="module" src="https://example.org/compute-shock/v/1.2.3/element.js"></script>\n' +
      '<compute-shock preset="two-track" lang="ja" title="&lt;b&gt;&amp;" seed="1">\n' +
      '  <p><a href="https://example.org/compute-shock/v/1.2.3/embed.html?preset=two-track&amp;lang=ja&amp;title=%3Cb%3E%26&amp;seed=1">A &lt;title&gt;</a></p>\n' +
      "</compute-shock>",
  );
  assert.ok(!element.includes("<iframe"));
  // A preset's edition in a language: the build's static chart and its lead sentence too
  // (the default preset's where the query names none).
  const editions = [
    { file: "static/tencent-datasection.en.svg", width: 640, height: 363, alt: 'Fan "chart"', lead: "A training run…", preset: "tencent-datasection", lang: "en", default: true },
    { file: "static/two-track.ja.svg", width: 640, height: 370, alt: "図", lead: "大阪…", preset: "two-track", lang: "ja", default: false },
  ];
  const withChart = elementCode("preset=tencent-datasection", here, { seed: 1, release: "1.2.3", title: "T", editions });
  assert.ok(withChart.includes('  <p><strong>A training run…</strong></p>\n  <img src="https://example.org/compute-shock/v/1.2.3/static/tencent-datasection.en.svg" width="640" height="363" alt="Fan &quot;chart&quot;" style="max-width:100%;height:auto">'), withChart);
  assert.ok(elementCode("", here, { seed: 1, title: "T", editions }).includes("tencent-datasection.en.svg"), "the default preset's");
  assert.ok(elementCode("preset=two-track&lang=ja", here, { seed: 1, title: "T", editions }).includes("two-track.ja.svg"));
  for (const other of ["lang=ja", "seed=2", "trials=500", "set=horizon_days:365", "preset=two-track", "preset=southeast-asia"]) {
    assert.ok(!elementCode(other, here, { seed: 1, title: "T", editions }).includes("<img"), other);
  }
  // A seed the state already names is not repeated.
  const named = iframeCode("seed=7", here, { title: "t", seed: 1, release: "1.2.3", height: 640.4 });
  assert.ok(named.includes('embed.html?seed=7"') && !named.includes("seed=1") && named.includes('height="640"'), named);
  assert.equal(FALLBACK_HEIGHT.story, 850);
});

test("a snippet or an address gives back its query, for the editor to reopen", () => {
  const here = "https://example.org/compute-shock/";
  const query = "preset=two-track&controls=shock-rate%3A0.5-3&title=If+%22rules%22+%26+more&seed=3";
  const back = (text) => new URLSearchParams(snippetQuery(text));
  for (const text of [iframeCode(query, here, { title: "t" }), elementCode(query, here), `https://example.org/compute-shock/v/0.1.0/embed.html?${query}`, `  ${here}editor.html?${query}  `]) {
    const params = back(text);
    assert.equal(params.get("title"), 'If "rules" & more', text);
    assert.equal(params.get("controls"), "shock-rate:0.5-3", text);
    assert.equal(params.get("seed"), "3", text);
  }
  // As CMSs rewrite it: WordPress's &#038;, single quotes, a protocol-relative address.
  const wordpress = `<iframe src='//example.org/compute-shock/embed.html?preset=two-track&#038;title=A%20%26%20B&#38;seed=4' title='t'></iframe>`;
  assert.deepEqual([...new URLSearchParams(snippetQuery(wordpress))], [["preset", "two-track"], ["title", "A & B"], ["seed", "4"]]);
  assert.deepEqual([...new URLSearchParams(snippetQuery(`<compute-shock preset='two-track' TITLE="x &#038; y"></compute-shock>`))], [["preset", "two-track"], ["title", "x & y"]]);
  assert.equal(snippetQuery("hello"), null);
  assert.equal(snippetQuery("<p>no widget</p>"), null);
});
