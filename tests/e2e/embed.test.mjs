// Embedding as newsrooms do it: iframe and custom element, auto-height, state in the URL,
// Japanese, themes, downloads, accessibility, no-script, privacy and hostile pages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { useBrowser, start, open, settled, siteTable, ROOT, ARTEFACTS } from "./browser.mjs";
import * as story from "../../www/words/story.js";
import { twoDigits } from "../../www/words/format.js";
import { pointValue } from "../../www/state/quantity.js";
import { loadLanguage, presetText, translator } from "../../www/words/i18n.js";

// Each language is loaded on demand, as a widget that speaks it does.
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);

const require = createRequire(import.meta.url);
const env = useBrowser();

/** The widget's state inside a page, a frame or a custom element's shadow root. */
const widgetState = (where) =>
  where.evaluate(() => {
    const el = document.querySelector("compute-shock");
    const root = el ? el.shadowRoot.querySelector(".cs-widget") : document.querySelector(".cs-widget");
    const s = root.computeShock.state;
    return {
      scenario: s.scenario,
      seed: s.seed,
      trials: s.trials,
      lang: s.lang,
      theme: s.theme,
      summary: s.summary && { ...s.summary, bands: Object.fromEntries(Object.entries(s.summary.bands).map(([k, v]) => [k, Array.from(v)])) },
    };
  });

/** A preset as the page has it (the default one without `id`): tests read its figures. */
const presetOf = (where, id) =>
  where.evaluate((id) => {
    const { presets } = document.querySelector(".cs-widget").computeShock.state;
    return JSON.parse(JSON.stringify(id ? presets.find((p) => p.id === id) : presets[0]));
  }, id);

/** The mean of a probability over a scenario's shocks (`fallback` where a shock has none). */
const shockMean = (scenario, field, fallback) => scenario.shocks.reduce((sum, k) => sum + (k[field] ?? fallback), 0) / scenario.shocks.length;

/** A whole number as Japanese newspapers write it (below 100 million): 1万4550, 1万, 9500. */
const manStyle = (x) => {
  const n = Math.round(x);
  const man = Math.floor(n / 10_000);
  const rest = n % 10_000;
  return man > 0 ? `${man}万${rest > 0 ? rest : ""}` : String(rest);
};

/** Waits for a finished run inside a custom element. */
const elementSettled = (page) =>
  page.waitForFunction(() => {
    const root = document.querySelector("compute-shock")?.shadowRoot?.querySelector(".cs-widget");
    const s = root?.computeShock?.state;
    return s?.summary && !s.previewing && !root.classList.contains("cs-busy");
  }, null, { timeout: 60_000 });

