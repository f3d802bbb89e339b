// Story mode, the embeds' default: the headline, the fan chart and the chosen controls, the
// rest under "More", within 700 px at 320, 375 and 640 px wide; in an article on another origin, at four
// widths, light and dark, English and Japanese (screenshots in test-results/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, start, open, settled, otherOrigin, articlePage, siteTable, ARTEFACTS } from "./browser.mjs";

const require = createRequire(import.meta.url);
const env = useBrowser();

/** The labels of the sliders a reader sees (not those under a closed "More"). */
const visibleSliders = (where) =>
  where.evaluate(() =>
    [...document.querySelectorAll(".cs-slider")]
      .filter((row) => row.checkVisibility())
      .map((row) => row.querySelector("label").firstChild.textContent.trim()),
  );

test("story mode is the embeds' default: headline, fan chart, the preset's controls, the rest under More", async () => {
  const { page, errors } = await open(env.context, `${env.base}/embed.html?trials=1000`);
  await settled(page, 1000);
  assert.ok(await page.locator(".cs-headline").isVisible());
  assert.ok(await page.locator(".cs-chart:not(.cs-hist) svg").first().isVisible());
  assert.deepEqual(await visibleSliders(page), ["Policy shocks", "Host countries comply"]);
  assert.equal(
    await page.locator(".cs-unit").textContent(),
    "B200-equivalents: compute counted in Nvidia B200s. Floor: the least compute the firm needs to keep developing its AI models, taken as 11,600 B200-equivalents at the start, doubling every 730 days, in steps up to 22,981 (an assumption). Evidence as of 26 June 2026.",
  );
  // The lead's other figures: one line to open.
  assert.equal(await page.locator(".cs-details").evaluate((d) => d.open), false);
  await page.locator(".cs-details > summary").click();
  assert.match(await page.locator(".cs-details-list").textContent(), /More than a month late \(runs that never finish included\): \d+% of futures\./);
  // Everything else is there, under More.
  const more = page.locator(".cs-more");
  assert.equal(await more.evaluate((d) => d.open), false);
  for (const hidden of [".cs-hist", ".cs-sites", ".cs-top select", ".cs-run", ".cs-actions", ".cs-sources"]) assert.equal(await page.locator(hidden).isVisible(), false, hidden);
  await page.locator(".cs-more > summary").click();
  await siteTable(page);
  await page.locator(".cs-hist svg").waitFor();
  for (const shown of [".cs-hist svg", ".cs-sites", ".cs-top select", ".cs-run", ".cs-actions", ".cs-sources"]) assert.ok(await page.locator(shown).isVisible(), shown);
  assert.equal((await visibleSliders(page)).length, 8);
  // The histogram, drawn again when More opened, fills its box.
  await page.waitForFunction(() => document.querySelector(".cs-hist svg")?.getBoundingClientRect().width > 300);
  assert.deepEqual(errors, []);
  await page.close();

  // A preset has its own controls; the element is in story mode too, and index.html is not.
  const { page: ceo } = await open(env.context, `${env.base}/embed.html?preset=ceo-worst-case&trials=1000`);
  await settled(ceo, 1000);
  assert.deepEqual(await visibleSliders(ceo), ["A temporary shutdown lasts", "Floor for an AI model"]);
  await ceo.close();
  const { page: full } = await open(env.context, `${env.base}/embed.html?layout=full&trials=1000`);
  await settled(full, 1000);
  assert.equal(await full.locator(".cs-more").count(), 0);
  assert.equal((await visibleSliders(full)).length, 8);
  assert.ok(await (await siteTable(full)).isVisible());
  await full.close();
  const { page: index } = await open(env.context, `${env.base}/?trials=1000`);
  await settled(index, 1000);
  assert.equal(await index.locator(".cs-more").count(), 0);
  await index.close();
});

/** Every trial the page's workers have run since they started. */
const trialsRun = (page) => page.evaluate(async () => (await document.querySelector(".cs-widget").computeShock.simulator.stats()).reduce((a, s) => a + s.trials, 0));

