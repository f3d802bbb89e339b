// The editor (www/editor.html): a journalist shapes an embed without code. Everything it sets
// reaches the previews (real embeds, updated by message) and the one snippet it copies;
// everything lives in the address, and a copied snippet reopens in it. Bad parameters are
// noted, never run; axe finds nothing; screenshots at four widths in both languages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { useBrowser, open, start, ARTEFACTS } from "./browser.mjs";

const require = createRequire(import.meta.url);
const env = useBrowser({ permissions: ["clipboard-read", "clipboard-write"] });

/** The previews a theme has (www/views/editor-previews.js `PREVIEWS`). */
const PREVIEW_COUNT = 4;

/** Waits until every preview has reported its height and the editor's widget has a result. */
async function measured(page, count = PREVIEW_COUNT) {
  await page.waitForFunction((n) => {
    const previews = [...document.querySelectorAll(".editor-preview")];
    return previews.length === n && previews.every((f) => Number(f.dataset.height) > 0) && document.querySelector(".editor-widget")?.computeShock?.state.summary;
  }, count, { timeout: 90_000 });
}

/** A preview frame, by width and theme. */
const preview = (page, width, theme = "light") => page.frameLocator(`iframe[data-id="preview-${width}-${theme}"]`);

test("the editor's settings reach the previews, the address and exactly one snippet", async () => {
  const { page, errors } = await open(env.context, `${env.base}/editor.html?preset=two-track&trials=1000`);
  await measured(page);
  // Four previews at the widths an article gives the embed (a 320 and a 375 px phone's
  // column, a 640 px column, a desktop article's), each with its measured height on screen.
  const previews = await page.$$eval(".editor-preview", (fs) => fs.map((f) => ({ width: Number(f.dataset.width), height: Number(f.dataset.height), caption: f.querySelector("figcaption").textContent })));
  assert.deepEqual(previews.map((p) => p.width), [288, 343, 640, 680]);
  assert.deepEqual(
    previews.map((p) => p.caption),
    [
      `320 px phone (column 288 px), light · ${previews[0].height} px tall`,
      `375 px phone (column 343 px), light · ${previews[1].height} px tall`,
      `Column 640 px, light · ${previews[2].height} px tall`,
      `Desktop column 680 px, light · ${previews[3].height} px tall`,
    ],
  );
  // The narrower the column, the taller the widget: the 320 px phone's is the tallest.
  assert.ok(previews[0].height >= Math.max(...previews.map((p) => p.height)), JSON.stringify(previews));
  const inner = () => page.frameLocator('iframe[data-id="preview-375-light"]').locator("html").evaluate((html) => [html.clientWidth, Math.ceil(html.getBoundingClientRect().height)]);
  assert.equal((await inner())[0], 343, "a 375 px phone's preview lays out in its 343 px column");
  // The height shown is the frame's own (once late parts, such as the dated events, are drawn).
  await page.waitForFunction(() => {
    const frame = document.querySelector('iframe[data-id="preview-375-light"]');
    return Math.ceil(frame.contentDocument.documentElement.getBoundingClientRect().height) === Number(frame.closest("figure").dataset.height);
  });
  assert.ok((await inner())[1] > 400, "a widget, not a loading line");

  // Texts, in the embed's language.
  await page.getByLabel("Title", { exact: true }).fill("If Osaka goes dark");
  await page.getByLabel("Credit", { exact: true }).fill("Graphic: A. Writer");
  await page.getByLabel("Headline (your own sentence)").fill("<b>bold</b>");
  assert.match(await page.locator(".editor-texts .editor-problem:visible").textContent(), /plain text, without markup/);
  // Readers' sliders: the preset's two, then a third, moved to the top, with a range.
  await page.getByRole("checkbox", { name: "The training run starts" }).check();
  await page.getByRole("button", { name: "Move The training run starts up" }).click();
  await page.getByRole("button", { name: "Move The training run starts up" }).click();
  await page.getByLabel("The training run starts: range from").fill("30");
  await page.getByLabel("The training run starts: range to").fill("400");
  // A dated note on the chart.
  await page.getByRole("button", { name: "Add a note" }).click();
  await page.getByLabel("Date 1").fill("2026-09-01");
  await page.getByLabel("Text 1").fill("Rule takes effect");

  const expected = {
    title: "If Osaka goes dark",
    credit: "Graphic: A. Writer",
    controls: "training-start:30-400,shock-rate,relocation",
    annotations: "2026-09-01 Rule takes effect",
  };
  await page.waitForFunction((want) => {
    const q = new URLSearchParams(location.search);
    return Object.entries(want).every(([k, v]) => q.get(k) === v);
  }, expected);
  const address = new URLSearchParams(new URL(page.url()).search);
  assert.equal(address.get("headline"), null, "markup is never taken");
  assert.equal(address.get("preset"), "two-track");
  assert.equal(address.get("seed"), "1", "the seed is pinned");

  // The previews follow, in place (no reload: the frame's document is the same one).
  const frame = preview(page, 640);
  await frame.locator(".cs-title", { hasText: "If Osaka goes dark" }).waitFor();
  await frame.locator(".cs-credits", { hasText: "Credit: Graphic: A. Writer" }).waitFor();
  await page.waitForFunction(() => {
    const doc = document.querySelector('iframe[data-id="preview-640-light"]').contentDocument;
    const labels = [...doc.querySelectorAll(".cs-story .cs-slider label")].map((l) => l.firstChild.textContent.trim());
    return labels.join("|") === "The training run starts|Policy shocks|GPUs moved home after a permanent loss";
  });
  const slider = frame.locator(".cs-story .cs-slider input").first();
  assert.deepEqual(await slider.evaluate((i) => [i.min, i.max]), ["30", "400"]);
  await frame.locator(".cs-chart .event-label", { hasText: "Rule takes effect" }).waitFor();
  assert.equal(await frame.locator(".cs-headline b").count(), 0);

  // Exactly one snippet: the iframe with its resize script, a fallback height from the
  // tallest preview, scrolling left on; the same query as the address.
  await measured(page);
  // The fallback height follows the previews' as they settle: the tallest plus 15%, to 50 px.
  await page.waitForFunction(() => {
    const tallest = Math.max(...[...document.querySelectorAll(".editor-preview")].map((f) => Number(f.dataset.height)));
    return document.querySelector(".editor-snippet").value.includes(`height="${Math.ceil((tallest * 1.15) / 50) * 50}"`);
  });
  const code = await page.locator(".editor-snippet").inputValue();
  assert.equal((code.match(/<iframe/g) ?? []).length, 1, code);
  assert.equal((code.match(/<compute-shock/g) ?? []).length, 0, code);
  assert.ok(!code.includes("scrolling"), code);
  assert.match(code, /title="If Osaka goes dark"/);
  const src = new URL(code.match(/src="([^"]+)"/)[1].replace(/&amp;/g, "&"));
  assert.match(src.pathname, /\/embed\.html$/);
  for (const [k, v] of Object.entries(expected)) assert.equal(src.searchParams.get(k), v, k);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await page.locator(".editor-status", { hasText: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);

  // The element instead: one element, its module script, no frame; kept in the address.
  await page.getByLabel("Script and element (pages that allow module scripts)").check();
  await page.waitForFunction(() => document.querySelector(".editor-snippet").value.includes("<compute-shock"));
  const element = await page.locator(".editor-snippet").inputValue();
  assert.equal((element.match(/<compute-shock /g) ?? []).length, 1);
  assert.equal((element.match(/<iframe/g) ?? []).length, 0);
  assert.match(element, /controls="training-start:30-400,shock-rate,relocation"/);
  await page.waitForURL(/snippet=element/);

  // Reopening: the iframe snippet pasted into "Open an embed" restores every setting.
  const reopened = await env.context.newPage();
  await reopened.goto(`${env.base}/editor.html`);
  await reopened.locator(".editor-open summary").click();
  await reopened.getByLabel("Paste an embed snippet or its address to edit it.").fill(code);
  await reopened.getByRole("button", { name: "Open", exact: true }).click();
  await reopened.waitForURL(/title=/);
  await measured(reopened);
  assert.equal(await reopened.getByLabel("Title", { exact: true }).inputValue(), "If Osaka goes dark");
  assert.equal(await reopened.getByLabel("The training run starts: range to").inputValue(), "400");
  assert.equal(await reopened.getByLabel("Text 1").inputValue(), "Rule takes effect");
  assert.equal(await reopened.locator(".editor-widget select").first().inputValue(), "two-track");
  const srcOf = (snippet) => snippet.match(/src="([^"]+)"/)[1];
  assert.equal(srcOf(await reopened.locator(".editor-snippet").inputValue()), srcOf(code), "the same embed again");
  await reopened.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test("a range on the preset's sliders makes them the embed's; the preset's choice again clears it; texts survive a language switch", async () => {
  const { page, errors } = await open(env.context, `${env.base}/editor.html?trials=1000`);
  await measured(page);
  assert.equal(new URLSearchParams(new URL(page.url()).search).get("controls"), null, "untouched: the preset's choice");
  await page.getByLabel("Policy shocks: range to").fill("2");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("controls") === "shock-rate:0-2,comply");
  assert.match(await page.locator(".editor-snippet").inputValue(), /controls=shock-rate%3A0-2%2Ccomply/);
  await page.getByRole("button", { name: "Use the preset's choice" }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("controls") === null);
  assert.equal(await page.getByLabel("Policy shocks: range to").inputValue(), "");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.focus), "check-shock-rate", "the keyboard stays in the list");
  // A text that cannot be used stays in its field, marked, through a language switch.
  await page.getByLabel("Note under the chart").fill("See <a>");
  await page.getByLabel("Language", { exact: true }).focus();
  await page.getByLabel("Language", { exact: true }).selectOption("ja");
  await page.locator("h1", { hasText: "エディター" }).waitFor();
  assert.equal(await page.getByLabel("グラフの下の注記").inputValue(), "See <a>");
  assert.equal(await page.getByLabel("グラフの下の注記").getAttribute("aria-invalid"), "");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.focus), "lang");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the scenario changed in the editor is the one the previews and the snippet run", async () => {
  const { page, errors } = await open(env.context, `${env.base}/editor.html?trials=1000`);
  await measured(page);
  await page.locator(".editor-widget").getByLabel("Floor for an AI model").focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  // The default preset's floor starts at 11,600; five steps of 100 up.
  await page.waitForFunction(() => new URLSearchParams(location.search).get("set")?.includes("requirement_b200e:12100"));
  const set = new URLSearchParams(new URL(page.url()).search).get("set");
  await page.waitForFunction(() => document.querySelector(".editor-snippet").value.includes("requirement_b200e%3A12100"));
  // The preview runs the changed scenario: its floor label says so, and it is no longer "as reported".
  const frame = preview(page, 375);
  // (Its label is the floor's last step: 12,100 doubling every 730 days, by day 720.)
  const last = Math.round(12_100 * 2 ** (720 / 730)).toLocaleString("en-GB");
  await frame.locator(".cs-chart text", { hasText: `Floor ${last}` }).first().waitFor();
  assert.match(set, /requirement_b200e:12100/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the editor starts a preset today and schedules a shock by date: the previews and the snippet carry both", async () => {
  const { page, errors } = await open(env.context, `${env.base}/editor.html?preset=tencent-datasection&trials=1000`);
  await measured(page);
  const widget = page.locator(".editor-widget");
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  // Day 0 today (under More): the world keeps its dates; the scenario is the reader's own now.
  await widget.locator(".cs-more > summary").click();
  await widget.getByRole("button", { name: "Start today" }).click();
  await page.waitForFunction((d) => document.querySelector(".editor-widget").computeShock.state.scenario.start_date === d, today);
  const started = await page.evaluate(() => structuredClone(document.querySelector(".editor-widget").computeShock.state.scenario));
  // Osaka in use from the preset's day 0; Sydney's first racks a week before it.
  assert.deepEqual(started.sites.map((s) => s.online_date), ["2026-06-26", "2026-06-19"]);
  await widget.getByRole("button", { name: "Back to 26 June 2026" }).waitFor();
  // Japan acts on a date, 30 days on: written in the JSON editor.
  const when = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  started.shocks[1].scheduled_dates = [when];
  await widget.locator(".cs-all > summary").click();
  await widget.locator(".cs-all details > summary").click();
  await widget.locator(".cs-json").fill(JSON.stringify(started));
  await widget.getByRole("button", { name: "Apply" }).click();
  // The snippet's scenario has both, and a preview draws the dated shock on its chart.
  await page.waitForFunction((w) => {
    const src = document.querySelector(".editor-snippet").value.match(/src="([^"]+)"/)?.[1]?.replace(/&amp;/g, "&");
    const b64 = src && new URL(src).searchParams.get("scenario");
    if (!b64) return false;
    const s = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))));
    return s.shocks[1].scheduled_dates?.[0] === w;
  }, when);
  const code = await page.locator(".editor-snippet").inputValue();
  const b64 = new URL(code.match(/src="([^"]+)"/)[1].replace(/&amp;/g, "&")).searchParams.get("scenario");
  const sent = JSON.parse(Buffer.from(b64, "base64url").toString("utf8"));
  assert.equal(sent.start_date, today);
  await preview(page, 640).locator(".cs-chart .event-shock").first().waitFor({ state: "attached" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("theme: auto previews both light and dark; language: the editor and the embed speak it", async () => {
  const { page, errors } = await open(env.context, `${env.base}/editor.html?trials=1000&theme=auto`);
  await measured(page, 2 * PREVIEW_COUNT);
  assert.deepEqual(await page.$$eval(".editor-preview", (fs) => fs.map((f) => f.dataset.theme)), [...Array(PREVIEW_COUNT).fill("light"), ...Array(PREVIEW_COUNT).fill("dark")]);
  assert.equal(await preview(page, 375, "dark").locator(".cs-widget").getAttribute("data-theme"), "dark");
  await page.getByLabel("Theme", { exact: true }).selectOption("dark");
  await measured(page, PREVIEW_COUNT);
  await page.waitForURL(/theme=dark/);
  await page.getByLabel("Language", { exact: true }).selectOption("ja");
  await page.locator("h1", { hasText: "compute-shock エディター" }).waitFor();
  await measured(page, PREVIEW_COUNT);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ja");
  await preview(page, 640, "dark").locator(".cs-unit", { hasText: "B200換算" }).waitFor();
  assert.match(await page.locator(".editor-snippet").inputValue(), /lang=ja/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the editor opens in the journalist's language, language, theme and layout first", async () => {
  // A browser in Japanese, an address without `lang`: the editor and the embed in Japanese.
  const b = await start({ locale: "ja-JP" });
  try {
    const { page, errors } = await open(b.context, `${b.base}/editor.html?trials=1000`);
    await page.locator("h1", { hasText: "compute-shock エディター" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "ja");
    await measured(page);
    assert.match(await page.locator(".editor-snippet").inputValue(), /lang=ja/);
    // The look (language, theme, layout) is the form's first section, above the scenario.
    const order = await page.$$eval(".editor-form > .editor-section h2", (hs) => hs.map((x) => x.textContent));
    assert.equal(order[0], "言語・テーマ・レイアウト", order.join(" | "));
    assert.ok(order.indexOf("シナリオ") > 0, order.join(" | "));
    // An address that names English keeps it.
    await page.goto(`${b.base}/editor.html?trials=1000&lang=en`);
    await page.locator("h1", { hasText: "compute-shock editor" }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await b.close();
  }
});

test("the element's preview shows what an article on another site would: the widget, or, without the host's CORS header, what is inside the element and a warning", async () => {
  for (const cors of [true, false]) {
    const b = await start({}, { cors });
    try {
      const { page } = await open(b.context, `${b.base}/editor.html?trials=1000&title=If%20Osaka%20goes%20dark`);
      assert.equal(await page.locator(".editor-element-preview").count(), 0, "none with the iframe's snippet");
      await page.getByLabel("Script and element (pages that allow module scripts)").check();
      const figure = page.locator(".editor-element-preview");
      await page.waitForFunction(() => ["loaded", "failed"].includes(document.querySelector(".editor-element-preview")?.dataset.state), null, { timeout: 60_000 });
      const frame = page.frameLocator('iframe[data-id="preview-element"]');
      if (cors) {
        assert.equal(await figure.getAttribute("data-state"), "loaded");
        assert.match(await figure.locator(".editor-element-status").textContent(), /^It loads on other sites/);
        await frame.locator("compute-shock .cs-headline").waitFor({ timeout: 60_000 });
        assert.equal(await frame.locator("compute-shock .cs-title").textContent(), "If Osaka goes dark");
      } else {
        assert.equal(await figure.getAttribute("data-state"), "failed");
        assert.match(await figure.locator(".editor-element-status").textContent(), /^It does not load on other sites: .*Access-Control-Allow-Origin/);
        // What an article elsewhere shows: the element's own content, a link to the embed.
        await frame.locator("compute-shock > p > a", { hasText: "If Osaka goes dark" }).waitFor();
        assert.equal(await frame.locator("compute-shock .cs-widget").count(), 0);
      }
      // Back to the iframe's snippet: the element's preview goes.
      await page.getByLabel("iframe (works in any CMS)").check();
      assert.equal(await page.locator(".editor-element-preview").count(), 0);
      await page.close();
    } finally {
      await b.close();
    }
  }
});

test("the static edition: the embed's own chart, its lead as alt text and its numbers, in one ZIP", async () => {
  const { page, errors } = await open(env.context, `${env.base}/editor.html?preset=two-track&trials=1000&lang=ja&title=%E5%A4%A7%E9%98%AA%E3%81%8C%E6%AD%A2%E3%81%BE%E3%81%A3%E3%81%9F%E3%82%89&note=%E4%BB%AE%E5%AE%9A%E3%81%AE%E6%B3%A8%E8%A8%98`);
  await measured(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "静的版をダウンロード（ZIP）" }).click()]);
  assert.equal(download.suggestedFilename(), "compute-shock_two-track_seed-1_1000-futures_static-edition.zip");
  const path = await download.path();
  const read = (name) => execFileSync("python3", ["-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; sys.stdout.buffer.write(z.read(sys.argv[2]))", path, name]);
  const names = execFileSync("python3", ["-c", "import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", path], { encoding: "utf8" }).trim().split("\n");
  assert.deepEqual(names, ["index.html", "chart.png", "chart.svg", "data.csv", "data.metadata.json"]);
  const html = read("index.html").toString("utf8");
  // The image's alt text is the model's lead, in Japanese; the caption has the title and note.
  const lead = await page.evaluate(() => document.querySelector(".editor-widget .cs-headline").textContent);
  assert.ok(html.includes(`alt="${lead}"`), html.slice(0, 600));
  assert.match(html, /<html lang="ja">/);
  assert.match(html, /<figcaption>大阪が止まったら 仮定の注記 出典：Financial Times, 21 December 2025/);
  assert.ok((html.match(/<tr><th scope="row">/g) ?? []).length >= 24, "a row a month over two years");
  assert.deepEqual([...read("chart.png").subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG");
  assert.match(read("chart.svg").toString("utf8"), /大阪が止まったら/);
  assert.match(read("data.csv").toString("utf8"), /^\uFEFFday,date,p5_b200e/);
  const meta = JSON.parse(read("data.metadata.json").toString("utf8"));
  assert.deepEqual([meta.simulation.seed, meta.simulation.futures, meta.scenario.preset], [1, 1000, "two-track"]);
  await page.locator(".editor-status", { hasText: "を保存しました" }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("bad parameters in the address are noted in the editor and never run; markup stays text", async () => {
  const hostile = encodeURIComponent('<img src=x onerror="window.pwned=1">');
  const { page, errors } = await open(env.context, `${env.base}/editor.html?trials=1000&title=${hostile}&controls=nope,comply:0-2&annotations=2026-02-30%20x&hide=1&theme=neon&snippet=zip`);
  await measured(page);
  const notes = await page.locator(".editor-notes li").allTextContents();
  for (const want of [/title “<img src=x onerror="window\.pwned=1">” was ignored: it must be plain text/, /controls “nope” was ignored: there is no such control/, /controls “comply:0-2” was ignored: it must be a range such as 1-2, from 0 to 1/, /annotations “2026-02-30 x” was ignored/, /hide “…” was ignored: there is no such parameter/, /theme “neon” was ignored/, /snippet “zip” was ignored/]) {
    assert.ok(notes.some((n) => want.test(n)), `${want}\n${notes.join("\n")}`);
  }
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("img[src=x]").count(), 0);
  // What could be used was: comply is a reader's slider, at its full range.
  assert.ok(await page.getByRole("checkbox", { name: "Host countries comply" }).isChecked());
  assert.equal(await page.getByLabel("Host countries comply: range to").inputValue(), "");
  // A range typed wrong is noted beside it, in the slider's unit (percent), and left out of
  // the snippet.
  await page.getByLabel("Host countries comply: range to").fill("300");
  await page.locator(".editor-range .editor-problem", { hasText: "must be a range in percent, such as 50-90, from 0 to 100" }).waitFor();
  await page.waitForFunction(() => /controls=comply"/.test(document.querySelector(".editor-snippet").value));
  // Pasting something that is not an embed says so.
  await page.locator(".editor-open summary").click();
  await page.getByLabel("Paste an embed snippet or its address to edit it.").fill("<p>hello</p>");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await page.locator(".editor-open .editor-problem", { hasText: "neither an embed snippet nor its address" }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("accessibility: axe finds nothing in the editor, in English and Japanese", async () => {
  for (const lang of ["en", "ja"]) {
    const { page } = await open(env.context, `${env.base}/editor.html?trials=1000&lang=${lang}&controls=shock-rate:0.5-3&annotations=2026-09-01%20Rule`);
    await measured(page);
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    // The previews are the embeds, checked by their own tests; here, the editor around them.
    const result = await page.evaluate(() => window.axe.run({ exclude: [[".editor-preview-box"]] }, { resultTypes: ["violations"] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], lang);
    await page.close();
  }
});

test("screenshots: the editor at 320, 375, 640 and 1280 px, English and Japanese, light and dark previews", async () => {
  for (const lang of ["en", "ja"]) {
    for (const width of [320, 375, 640, 1280]) {
      const page = await env.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${env.base}/editor.html?trials=1000&lang=${lang}&theme=auto&title=${encodeURIComponent(lang === "ja" ? "大阪が止まったら" : "If Osaka goes dark")}&annotations=2026-09-01%20${encodeURIComponent(lang === "ja" ? "新規則" : "Rule")}`);
      await measured(page, 2 * PREVIEW_COUNT);
      // No part of the editor is wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${lang} ${width}: ${overflow} px too wide`);
      await page.screenshot({ path: join(ARTEFACTS, `editor-${lang}-${width}.png`), fullPage: width < 1100 });
      if (width === 1280) await page.locator(".editor-side").screenshot({ path: join(ARTEFACTS, `editor-${lang}-previews.png`) });
      await page.close();
    }
  }
});

test("a share's range is typed in percent, as its slider reads; a note dated outside the scenario is refused with a reason", async () => {
  const { page, errors } = await open(env.context, `${env.base}/editor.html?trials=1000`);
  await measured(page);
  const query = () => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
  // Compliance reads in percent on its slider: 50 to 90 is 0.5-0.9 in the embed's parameter.
  await page.getByLabel("Host countries comply: range from").fill("50");
  await page.getByLabel("Host countries comply: range to").fill("90");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("controls") === "shock-rate,comply:0.5-0.9");
  // A share to twelve digits: 33.3 % is 0.333 (not 0.33299999999999996).
  await page.getByLabel("Host countries comply: range from").fill("33.3");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("controls") === "shock-rate,comply:0.333-0.9");
  // 150 % is not a share: said in percent, and the range is dropped.
  await page.getByLabel("Host countries comply: range to").fill("150");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("controls") === "shock-rate,comply");
  assert.match(await page.locator(".editor-range .editor-problem:not([hidden])").textContent(), /percent.*from 0 to 100/);

  // A new note is dated today (the local day, as the chart's Today) where the preset's two
  // years from 26 June 2026 cover it, else on day 0.
  await page.getByRole("button", { name: "Add a note" }).click();
  const now = new Date();
  const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  const today = local >= "2026-06-26" && local <= "2028-06-24" ? local : "2026-06-26";
  assert.equal(await page.getByLabel("Date 1").inputValue(), today);
  await page.getByLabel("Text 1").fill("House vote");
  await page.waitForFunction((d) => new URLSearchParams(location.search).get("annotations") === `${d} House vote`, today);
  // Before day 0: never drawn, so refused with the scenario's dates, and left out.
  await page.getByLabel("Date 1").fill("2026-01-12");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("annotations") === null);
  assert.match(await page.locator(".editor-annotation .editor-problem").textContent(), /must be a date the scenario covers, from 26 June 2026 to 24 June 2028/);
  assert.ok(!(await page.locator(".editor-snippet").inputValue()).includes("annotations"));
  await page.getByLabel("Date 1").fill("2027-01-12");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("annotations") === "2027-01-12 House vote");
  assert.ok((await query()).annotations);
  assert.deepEqual(errors, []);
  await page.close();
});