/** Serves an HTML page at /fixture/<name> on the widget's origin. */
async function fixture(page, name, html) {
  await page.route(`${env.base}/fixture/${name}`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
  return `${env.base}/fixture/${name}`;
}

const QUERY = "preset=southeast-asia&seed=42&trials=2000&lang=ja&theme=dark&set=shocks.0.rate_per_year:1.5,requirement_b200e:12000&v=1";

test("1. the iframe page and the custom element take the same parameters and show the same run", async () => {
  const { page: framePage, errors } = await open(env.context, `${env.base}/embed.html?${QUERY}`);
  await settled(framePage, 2000);
  const viaFrame = await widgetState(framePage);
  const attrs = new URLSearchParams(QUERY);
  const tag = `<compute-shock ${[...attrs].map(([k, v]) => `${k}="${v}"`).join(" ")}></compute-shock>`;
  const url = await fixture(framePage, "element.html", `<!doctype html><meta charset="utf-8"><script type="module" src="/element.js"></script>${tag}`);
  await framePage.goto(url);
  await elementSettled(framePage);
  const viaElement = await widgetState(framePage);
  assert.equal(viaFrame.scenario.shocks[0].rate_per_year, 1.5);
  assert.equal(viaFrame.scenario.requirement_b200e, 12000);
  assert.deepEqual(viaElement, viaFrame);
  assert.equal(viaFrame.lang, "ja");
  assert.deepEqual(errors, []);
  await framePage.close();
});

test("2. the iframe reports its height in three formats, only when it changes, and answers Pym", async () => {
  const page = await env.context.newPage();
  const url = await fixture(
    page,
    "article.html",
    `<!doctype html><meta charset="utf-8"><title>Article</title><h1>An article</h1>
     <iframe id="f" src="/embed.html?preset=ceo-worst-case&trials=1000&id=chart1" title="compute-shock" loading="lazy" width="100%" height="300" style="border:0;width:100%"></iframe>
     <script>window.messages = []; addEventListener("message", (e) => messages.push(e.data));</script>
     <script src="/resize.js" async></script>`,
  );
  await page.goto(url);
  const frame = await (await page.waitForSelector("#f")).contentFrame();
  await settled(frame, 1000);
  await page.waitForTimeout(500);
  const { frameHeight, contentHeight, messages } = await page.evaluate(() => ({
    frameHeight: document.getElementById("f").getBoundingClientRect().height,
    contentHeight: document.getElementById("f").contentDocument.documentElement.getBoundingClientRect().height,
    messages: window.messages,
  }));
  assert.ok(Math.abs(frameHeight - Math.ceil(contentHeight)) <= 1, `frame ${frameHeight}px, content ${contentHeight}px`);
  const dw = messages.filter((m) => m && m["datawrapper-height"]).map((m) => m["datawrapper-height"].chart1);
  const pym = messages.filter((m) => typeof m === "string" && m.startsWith("pymxPYMxchart1xPYMxheightxPYMx")).map((m) => Number(m.split("xPYMx").at(-1)));
  const amp = messages.filter((m) => m && m.sentinel === "amp" && m.type === "embed-size").map((m) => m.height);
  assert.ok(dw.length > 0);
  assert.deepEqual(pym, dw);
  assert.deepEqual(amp, dw);
  for (let i = 1; i < dw.length; i++) assert.notEqual(dw[i], dw[i - 1], "posted only when the height changes");
  assert.equal(dw.at(-1), Math.ceil(contentHeight));
  // Pym's parent asks with its width; the frame answers with its height.
  const before = await page.evaluate(() => window.messages.length);
  await page.evaluate(() => document.getElementById("f").contentWindow.postMessage("pymxPYMxchart1xPYMxwidthxPYMx600", "*"));
  await page.waitForFunction((n) => window.messages.length > n, before);
  const answer = await page.evaluate((n) => window.messages.slice(n), before);
  assert.ok(answer.includes(`pymxPYMxchart1xPYMxheightxPYMx${dw.at(-1)}`));
  // A tab coming back into view re-measures: unchanged, it posts nothing new; changed while
  // hidden (here: the widget made taller behind the reader's back), it posts the new height.
  const count = await page.evaluate(() => window.messages.length);
  await frame.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.messages.length), count);
  await frame.evaluate(() => {
    document.querySelector(".cs-widget").style.paddingBottom = "300px";
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.waitForFunction((n) => window.messages.length >= n + 3, count);
  await page.waitForTimeout(200);
  const grown = await page.evaluate(() => {
    const f = document.getElementById("f");
    return { frame: f.getBoundingClientRect().height, content: f.contentDocument.documentElement.getBoundingClientRect().height };
  });
  assert.ok(grown.frame > frameHeight + 200, `frame ${grown.frame}px after growing from ${frameHeight}px`);
  assert.ok(Math.abs(grown.frame - Math.ceil(grown.content)) <= 1, `frame ${grown.frame}px for ${grown.content}px of content`);
  await page.screenshot({ path: join(ARTEFACTS, "embed-host-article.png"), fullPage: true });
  await page.close();
});

test("3. every change round-trips through the URL; share and embed code give it", async () => {
  const { page, errors } = await open(env.context, `${env.base}/`);
  await settled(page);
  await page.getByLabel("Scenario", { exact: true }).selectOption("two-track");
  await settled(page);
  const slider = page.getByLabel("Host countries comply");
  const comply = shockMean((await presetOf(page, "two-track")).scenario, "comply_probability", 1);
  const range = await slider.evaluate((el) => ({ min: Number(el.min), step: Number(el.step) }));
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  // Four steps down from the preset's compliance (the slider's nearest step to it).
  const lowered = Number(await slider.inputValue());
  assert.ok(Math.abs(lowered - Math.max(range.min, Math.round(comply / range.step) * range.step - 4 * range.step)) < 1e-9, `${lowered} from ${comply}`);
  await page.getByRole("button", { name: "Re-roll" }).click();
  await page.getByLabel("Simulated futures").selectOption("1000");
  await settled(page, 1000);
  const url = page.url();
  assert.match(url, /preset=two-track/);
  assert.ok(url.includes(`set=shocks.0.comply_probability:${lowered}`), url);
  assert.match(url, /v=1/);
  const here = await widgetState(page);

  const again = await env.context.newPage();
  await again.goto(url);
  await settled(again, 1000);
  assert.deepEqual(await widgetState(again), here);

  // A change beyond numbers (a site removed) travels as a whole scenario.
  await again.locator(".cs-all > summary").click();
  await again.locator(".cs-all details > summary").click();
  const edited = { ...here.scenario, sites: here.scenario.sites.slice(0, 2) };
  edited.shocks = edited.shocks.filter((k) => k.id !== "beijing_import_curbs");
  await again.locator(".cs-json").fill(JSON.stringify(edited));
  await again.getByRole("button", { name: "Apply" }).click();
  await siteTable(again);
  await again.waitForFunction(() => document.querySelectorAll(".cs-sites tbody tr").length === 2);
  await settled(again, 1000);
  assert.match(again.url(), /scenario=[A-Za-z0-9_-]+/);
  const third = await env.context.newPage();
  await third.goto(again.url());
  await settled(third, 1000);
  assert.deepEqual((await widgetState(third)).scenario, (await widgetState(again)).scenario);

  // Share copies the link; the embed code is one snippet, the iframe, for the same state (the
  // editor, linked beside it once it is copied, has the element); no editor link before.
  assert.equal(await page.getByRole("link", { name: "Open in the editor" }).count(), 0);
  // (The buttons' code loads on first use, so what was copied shows a moment after the click.)
  await page.getByRole("button", { name: "Copy link" }).click();
  await page.waitForFunction((u) => document.querySelector(".cs-copied")?.value === u, url);
  await page.getByRole("button", { name: "Copy embed code" }).click();
  await page.waitForFunction(() => document.querySelector(".cs-copied").value.includes("<iframe"));
  const code = await page.locator(".cs-copied").inputValue();
  const query = new URL(url).search.slice(1);
  assert.ok(code.includes(`embed.html?${query.replace(/&/g, "&amp;")}`), code);
  assert.match(code, /<iframe [^>]*title="[^"]+"[^>]*loading="lazy"/);
  assert.equal((code.match(/<iframe/g) ?? []).length, 1, code);
  assert.ok(!code.includes("<compute-shock") && !code.includes("scrolling"), code);
  await page.getByRole("link", { name: "Open in the editor" }).hover();
  const editor = new URL(await page.getByRole("link", { name: "Open in the editor" }).getAttribute("href"));
  assert.match(editor.pathname, /\/editor\.html$/);
  assert.equal(editor.search.slice(1), query);
  assert.deepEqual(errors, []);
  for (const p of [page, again, third]) await p.close();
});

test("4. Japanese: every string, number and date for Japanese readers", async () => {
  const { page, errors } = await open(env.context, `${env.base}/embed.html?lang=ja`);
  await settled(page);
  const text = await page.locator(".cs-widget").innerText();
  assert.match(text, /始まる学習/);
  assert.match(text, /B200換算/);
  // The headline is story.js's in Japanese, its figures as Japanese newspapers write them
  // (1万4550): the compute kept, when some is, and the requirement.
  const { summary, scenario } = await widgetState(page);
  const headline = await page.locator(".cs-headline").textContent();
  const names = presetText("ja", "tencent-datasection").names;
  assert.equal(headline, story.headline(summary, scenario, translator("ja"), { nameOf: (x) => names[x.id] ?? x.name }));
  // The compute kept is in the details under it, when some is.
  const details = await page.locator(".cs-details-list").textContent();
  const { keeps } = story.story(summary).kept;
  if (keeps) assert.ok(details.includes(`少なくとも${manStyle(Math.floor(keeps.value))}基`), `${manStyle(keeps.value)}: ${details}`);
  // (The floor as it starts: the default preset's grows, and says how after it.)
  assert.ok(details.includes(`下限（B200換算${manStyle(summary.requirement_b200e)}基`), `${manStyle(summary.requirement_b200e)}: ${details}`);
  assert.match(text, /\d{4}年\d{1,2}月/, "dates on the chart axis");
  for (const english of ["Scenario", "What if", "Simulated futures", "Random seed", "Copy link", "Sites", "days from the start"]) {
    assert.ok(!text.includes(english), `untranslated: ${english}`);
  }
  const svgText = await page.locator(".cs-chart svg text").allTextContents();
  assert.ok(svgText.some((s) => /万/.test(s)), `chart labels: ${svgText.join(" ")}`);
  assert.equal(await page.locator(".cs-widget").getAttribute("lang"), "ja");
  await page.screenshot({ path: join(ARTEFACTS, "embed-ja-light.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("5. light, dark and auto themes", async () => {
  const colours = {};
  const paint = {};
  for (const [theme, scheme] of [["light", "dark"], ["dark", "light"], ["auto", "dark"], ["auto", "light"]]) {
    const page = await env.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${env.base}/embed.html?theme=${theme}&trials=1000`);
    await settled(page);
    // The histogram is drawn once it comes on screen: under More.
    await page.locator(".cs-more > summary").click();
    await page.locator(".cs-hist").scrollIntoViewIfNeeded();
    await page.locator(".cs-hist svg rect.bar").first().waitFor();
    colours[`${theme}/${scheme}`] = await page.locator(".cs-widget").evaluate((e) => getComputedStyle(e).backgroundColor);
    // The charts' shapes carry the light theme's paint as attributes (the no-script chart has
    // only those): the page's CSS computes the same in light and overrides them in dark.
    paint[`${theme}/${scheme}`] = await page.evaluate(() => {
      const PROPS = ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-size", "font-weight", "font-family"];
      const probe = document.createElement("i");
      document.body.append(probe);
      const canonical = (p, v) => {
        if (p === "fill" || p === "stroke") return v === "none" ? v : ((probe.style.color = v), getComputedStyle(probe).color);
        if (p === "stroke-dasharray") return v.split(/[ ,]+/).map(parseFloat).join();
        return p === "font-family" || Number.isNaN(parseFloat(v)) ? v : String(parseFloat(v));
      };
      const same = [];
      const differ = [];
      for (const el of document.querySelectorAll(".cs-chart svg *")) {
        const style = getComputedStyle(el);
        for (const p of PROPS.filter((p) => el.hasAttribute(p))) {
          const ok = canonical(p, el.getAttribute(p)) === canonical(p, style.getPropertyValue(p));
          (ok ? same : differ).push(`${el.tagName}.${el.getAttribute("class")} ${p}`);
        }
      }
      probe.remove();
      return { same: same.length, differ: [...new Set(differ)] };
    });
    await page.close();
  }
  assert.ok(paint["light/dark"].same > 50, JSON.stringify(paint["light/dark"]));
  assert.deepEqual(paint["light/dark"].differ, []);
  // (The floor is a line when flat, a path when it grows in steps, as the default preset's.)
  const floor = paint["dark/light"].differ.find((x) => /^(line|path)\.requirement stroke$/.test(x));
  for (const shape of ["path.band-outer fill", "path.median stroke", floor, "rect.bar fill"]) assert.ok(shape && paint["dark/light"].differ.includes(shape), shape);
  assert.equal(colours["light/dark"], "rgb(255, 255, 255)");
  assert.notEqual(colours["dark/light"], "rgb(255, 255, 255)");
  assert.equal(colours["auto/light"], colours["light/dark"]);
  assert.equal(colours["auto/dark"], colours["dark/light"]);
  // An embed without a theme is light, whatever the reader's system says (`auto` is opt-in);
  // the page keeps following the system.
  for (const [file, expected] of [["embed.html", colours["light/dark"]], ["index.html", colours["dark/light"]]]) {
    const page = await env.context.newPage();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${env.base}/${file}?trials=1000`);
    await settled(page);
    assert.equal(await page.locator(".cs-widget").evaluate((e) => getComputedStyle(e).backgroundColor), expected, file);
    await page.close();
  }
});

test("6. downloads: CSV with BOM, SVG and PNG, named after the scenario", async () => {
  const { page, errors } = await open(env.context, `${env.base}/?preset=ceo-worst-case&seed=7&trials=1000&lang=ja`);
  await settled(page, 1000);
  const grab = async (name) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
    return { name: download.suggestedFilename(), body: await readFile(await download.path()) };
  };
  const csv = await grab("データ（CSV）");
  assert.equal(csv.name, "compute-shock_ceo-worst-case_seed-7_1000-futures.csv");
  assert.deepEqual([...csv.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = csv.body.toString("utf8").slice(1);
  const { summary } = await widgetState(page);
  // The command's CSV (--format csv, with the dates of the chart's axis: the
  // scenario's start date, or without one the day the widget was opened).
  const lines = text.split(/\r?\n/);
  const columns = ["p5", "p25", "p50", "p75", "p95", "mean", "below_requirement"];
  assert.equal(lines[0], "day,date,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement");
  const day0 = summary.start_date ?? (await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; }));
  assert.ok(lines[1].startsWith(`0,${day0},`), lines[1]);
  assert.equal(lines.length, summary.horizon_days + 2);
  for (const day of [0, 100, summary.horizon_days - 1]) {
    assert.equal(lines[day + 1].split(",").slice(2).map(Number).join(), columns.map((k) => summary.bands[k][day]).join(), `day ${day}`);
  }
  const svg = await grab("グラフ（SVG）");
  assert.match(svg.name, /\.svg$/);
  assert.match(svg.body.toString(), /^<\?xml[^>]+>\n<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg.body.toString(), /<path d="M[^"]+" class="median"[^>]*stroke="#/);
  const png = await grab("グラフ（PNG）");
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.body.length > 10_000, "the PNG has a picture in it");
  assert.deepEqual(errors, []);
  await page.close();
});

test("7. accessibility: axe finds nothing in English and Japanese, light and dark; keyboard and motion", async () => {
  for (const lang of ["en", "ja"]) {
    for (const theme of ["light", "dark"]) {
      const { page } = await open(env.context, `${env.base}/?lang=${lang}&theme=${theme}&trials=1000`);
      await settled(page);
      await page.locator(".cs-all > summary").click();
      await page.locator(".cs-data-wrap > summary").first().click();
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      const found = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      assert.deepEqual(found, [], `${lang}/${theme}`);
      await page.close();
    }
  }
  // Every control is reachable by Tab, and sliders say their value in words.
  const { page } = await open(env.context, `${env.base}/`);
  await settled(page);
  const reached = new Set();
  await page.locator("select").first().focus();
  for (let i = 0; i < 30; i++) {
    reached.add(await page.evaluate(() => document.activeElement.getAttribute("aria-valuetext") ?? document.activeElement.textContent.trim().slice(0, 20)));
    await page.keyboard.press("Tab");
  }
  // The sliders say the preset's figures: shocks a year (all types) and compliance.
  const { scenario } = await presetOf(page);
  // (A drawn rate counts at its mean, as the slider reads it, to two significant digits.)
  const rate = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(twoDigits(scenario.shocks.reduce((sum, k) => sum + pointValue(k.rate_per_year), 0)));
  const comply = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 }).format(shockMean(scenario, "comply_probability", 1));
  for (const words of [`${rate} a year on average`, `${comply} of the time`, "Re-roll", "Copy link", "Data (CSV)"]) assert.ok([...reached].some((r) => r.includes(words)), `${words} not reached by Tab`);
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.equal(await page.locator(".cs-chart").first().evaluate((e) => getComputedStyle(e).transitionDuration), "0s");
  await page.close();
});