test("hidden views do no work: a settled change runs the main run's trials and nothing more, until More is opened", async () => {
  const { page, errors } = await open(env.context, `${env.base}/embed.html`);
  await settled(page);
  const trials = await page.evaluate(() => document.querySelector(".cs-widget").computeShock.state.summary.trials);
  // The views' code has loaded (the dated events are on the chart), and the tornado exists,
  // under the closed More.
  await page.waitForSelector(".cs-tornado", { state: "attached", timeout: 60_000 });
  // Before, the tornado ran on for about 100 times the main run's trials in the next 25 s;
  // 3 s is more than enough to see it start.
  await page.waitForTimeout(3000);
  assert.equal(await trialsRun(page), trials, "the first run, and nothing after it");
  await page.locator(".cs-main input[type=range]").first().focus();
  await page.keyboard.press("ArrowRight");
  await settled(page);
  await page.waitForTimeout(3000);
  assert.equal(await trialsRun(page), 2 * trials, "a settled change: its main run only");
  // The count sees the views' work: open More and bring the tornado on screen.
  await page.locator(".cs-more > summary").click();
  await page.evaluate(() => document.querySelector(".cs-tornado").scrollIntoView());
  await page.waitForFunction(() => document.querySelector(".cs-widget").computeShock.views.tornado?.rows.length > 0, null, { timeout: 60_000 });
  const opened = await trialsRun(page);
  assert.ok(opened > 2 * trials, `${opened} trials once the tornado is on screen`);
  // Closed again, it stops (a step under way finishes first).
  await page.locator(".cs-more > summary").click();
  await page.waitForTimeout(1000);
  const closed = await trialsRun(page);
  await page.waitForTimeout(3000);
  assert.equal(await trialsRun(page), closed, "nothing runs once More is closed");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the presets' notes are fetched only when the sources come on screen, in either language", async () => {
  for (const [lang, file] of [["en", "preset-notes.json"], ["ja", "preset-notes-ja.js"]]) {
    const fetched = [];
    const listen = (r) => r.url().includes(file) && fetched.push(r.url());
    env.context.on("request", listen);
    const { page, errors } = await open(env.context, `${env.base}/embed.html?lang=${lang}`);
    await settled(page);
    await page.waitForTimeout(1000);
    assert.deepEqual(fetched, [], `${lang}: notes fetched under a closed More`);
    await page.locator(".cs-more > summary").click();
    await page.locator(".cs-sources").scrollIntoViewIfNeeded();
    // (The list is drawn when it comes on screen, with its notes: some items, each with one.)
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll(".cs-sources li")];
      return items.length > 0 && items.every((li) => !/:\s*$/.test(li.textContent.replace(/\([^)]*\)$/, "").trim()));
    }, null, { timeout: 30_000 });
    assert.equal(fetched.length, 1, `${lang}: ${fetched.join(", ")}`);
    env.context.off("request", listen);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the journalist chooses the controls, in order; unknown ones and a fourth are noted, never run", async () => {
  const { page, errors } = await open(env.context, `${env.base}/embed.html?trials=1000&controls=requirement,training-start,shock-rate`);
  await settled(page, 1000);
  assert.deepEqual(await visibleSliders(page), ["Floor for an AI model", "The training run starts", "Policy shocks"]);
  assert.equal(await page.locator(".cs-note").count(), 0);
  // The address keeps the choice when the reader moves a slider.
  await page.getByLabel("Policy shocks").focus();
  await page.keyboard.press("ArrowRight");
  await settled(page, 1000);
  assert.match(page.url(), /controls=requirement%2Ctraining-start%2Cshock-rate/);
  await page.goto(`${env.base}/embed.html?trials=1000&controls=${encodeURIComponent("comply,<b>nope</b>,duration,outages,relocation")}`);
  await settled(page, 1000);
  assert.deepEqual(await visibleSliders(page), ["Host countries comply", "A temporary shutdown lasts", "Site outages"]);
  const notes = await page.locator(".cs-note").allTextContents();
  assert.equal(notes.length, 2, notes.join("\n"));
  assert.match(notes[0], /controls “<b>nope<\/b>” was ignored: there is no such control \(choose shock-rate, comply,/);
  assert.match(notes[1], /controls “relocation” was ignored: at most 3 controls are shown/);
  assert.equal(await page.locator(".cs-widget b").count(), 0);
  // None: the chart alone.
  await page.goto(`${env.base}/embed.html?trials=1000&controls=`);
  await settled(page, 1000);
  assert.deepEqual(await visibleSliders(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("within 700 px at 320, 375 and 640 px wide, the controls next to the chart, in an article on another origin", async () => {
  const server = await otherOrigin({ "/article": articlePage(env.base, "embed.html") });
  const heights = {};
  try {
    for (const width of [320, 375, 640]) {
      const page = await env.context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.origin}/article`);
      const frame = await (await page.waitForSelector("#f")).contentFrame();
      await settled(frame, 10_000);
      await page.waitForTimeout(300);
      const measured = await frame.evaluate(() => {
        const chart = document.querySelector(".cs-chart:not(.cs-hist) svg").getBoundingClientRect();
        const slider = document.querySelector(".cs-story .cs-slider").getBoundingClientRect();
        return { height: document.documentElement.getBoundingClientRect().height, chart: { bottom: chart.bottom, right: chart.right, top: chart.top }, slider: { top: slider.top, left: slider.left } };
      });
      const frameHeight = await page.evaluate(() => document.getElementById("f").getBoundingClientRect().height);
      heights[width] = Math.ceil(measured.height);
      assert.ok(Math.abs(frameHeight - heights[width]) <= 1, `the frame is sized to its story (${frameHeight} for ${heights[width]})`);
      if (width <= 375) {
        // Under the chart: the first control starts within a thumb's reach of the chart.
        assert.ok(measured.slider.top - measured.chart.bottom < 60, `${width}: slider ${measured.slider.top - measured.chart.bottom}px below the chart`);
      } else {
        // Beside it: the same height on the screen.
        assert.ok(measured.slider.left >= measured.chart.right && measured.slider.top < measured.chart.bottom, `${width}: ${JSON.stringify(measured)}`);
      }
      await page.close();
    }
  } finally {
    await server.close();
    await writeFile(join(ARTEFACTS, "story-mode-heights.json"), `${JSON.stringify(heights, null, 2)}\n`);
  }
  for (const width of [320, 375, 640]) assert.ok(heights[width] <= 700, `${heights[width]}px at ${width} px`);
});

test("no layout shift: the article and the frame stay put while the widget loads and draws (CLS under 0.01)", async () => {
  // A layout-shift observer in the article and in the frame from their first script; the
  // article reserves 600 px, as the embed code does, and the widget loads from scratch.
  const observe = () => {
    window.__cls = 0;
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__cls += e.value;
        window.__shifts.push([Math.round(e.startTime), e.value]);
      }
    }).observe({ type: "layout-shift", buffered: true });
  };
  const b = await start();
  await b.context.addInitScript(observe);
  const pages = {};
  for (const lang of ["en", "ja"]) pages[`/${lang}`] = articlePage(b.base, `embed.html?lang=${lang}`, { lang });
  const server = await otherOrigin(pages);
  try {
    for (const lang of ["en", "ja"]) {
      for (const width of [320, 375, 640, 1280]) {
        const page = await b.context.newPage();
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${server.origin}/${lang}`);
        const frame = await (await page.waitForSelector("#f")).contentFrame();
        await settled(frame, 10_000);
        await page.waitForTimeout(500);
        const host = await page.evaluate(() => [window.__cls, window.__shifts]);
        const inner = await frame.evaluate(() => [window.__cls, window.__shifts]);
        assert.ok(host[0] < 0.01, `${lang} ${width} px, the article: CLS ${host[0]} ${JSON.stringify(host[1])}`);
        assert.ok(inner[0] < 0.01, `${lang} ${width} px, the frame: CLS ${inner[0]} ${JSON.stringify(inner[1])}`);
        // The frame took its laid-out height in one step: never the loading line's.
        const height = await page.evaluate(() => parseFloat(document.querySelector("#f").style.height));
        assert.ok(height > 400, `${lang} ${width} px: ${height}`);
        await page.close();
      }
    }
  } finally {
    await server.close();
    await b.close();
  }
});

