// The element's snippet in a newsroom's article on another origin, as the editor writes it:
// with a host that sends the CORS header the widget runs; with one that sends none (python3
// -m http.server, a bucket left as it came), or with scripts off, the article shows what is
// inside the element (the static chart, its lead and a link to the embed page), never an
// empty box.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, otherOrigin, start } from "./browser.mjs";
import { elementCode } from "../../www/state/element-code.js";

// The built site's static editions (static-chart.js in site/ names them).
const { STATIC_EDITIONS } = await import(pathToFileURL(join(ROOT, "site/static-chart.js")).href);

const article = (snippet) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title>
<style>body { font: 16px/1.5 Georgia, serif; max-width: 40rem; margin: 2rem auto; }</style></head>
<body><h1>Chinese AI firms rent chips abroad</h1><p>Before the graphic.</p>
${snippet}
<p>After the graphic.</p></body></html>`;

/** The article with the default preset's and two-track's snippets, seen in `contextOptions`
 * with the widget's host sending CORS or not: what the reader sees of each element. */
async function visit({ cors, contextOptions = {} }) {
  const b = await start(contextOptions, { cors });
  const snippets = [
    elementCode("preset=tencent-datasection", `${b.base}/`, { seed: 1, title: "If the rules change", editions: STATIC_EDITIONS }),
    elementCode("preset=two-track&lang=ja", `${b.base}/`, { seed: 1, title: "規制が変わったら", editions: STATIC_EDITIONS }),
    elementCode("preset=two-track&set=horizon_days:365", `${b.base}/`, { seed: 1, title: "Changed", editions: STATIC_EDITIONS }),
  ];
  const host = await otherOrigin({ "/story.html": article(snippets.join("\n")) });
  try {
    const page = await b.context.newPage();
    await page.goto(`${host.origin}/story.html`);
    // With the header, until both widgets show a result (however slow the machine); without it, or
    // with scripts off, the module never runs, so what shows after a while is what stays.
    if (cors && contextOptions.javaScriptEnabled !== false) {
      await page.waitForFunction(() => [...document.querySelectorAll("compute-shock")].every((el) => el.shadowRoot?.querySelector(".cs-widget")?.computeShock?.state.summary), null, { timeout: 60_000 });
    } else {
      await page.waitForTimeout(4000);
    }
    return await page.evaluate(() =>
      [...document.querySelectorAll("compute-shock")].map((el) => {
        const box = el.getBoundingClientRect();
        const img = el.querySelector("img");
        return {
          defined: Boolean(customElements.get("compute-shock")),
          widget: Boolean(el.shadowRoot?.querySelector(".cs-widget")),
          height: box.height,
          link: el.querySelector("a")?.href ?? null,
          linkShown: (el.querySelector("a")?.getBoundingClientRect().height ?? 0) > 0,
          image: img ? { loaded: img.complete && img.naturalWidth > 0, width: img.getBoundingClientRect().width } : null,
          lead: el.querySelector("strong")?.textContent ?? null,
        };
      }),
    );
  } finally {
    await host.close();
    await b.close();
  }
}

test("with the CORS header the element runs in an article on another origin", async () => {
  const seen = await visit({ cors: true });
  for (const el of seen) {
    assert.ok(el.defined && el.widget, JSON.stringify(el));
    assert.ok(el.height > 300, `the widget's height: ${el.height}`);
    assert.equal(el.linkShown, false, "the fallback is hidden once the element runs");
  }
});

test("without it, or with scripts off, the article shows the fallback, never an empty box", async () => {
  for (const [how, options] of [
    ["no CORS header", { cors: false }],
    ["scripts off", { cors: true, contextOptions: { javaScriptEnabled: false } }],
  ]) {
    const [first, second, changed] = await visit(options);
    for (const el of [first, second, changed]) {
      assert.equal(el.widget, false, how);
      assert.ok(el.height > 0 && el.linkShown, `${how}: ${JSON.stringify(el)}`);
      assert.match(el.link, /\/embed\.html\?preset=/, how);
    }
    // Each preset in each language has its static edition, the build's chart and lead (an
    // image needs no CORS); a changed scenario, which no build drew, has the link alone.
    for (const el of [first, second]) {
      assert.ok(el.image?.loaded, `${how}: the static chart loads`);
      assert.ok(el.image.width > 0 && el.image.width <= 640, `${how}: ${el.image.width}`);
      assert.ok(el.height > 200, `${how}: ${el.height}`);
    }
    assert.match(first.lead, /^A training run on Osaka and Sydney/, how);
    assert.match(second.lead, /大阪/, `${how}: two-track's, in Japanese: ${second.lead}`);
    assert.equal(changed.image, null, how);
    console.log(`${how}: fallback ${Math.round(first.height)} px (default preset), ${Math.round(second.height)} px (two-track, Japanese), ${Math.round(changed.height)} px (changed)`);
  }
});

test("the iframe's page for a preset in a language shows that edition to a reader without scripts", async () => {
  // Embed code for an unchanged preset points at its edition's page (sharing.js `embedPage`),
  // whose no-script block is that preset in that language; embed.html's is the default's.
  const b = await start({ javaScriptEnabled: false });
  try {
    const page = await b.context.newPage();
    for (const [file, lang, preset, lead] of [
      ["embed-two-track.ja.html", "ja", "two-track", /大阪/],
      ["embed-ceo-worst-case.en.html", "en", "ceo-worst-case", /^A training run on Osaka/],
      ["embed.html", "en", "tencent-datasection", /^A training run on Osaka and Sydney/],
    ]) {
      await page.goto(`${b.base}/${file}?preset=${preset}&lang=${lang}&seed=1`);
      const seen = await page.evaluate(() => {
        const block = document.querySelector("noscript");
        const img = document.querySelector(".noscript-chart");
        return {
          preset: block?.dataset.preset,
          lang: block?.dataset.lang,
          lead: document.querySelector(".noscript-headline")?.textContent ?? null,
          image: img ? { src: img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0 } : null,
        };
      });
      assert.deepEqual([seen.preset, seen.lang], [preset, lang], file);
      assert.match(seen.lead ?? "", lead, file);
      assert.ok(seen.image?.loaded, `${file}: ${JSON.stringify(seen.image)}`);
      if (file === "embed.html") continue;
      // The edition's own page, linked from the block: the chart with the lead sentence as
      // its alt text, and the numbers by month as a table.
      await page.locator(`noscript a[href="static/${preset}.${lang}.html"]`).click();
      await page.waitForURL(new RegExp(`static/${preset}\\.${lang}\\.html$`));
      await page.waitForLoadState("load");
      const edition = await page.evaluate(() => ({
        alt: document.querySelector("figure img")?.alt,
        loaded: document.querySelector("figure img")?.naturalWidth > 0,
        rows: document.querySelectorAll("table tbody tr").length,
        lang: document.documentElement.lang,
      }));
      assert.equal(edition.alt, seen.lead, file);
      assert.ok(edition.loaded && edition.rows >= 12 && edition.lang === lang, `${file}: ${JSON.stringify(edition)}`);
    }
    await page.close();
  } finally {
    await b.close();
  }
});