test("8. without JavaScript: the default preset's headline and chart, from the native command", async () => {
  const bin = join(ROOT, "target/release/compute-shock");
  const { PRESET, CHART_FILE, SENSITIVITY_TRIALS } = await import("../../scripts/noscript.mjs");
  const { headline } = await import("../../www/words/story.js");
  const { translator } = await import("../../www/words/i18n.js");
  const summary = JSON.parse(execFileSync(bin, ["run", "--preset", PRESET], { encoding: "utf8", maxBuffer: 1 << 26 }));
  const scenario = JSON.parse(await readFile(join(ROOT, `src/presets/${PRESET}.json`), "utf8")).scenario;
  const sensitivity = JSON.parse(execFileSync(bin, ["sensitivity", "--preset", PRESET, "--trials", String(SENSITIVITY_TRIALS)], { encoding: "utf8" }));
  // The served folder (site/) has the fallback: the native command's summary, with the chart
  // as an image beside the pages (fetched only without JavaScript). What a reader sees is
  // checked below against this run of the command and story.js, not against the build's own
  // output (which the build just wrote: comparing with it could not fail).
  for (const file of ["index.html", "embed.html"]) {
    const html = await readFile(join(ROOT, "site", file), "utf8");
    assert.ok(html.includes("noscript-sensitivity") && html.includes(`src="${CHART_FILE}"`), file);
  }
  const noJs = await start({ javaScriptEnabled: false });
  // With JavaScript, the fallback's image is never fetched.
  {
    const withJs = await start();
    const page = await withJs.context.newPage();
    const fetched = [];
    page.on("request", (r) => fetched.push(r.url()));
    await page.goto(`${withJs.base}/index.html`);
    await page.waitForLoadState("networkidle");
    assert.ok(!fetched.some((u) => u.endsWith(CHART_FILE)), fetched.join("\n"));
    await withJs.close();
  }
  for (const file of ["index.html", "embed.html"]) {
    const page = await noJs.context.newPage();
    await page.goto(`${noJs.base}/${file}`);
    assert.equal(await page.locator(".noscript-headline").textContent(), headline(summary, scenario, translator("en")));
    const image = page.locator(".noscript-figure img");
    await image.evaluate((img) => img.decode());
    assert.ok((await image.boundingBox()).height > 100);
    assert.ok((await image.getAttribute("alt")).startsWith("Fan chart of compute from "));
    // The sensitivity table: the command's rows, largest swing first, low and high as it ran
    // them.
    const rows = page.locator(".noscript-sensitivity tbody tr");
    assert.ok((await rows.count()) >= 5);
    for (const [i, r] of sensitivity.rows.slice(0, await rows.count()).entries()) {
      const cells = await rows.nth(i).locator("td").allTextContents();
      assert.deepEqual(cells.slice(0, 2), [String(r.low), String(r.high)], `row ${i}: ${r.field}`);
    }
    await page.screenshot({ path: join(ARTEFACTS, `noscript-${file.replace(".html", "")}.png`), fullPage: true });
    // The chart itself, as the image shows it.
    await page.goto(`${noJs.base}/${CHART_FILE}`);
    const svg = page.locator("svg").first();
    const shapes = await svg.evaluate((el) => {
      const rect = ({ x, y, width, height }) => ({ x, y, width, height });
      const one = (sel) =>
        [...el.querySelectorAll(sel)].map((x) => ({ box: rect(x.getBBox()), d: x.getAttribute("d"), fill: getComputedStyle(x).fill, stroke: getComputedStyle(x).stroke }));
      return {
        outer: one("path.band-outer"),
        inner: one("path.band-inner"),
        median: one("path.median"),
        requirement: one(".requirement"),
        ticks: el.querySelectorAll("text.tick").length,
        viewBox: rect(el.viewBox.baseVal),
      };
    });
    for (const name of ["outer", "inner", "median", "requirement"]) assert.equal(shapes[name].length, 1, `one ${name}`);
    // Bands with area, a median line across the chart, coloured without the page's CSS.
    assert.ok(shapes.outer[0].box.height > 20 && shapes.outer[0].box.width > 0.8 * shapes.viewBox.width, JSON.stringify(shapes.outer[0].box));
    assert.ok(shapes.inner[0].box.height > 0);
    assert.ok(shapes.median[0].box.width > 0.8 * shapes.viewBox.width);
    assert.equal(shapes.outer[0].fill, "rgb(156, 195, 222)");
    assert.equal(shapes.median[0].stroke, "rgb(11, 61, 94)");
    assert.equal(shapes.median[0].fill, "none");
    // The requirement line at the requirement's height: against the baseline and the median's
    // last day, the heights keep the summary's proportions.
    // The fan's baseline: the higher of the two horizontal axes (the other is the strip's 0%).
    const baseline = await svg.evaluate((el) =>
      Math.min(...[...el.querySelectorAll("g.grid line.axis")].filter((l) => l.getAttribute("y1") === l.getAttribute("y2")).map((l) => Number(l.getAttribute("y1")))),
    );
    const medianEnd = Number(shapes.median[0].d.split(",").at(-1));
    const requirementY = shapes.requirement[0].box.y;
    const last = summary.bands.p50.at(-1);
    assert.ok(requirementY < baseline - 10, `requirement at ${requirementY}, baseline at ${baseline}`);
    // (A growing floor's top is its last step, which its label names.)
    const top = summary.requirement_steps?.at(-1)?.b200e ?? summary.requirement_b200e;
    const ratio = (baseline - medianEnd) / (baseline - requirementY);
    assert.ok(Math.abs(ratio - last / top) < 0.01, `median/requirement heights ${ratio}, values ${last / top}`);
    assert.equal(await page.locator("svg .requirement-label").textContent(), `Floor ${new Intl.NumberFormat("en-GB").format(Math.round(top))}`);
    assert.ok(shapes.ticks >= 6);
    // Dated from the preset's start date (without one, counted from "now"), and the strip of
    // futures below the requirement drawn by the same renderer.
    const start = summary.start_date ?? scenario.start_date;
    assert.equal(await page.locator("svg text.tick", { hasText: /^now$/ }).count(), start ? 0 : 1);
    if (start) assert.ok((await svg.getAttribute("aria-label")).startsWith(`Fan chart of compute from ${new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(start))} to `));
    assert.equal(await page.locator("svg path.below").count(), 1);
    assert.equal(await page.locator("svg text.strip-label").textContent(), "Share of futures below the floor");
    await page.close();
  }
  await noJs.close();
});