test("accessibility in story mode: axe finds nothing in English and Japanese, light and dark, More closed and open", async () => {
  for (const lang of ["en", "ja"]) {
    for (const theme of ["light", "dark"]) {
      const { page } = await open(env.context, `${env.base}/embed.html?lang=${lang}&theme=${theme}&trials=1000&title=${encodeURIComponent(lang === "ja" ? "見出し" : "A title")}&source=Reuters`);
      await settled(page, 1000);
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      for (const state of ["closed", "open"]) {
        if (state === "open") await page.locator(".cs-more > summary").click();
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        const found = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
        assert.deepEqual(found, [], `${lang}/${theme}/${state}`);
      }
      if (lang === "ja") assert.equal(await page.locator(".cs-unit").textContent(), "B200換算：計算能力をエヌビディアのB200何基分かで表したもの。下限：この企業がAIモデルの開発を続けるのに最低限必要な計算能力。初めはB200換算1万1600基で、730日ごとに倍増するペースで段階的に引き上げ、最後の段階は2万2981基とした（仮定）。2026年6月26日時点の情報に基づく。");
      await page.close();
    }
  }
});

test("screenshots in an article on another origin at 320, 375, 640 and 1280 px: labels never collide, nothing overflows", async () => {
  const pages = {};
  for (const theme of ["light", "dark"]) for (const lang of ["en", "ja"]) pages[`/${theme}-${lang}`] = articlePage(env.base, `embed.html?lang=${lang}&theme=${theme}`, { dark: theme === "dark", lang });
  const server = await otherOrigin(pages);
  try {
    for (const width of [320, 375, 640, 1280]) {
      for (const theme of ["light", "dark"]) {
        for (const lang of ["en", "ja"]) {
          const page = await env.context.newPage();
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${server.origin}/${theme}-${lang}`);
          const frame = await (await page.waitForSelector("#f")).contentFrame();
          await settled(frame, 10_000);
          await page.waitForTimeout(300);
          const name = `story-mode-${width}-${theme}-${lang}`;
          const problems = await frame.evaluate(() => {
            const root = document.querySelector(".cs-widget");
            const out = [];
            if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth - window.innerWidth}px too wide`);
            const svg = root.querySelector(".cs-chart svg");
            const box = svg.getBoundingClientRect();
            const texts = [...svg.querySelectorAll("text")].map((t) => ({ text: t.textContent, r: t.getBoundingClientRect(), cls: t.getAttribute("class") }));
            // The value axis's title keeps clear of the tick labels beside it (3 px at least).
            const title = texts.find((t) => t.cls === "axis-label");
            for (const tick of texts.filter((t) => t.cls === "tick" && t.r.top < title.r.bottom && title.r.top < t.r.bottom)) {
              if (tick.r.left - title.r.right < 3) out.push(`"${tick.text}" ${Math.round(tick.r.left - title.r.right)}px from the axis title`);
            }
            for (const { text, r } of texts) if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`"${text}" outside the chart`);
            for (let i = 0; i < texts.length; i++) {
              for (let j = i + 1; j < texts.length; j++) {
                const [a, b] = [texts[i].r, texts[j].r];
                if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`"${texts[i].text}" overlaps "${texts[j].text}"`);
              }
            }
            // The controls: a label, its badge and the value stay inside the widget.
            for (const el of root.querySelectorAll(".cs-story .cs-slider *")) {
              const r = el.getBoundingClientRect();
              if (r.width && r.right > root.getBoundingClientRect().right) out.push(`${el.className || el.tagName} past the widget's edge`);
            }
            return out;
          });
          assert.deepEqual(problems, [], name);
          await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
          await page.close();
        }
      }
    }
  } finally {
    await server.close();
  }
});