test("9. privacy and hostile pages: same origin only, no storage, strict CSP, text-only parameters, hostile CSS", async () => {
  // Every request stays on the widget's origin, and nothing is stored.
  const { page, errors } = await open(env.context, "about:blank");
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${env.base}/?trials=1000`);
  await settled(page);
  await page.getByLabel("Policy shocks").focus();
  await page.keyboard.press("ArrowRight");
  await settled(page);
  assert.ok(requests.length > 5);
  assert.deepEqual(requests.filter((u) => !u.startsWith(env.base)), []);
  assert.deepEqual(await env.context.cookies(), []);
  assert.deepEqual(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]), ["", 0, 0]);

  // Parameters carrying markup are shown as text, never run.
  let dialog = false;
  page.on("dialog", (d) => {
    dialog = true;
    d.dismiss();
  });
  const evil = `preset=${encodeURIComponent("<img src=x onerror=alert(1)>")}&seed=${encodeURIComponent("<script>alert(2)</script>")}&set=${encodeURIComponent("name:<b>x</b>,sites.0.gpus:<i>")}`;
  await page.goto(`${env.base}/?${evil}`);
  await settled(page);
  const notes = await page.locator(".cs-note").allTextContents();
  assert.equal(notes.length, 4, notes.join("\n"));
  assert.ok(notes[0].includes("<img src=x onerror=alert(1)>"));
  assert.equal(await page.locator(".cs-widget img, .cs-widget script, .cs-widget b, .cs-widget i").count(), 0);
  assert.equal(dialog, false);
  await page.screenshot({ path: join(ARTEFACTS, "hostile-parameters.png") });
  assert.deepEqual(errors, []);
  await page.close();

  // The page works under the strictest policy a newsroom sets.
  const strict = await start({}, { csp: true });
  const { page: p2, errors: e2 } = await open(strict.context, "about:blank");
  await p2.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await p2.goto(`${strict.base}/embed.html?trials=1000`);
  await settled(p2, 1000);
  await p2.locator(".cs-more > summary").click();
  const [download] = await Promise.all([p2.waitForEvent("download"), p2.getByRole("button", { name: "Chart (PNG)" }).click()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  assert.deepEqual(await p2.evaluate(() => window.violations), []);
  assert.deepEqual(e2, []);
  // The pages ship the same policy themselves (a host that sends none still gets it), and
  // the page runs under it too.
  const { STRICT_CSP } = await import("../../scripts/serve.mjs");
  for (const file of ["index.html", "embed.html", "editor.html", "scrolly.html", "element-preview.html"]) {
    const html = await readFile(join(ROOT, "site", file), "utf8");
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">`), file);
  }
  await p2.goto(`${strict.base}/index.html?trials=1000`);
  await settled(p2, 1000);
  assert.deepEqual(await p2.evaluate(() => window.violations), []);
  await strict.close();

  // Hostile CSS around the custom element cannot reach inside it.
  const hostile = await env.context.newPage();
  const url = await fixture(
    hostile,
    "hostile.html",
    `<!doctype html><meta charset="utf-8"><style>
       * { color: #f0f !important; font-size: 40px !important; font-family: fantasy !important; letter-spacing: 5px !important; }
       div, p, section, input, select, svg, table { display: none !important; }
       compute-shock { display: block !important; }
     </style><script type="module" src="/element.js"></script><compute-shock trials="1000"></compute-shock>`,
  );
  await hostile.goto(url);
  await elementSettled(hostile);
  const inside = await hostile.evaluate(() => {
    const root = document.querySelector("compute-shock").shadowRoot;
    const headline = root.querySelector(".cs-headline");
    return {
      headlineSize: parseFloat(getComputedStyle(headline).fontSize),
      headlineColor: getComputedStyle(headline).color,
      svg: getComputedStyle(root.querySelector(".cs-chart svg")).display,
      slider: root.querySelector("input[type=range]").getBoundingClientRect().width,
    };
  });
  assert.ok(inside.headlineSize < 25, `headline font ${inside.headlineSize}px`);
  assert.notEqual(inside.headlineColor, "rgb(255, 0, 255)");
  assert.notEqual(inside.svg, "none");
  assert.ok(inside.slider > 100);
  await hostile.screenshot({ path: join(ARTEFACTS, "element-in-hostile-page.png"), fullPage: true });
  await hostile.close();
});

test("10. pasting the copied embed code into a blank page shows the same scenario, sized to fit", async () => {
  const { page } = await open(env.context, `${env.base}/?preset=southeast-asia&seed=5&trials=1000&lang=ja&theme=dark`);
  await settled(page, 1000);
  await page.getByRole("button", { name: "埋め込みコードをコピー" }).click();
  const iframeSnippet = await page.locator(".cs-copied").inputValue();
  const original = await widgetState(page);
  // The element's snippet is the editor's, opened from the page on the same state.
  await page.getByRole("link", { name: "エディターで開く" }).hover();
  const editor = await env.context.newPage();
  await editor.goto(await page.getByRole("link", { name: "エディターで開く" }).getAttribute("href"));
  await editor.getByLabel("スクリプトとカスタム要素（モジュールスクリプトを使えるページ）").check();
  await editor.waitForFunction(() => document.querySelector(".editor-snippet")?.value.includes("<compute-shock"));
  const elementSnippet = await editor.locator(".editor-snippet").inputValue();
  await editor.close();
  for (const [name, snippet] of [["blank-iframe.html", iframeSnippet], ["blank-element.html", elementSnippet]]) {
    const blank = await env.context.newPage();
    await blank.setViewportSize({ width: 800, height: 900 });
    await blank.goto(await fixture(blank, name, `<!doctype html><html><head><meta charset="utf-8"></head><body>${snippet}</body></html>`));
    let state;
    if (name === "blank-iframe.html") {
      const frame = await (await blank.waitForSelector("iframe")).contentFrame();
      await settled(frame, 1000);
      await blank.waitForTimeout(300);
      const { fh, ch } = await blank.evaluate(() => {
        const f = document.querySelector("iframe");
        return { fh: f.getBoundingClientRect().height, ch: f.contentDocument.documentElement.getBoundingClientRect().height };
      });
      assert.ok(Math.abs(fh - Math.ceil(ch)) <= 1, `iframe ${fh}px for ${ch}px of content`);
      state = await widgetState(frame);
    } else {
      await elementSettled(blank);
      state = await widgetState(blank);
    }
    assert.deepEqual(state, original, name);
    await blank.screenshot({ path: join(ARTEFACTS, name.replace(".html", ".png")), fullPage: true });
    await blank.close();
  }
  await page.close();
});