test("a finger on a slider: a vertical swipe scrolls the page and leaves the value; a horizontal drag moves it at once", async () => {
  const phone = await start({ hasTouch: true, isMobile: true, viewport: { width: 375, height: 700 } });
  try {
    const page = await phone.context.newPage();
    await page.route(`${phone.base}/fixture/long.html`, (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><meta name="viewport" content="width=device-width"><p style="height:600px">An article.</p><iframe id="f" src="/embed.html?trials=1000" title="compute-shock" style="width:100%;height:800px;border:0"></iframe><p style="height:1500px">The article goes on.</p>`,
      }),
    );
    await page.goto(`${phone.base}/fixture/long.html`);
    const frame = await (await page.waitForSelector("#f")).contentFrame();
    await settled(frame, 1000);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, x, y) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
    const slider = frame.locator(".cs-story input[type=range]").first();
    assert.equal(await slider.evaluate((e) => getComputedStyle(e).touchAction), "pan-y");
    const place = async () => {
      await slider.evaluate((e) => e.scrollIntoView({ block: "center" }));
      await page.waitForTimeout(200);
      return slider.boundingBox();
    };
    // A vertical swipe that starts on the track, away from the thumb.
    let box = await place();
    const value = await slider.inputValue();
    const top = await page.evaluate(() => scrollY);
    const [x, y] = [box.x + box.width * 0.7, box.y + box.height / 2];
    await touch("touchStart", x, y);
    for (let i = 1; i <= 10; i++) await touch("touchMove", x, y - i * 20);
    await touch("touchEnd");
    await page.waitForTimeout(500);
    assert.equal(await slider.inputValue(), value, "a vertical swipe moved the slider");
    assert.ok((await page.evaluate(() => scrollY)) > top + 50, "a vertical swipe did not scroll the page");
    // A horizontal drag from the thumb: the value follows, a preview runs, the page stays.
    box = await place();
    const at = await page.evaluate(() => scrollY);
    const start = box.x + (box.width * (Number(value) - 0)) / 5;
    await touch("touchStart", start, box.y + box.height / 2);
    for (let i = 1; i <= 8; i++) await touch("touchMove", start + i * 15, box.y + box.height / 2);
    await touch("touchEnd");
    await settled(frame, 1000);
    assert.ok(Number(await slider.inputValue()) > Number(value), `${await slider.inputValue()} after a drag from ${value}`);
    assert.ok(Math.abs((await page.evaluate(() => scrollY)) - at) < 5, "a horizontal drag scrolled the page");
    assert.equal(await frame.evaluate(() => document.querySelector(".cs-widget").computeShock.state.scenario.shocks.reduce((a, k) => a + k.rate_per_year, 0).toFixed(2)), Number(await slider.inputValue()).toFixed(2));
  } finally {
    await phone.close();
  }
});
