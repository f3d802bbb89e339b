// The host page's API: the element changed in place by its attributes and `scenario`
// property, with ready, change and result events; the iframe changed by postMessage from its
// parent (only from the pinned origin), posting the same events back; hostile messages
// ignored without a word; and the scrollytelling example, scrolled through.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { useBrowser, start, open, settled, otherOrigin, ARTEFACTS } from "./browser.mjs";

const env = useBrowser();

/** A page on the widget's origin with one element, recording its events and any loading box. */
const ELEMENT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="/element.js"></script></head>
<body><compute-shock id="w" trials="1000"></compute-shock>
<script>
  window.events = [];
  window.loadingBoxes = 0;
  for (const type of ["ready", "change", "result"]) {
    // Listened for on the document: the events bubble out of the shadow root.
    document.addEventListener(type, (e) => window.events.push({ type, target: e.target.id, composed: e.composed, detail: type === "result" ? { trials: e.detail.summary.trials, headline: e.detail.headline, query: e.detail.query } : e.detail }));
  }
  customElements.whenDefined("compute-shock").then(() => {
    const watch = () => {
      const root = document.getElementById("w").shadowRoot;
      if (!root) return setTimeout(watch, 10);
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && (n.matches(".cs-loading") || n.querySelector(".cs-loading"))) window.loadingBoxes++;
      }).observe(root, { childList: true, subtree: true });
    };
    watch();
  });
</script></body></html>`;

const inside = (page) =>
  page.evaluate(() => {
    const root = document.getElementById("w").shadowRoot.querySelector(".cs-widget");
    const s = root.computeShock.state;
    return { preset: s.preset.id, seed: s.seed, trials: s.summary?.trials, lang: s.lang, theme: root.dataset.theme, headline: root.querySelector(".cs-headline").textContent, title: root.querySelector(".cs-title").textContent };
  });

/** Waits for the element's next finished result after `count` results. */
const nextResult = (page, count) => page.waitForFunction((n) => window.events.filter((e) => e.type === "result").length > n, count, { timeout: 60_000 });
const results = (page) => page.evaluate(() => window.events.filter((e) => e.type === "result").length);

test("the element updates in place when its attributes or scenario change, and says so with events", async () => {
  const page = await env.context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route(`${env.base}/fixture/host.html`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: ELEMENT_PAGE }));
  await page.goto(`${env.base}/fixture/host.html`);
  await nextResult(page, 0);
  let events = await page.evaluate(() => window.events);
  assert.equal(events[0].type, "ready");
  assert.equal(events[0].target, "w");
  assert.ok(events[0].composed);
  assert.ok(events[0].detail.presets.includes("two-track"));
  assert.ok(events[0].detail.controls.includes("shock-rate"));
  const first = events.find((e) => e.type === "result");
  assert.equal(first.detail.trials, 1000);
  assert.equal(first.detail.headline, (await inside(page)).headline);
  // The same widget and engine throughout: marked, then checked after every change.
  await page.evaluate(() => {
    const root = document.getElementById("w").shadowRoot.querySelector(".cs-widget");
    window.before = { root, simulator: root.computeShock.simulator };
  });
  const same = () =>
    page.evaluate(() => {
      const root = document.getElementById("w").shadowRoot.querySelector(".cs-widget");
      return root === window.before.root && root.computeShock.simulator === window.before.simulator;
    });

  // A preset and a seed, set together: one change, one run.
  let n = await results(page);
  let mark = (await page.evaluate(() => window.events.length));
  await page.evaluate(() => {
    const w = document.getElementById("w");
    w.setAttribute("preset", "two-track");
    w.setAttribute("seed", "7");
  });
  await nextResult(page, n);
  events = (await page.evaluate(() => window.events)).slice(mark);
  const changes = events.filter((e) => e.type === "change");
  assert.equal(changes.length, 1, JSON.stringify(events.map((e) => e.type)));
  assert.equal(changes[0].detail.by, "host");
  assert.equal(changes[0].detail.preset, "two-track");
  assert.equal(changes[0].detail.seed, 7);
  assert.match(changes[0].detail.query, /preset=two-track&seed=7/);
  assert.equal(changes[0].detail.changed, false);
  let now = await inside(page);
  assert.deepEqual([now.preset, now.seed], ["two-track", 7]);
  assert.ok(await same());

  // Texts, theme and controls: shown at once, nothing run again.
  n = await results(page);
  await page.evaluate(() => {
    const w = document.getElementById("w");
    w.setAttribute("title", "Step two");
    w.setAttribute("theme", "dark");
    w.setAttribute("controls", "requirement");
  });
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".cs-title").textContent === "Step two");
  now = await inside(page);
  assert.equal(now.theme, "dark");
  assert.deepEqual(
    await page.evaluate(() => [...document.getElementById("w").shadowRoot.querySelectorAll(".cs-story .cs-slider label")].map((l) => l.firstChild.textContent.trim())),
    ["Floor for an AI model"],
  );
  await page.waitForTimeout(300);
  assert.equal(await results(page), n, "no run for a text");
  assert.ok(await same());

  // Another language: the same run, told in Japanese, with no loading box.
  await page.evaluate(() => document.getElementById("w").setAttribute("lang", "ja"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".cs-widget").lang === "ja");
  now = await inside(page);
  assert.match(now.headline, /始まる学習/);
  assert.ok(await same());
  await page.evaluate(() => document.getElementById("w").setAttribute("lang", "en"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".cs-widget").lang === "en");

  // A scenario object as a property: run in place of the preset's, and read back.
  n = await results(page);
  mark = await page.evaluate(() => window.events.length);
  await page.evaluate(() => {
    const w = document.getElementById("w");
    const s = w.scenario;
    s.requirement_b200e = 20_000;
    w.scenario = s;
  });
  await nextResult(page, n);
  assert.equal(await page.evaluate(() => document.getElementById("w").scenario.requirement_b200e), 20_000);
  events = (await page.evaluate(() => window.events)).slice(mark);
  assert.equal(events.find((e) => e.type === "change").detail.changed, true);
  assert.ok(await same());
  // A reader's slider: a change by the reader.
  mark = await page.evaluate(() => window.events.length);
  await page.evaluate(() => document.getElementById("w").shadowRoot.querySelector(".cs-story input[type=range]").focus());
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((m) => window.events.slice(m).some((e) => e.type === "change"), mark);
  events = (await page.evaluate(() => window.events)).slice(mark);
  assert.equal(events.find((e) => e.type === "change").detail.by, "reader");

  assert.equal(await page.evaluate(() => window.loadingBoxes), 0, "a loading box appeared");
  assert.deepEqual(errors, []);
  await page.close();
});

/** The article on another origin: the frame pinned to it (or to `pin`), the events it hears,
 * and a sibling frame that is not the widget's parent. */
const articleWithFrame = (base, pin) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head>
<body><h1>An article</h1>
<iframe id="f" src="${base}/embed.html?trials=1000&origin=${encodeURIComponent(pin)}" title="compute-shock" style="width:100%;height:700px;border:0"></iframe>
<script>
  window.heard = [];
  addEventListener("message", (e) => {
    if (e.source === document.getElementById("f").contentWindow && typeof e.data?.type === "string" && e.data.type.startsWith("compute-shock:")) {
      heard.push({ type: e.data.type, id: e.data.id, trials: e.data.detail?.summary?.trials, seed: e.data.detail?.summary?.seed ?? e.data.detail?.seed, preset: e.data.detail?.preset, by: e.data.detail?.by });
    }
  });
  window.send = (data) => document.getElementById("f").contentWindow.postMessage(data, "*");
</script></body></html>`;

test("the iframe takes changes by postMessage from its pinned parent origin, posts its events back, and ignores everything else", async () => {
  const pages = {};
  const server = await otherOrigin(pages);
  pages["/article"] = articleWithFrame(env.base, server.origin);
  pages["/elsewhere"] = articleWithFrame(env.base, "https://news.example");
  const page = await env.context.newPage();
  try {
    const errors = [];
    // (The article's server has no favicon: its 404 is the article's, not the widget's.)
    page.on("console", (m) => ["error", "warning"].includes(m.type()) && !m.location().url.endsWith("/favicon.ico") && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server.origin}/article`);
    const frame = await (await page.waitForSelector("#f")).contentFrame();
    await settled(frame, 1000);
    await page.waitForFunction(() => heard.some((m) => m.type === "compute-shock:result"));
    let heard = await page.evaluate(() => heard);
    assert.equal(heard[0].type, "compute-shock:ready");
    assert.equal(heard[0].id, "compute-shock");
    assert.equal(heard.find((m) => m.type === "compute-shock:result").trials, 1000);

    // A change from the pinned origin: applied in place, and told back.
    const before = heard.length;
    await page.evaluate(() => send({ type: "compute-shock:set", params: { preset: "ceo-worst-case", title: "A week's halt" } }));
    await page.waitForFunction((n) => heard.slice(n).some((m) => m.type === "compute-shock:result"), before);
    heard = (await page.evaluate(() => heard)).slice(before);
    assert.deepEqual(
      heard.filter((m) => m.type === "compute-shock:change").map((m) => [m.preset, m.by]),
      [["ceo-worst-case", "host"]],
    );
    assert.equal(await frame.locator(".cs-title").textContent(), "A week's halt");
    assert.equal(await frame.evaluate(() => document.querySelector(".cs-widget").computeShock.state.preset.id), "ceo-worst-case");
    // The frame's address keeps what it was given.
    assert.match(await frame.evaluate(() => location.search), /preset=ceo-worst-case.*title=A%20week/);

    // A burst (2,000 messages toggling the language and moving the seed): the widget takes
    // them as one change, or a few, and shows the last state. (Each language rebuilds the
    // widget's parts: counted by what is replaced in its root.)
    const burst = await page.evaluate(() => heard.length);
    await frame.evaluate(() => {
      window.rebuilt = 0;
      new MutationObserver((records) => (window.rebuilt += records.length)).observe(document.querySelector(".cs-widget"), { childList: true });
    });
    await page.evaluate(() => {
      for (let i = 1; i <= 2000; i++) send({ type: "compute-shock:set", params: { lang: i % 2 ? "en" : "ja", seed: String(i) } });
    });
    await page.waitForFunction((n) => heard.slice(n).some((m) => m.type === "compute-shock:result" && m.seed === 2000), burst, { timeout: 30_000 });
    const changes = (await page.evaluate(() => heard)).slice(burst).filter((m) => m.type === "compute-shock:change");
    const rebuilt = await frame.evaluate(() => window.rebuilt);
    console.log(`2,000 messages: ${changes.length} changes, the widget's root rebuilt ${rebuilt} times`);
    assert.ok(changes.length < 100, `${changes.length} changes for 2,000 messages`);
    assert.ok(rebuilt < 20, `the widget was rebuilt ${rebuilt} times for one burst`);
    assert.equal(await frame.evaluate(() => document.documentElement.lang), "ja");
    await page.evaluate(() => send({ type: "compute-shock:set", params: { lang: "en", seed: null } }));
    await page.waitForFunction(() => heard.at(-1)?.type === "compute-shock:result" && heard.at(-1).seed !== 2000);

    // Hostile or malformed messages: nothing happens, nothing is said.
    const count = await page.evaluate(() => heard.length);
    await page.evaluate(() => {
      send("compute-shock:set");
      send({ type: "compute-shock:set", params: { preset: "two-track", hide: "all" } });
      send({ type: "compute-shock:set", params: { preset: ["two-track"] } });
      send({ type: "compute-shock:set", params: { title: "x".repeat(200_000) } });
      send({ type: "compute-shock:set", params: { title: "<img src=x onerror=alert(1)>" } });
      send({ type: "compute-shock:set", params: null });
      send(new ArrayBuffer(1 << 20));
      // A frame that is not the widget's parent (a sibling, same page), pretending.
      const sibling = document.createElement("iframe");
      sibling.srcdoc = "<script>parent.frames[0].postMessage({ type: 'compute-shock:set', params: { preset: 'two-track' } }, '*')<\/script>";
      document.body.append(sibling);
    });
    await page.waitForTimeout(800);
    assert.equal(await frame.evaluate(() => document.querySelector(".cs-widget").computeShock.state.preset.id), "ceo-worst-case");
    // The markup title (a well-formed message) was not taken: the title is gone, a note says
    // why, as text, and there is no image.
    assert.equal(await frame.locator(".cs-title").isVisible(), false);
    assert.ok((await frame.locator(".cs-note").allTextContents()).some((n) => n.includes("title “<img src=x onerror=alert(1)>” was ignored")));
    assert.equal(await frame.locator(".cs-widget img").count(), 0);
    const heardNow = (await page.evaluate(() => heard)).slice(count);
    assert.ok(heardNow.every((m) => m.type !== "compute-shock:change" || m.preset === "ceo-worst-case"), JSON.stringify(heardNow));

    // The same message from an article the frame is not pinned to: ignored.
    await page.goto(`${server.origin}/elsewhere`);
    const other = await (await page.waitForSelector("#f")).contentFrame();
    await settled(other, 1000);
    await page.evaluate(() => send({ type: "compute-shock:set", params: { preset: "two-track" } }));
    await page.waitForTimeout(800);
    assert.equal(await other.evaluate(() => document.querySelector(".cs-widget").computeShock.state.preset.id), "tencent-datasection");
    // Pinned elsewhere, it posts its events only to that origin: this page hears none of them.
    assert.deepEqual(await page.evaluate(() => heard), []);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});

test("the scrollytelling example: three steps set three scenarios as the reader scrolls, on a phone and a wide screen, with nothing shifting", async () => {
  const strict = await start({}, { csp: true });
  try {
    for (const [width, height] of [[375, 667], [1280, 800]]) {
      const { page, errors } = await open(strict.context, "about:blank");
      await page.addInitScript(() => {
        window.violations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
        window.shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.shift += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.setViewportSize({ width, height });
      await page.goto(`${strict.base}/scrolly.html`);
      const state = () =>
        page.evaluate(() => {
          const root = document.getElementById("graphic").shadowRoot?.querySelector(".cs-widget");
          const s = root?.computeShock?.state;
          return s?.summary && !s.previewing && !root.classList.contains("cs-busy") ? { preset: s.preset.id, rate: s.scenario.shocks?.[0]?.rate_per_year, title: root.querySelector(".cs-title").textContent } : null;
        });
      const steps = await page.locator("[data-step]").count();
      assert.equal(steps, 3);
      // (The default preset draws the US rule's rate from its record: the first step keeps it.)
      const expected = [
        { preset: "tencent-datasection", rate: { distribution: "gamma", events: 0, years: 3.718, prior: "jeffreys" } },
        { preset: "tencent-datasection", rate: 0.81 },
        { preset: "ceo-worst-case", rate: 0 },
      ];
      const heights = new Set();
      // A step is read where it becomes active: mid-screen beside a wide screen's graphic; on
      // a phone, rising over the graphic's lower part, its top at 85% of the screen.
      const place = (i) =>
        page.locator("[data-step]").nth(i).evaluate((el) => {
          const at = innerWidth >= 960 ? (innerHeight - el.offsetHeight) / 2 : innerHeight * 0.85;
          scrollBy(0, el.getBoundingClientRect().top - at);
        });
      for (let i = 0; i < steps; i++) {
        await place(i);
        const title = await page.locator("[data-step]").nth(i).getAttribute("data-title");
        // The step becomes active (the first step's scenario is also the page's as it loads,
        // so its state alone does not say the step was reached), then shows its scenario.
        await page.waitForFunction((i) => document.querySelectorAll("[data-step]")[i].classList.contains("is-active"), i, { timeout: 60_000 });
        await page.waitForFunction(
          ([want, title]) => {
            const root = document.getElementById("graphic").shadowRoot?.querySelector(".cs-widget");
            const s = root?.computeShock?.state;
            return s?.summary && !s.previewing && !root.classList.contains("cs-busy") && s.preset.id === want.preset && JSON.stringify(s.scenario.shocks[0].rate_per_year) === JSON.stringify(want.rate) && root.querySelector(".cs-title").textContent === title;
          },
          [expected[i], title],
          { timeout: 60_000 },
        );
        assert.ok(await page.locator("[data-step]").nth(i).evaluate((el) => el.classList.contains("is-active")));
        const at = await page.evaluate((i) => {
          const root = document.getElementById("graphic").shadowRoot;
          const box = (el) => el.getBoundingClientRect();
          return { card: box(document.querySelectorAll("[data-step]")[i]), headline: box(root.querySelector(".cs-headline")), chart: box(root.querySelector(".cs-main")), graphic: box(document.querySelector(".scrolly-graphic")) };
        }, i);
        heights.add(Math.round(at.graphic.height));
        if (width < 960) {
          // The card leaves what it changed in view: the headline and the chart are above it.
          assert.ok(at.card.top >= at.chart.bottom, `step ${i + 1} at ${width}: the card (top ${at.card.top}) covers the chart (bottom ${at.chart.bottom})`);
          assert.equal(Math.round(at.graphic.height), height, "the graphic is as tall as the screen");
        } else {
          assert.ok(at.card.right <= at.graphic.left, "the card beside the graphic");
        }
        await page.screenshot({ path: join(ARTEFACTS, `scrolly-${width}-step-${i + 1}.png`) });
      }
      assert.equal(heights.size, 1, `the graphic's height stays: ${[...heights]}`);
      // Back up: the first step's scenario again.
      await place(0);
      await page.waitForFunction(() => {
        const root = document.getElementById("graphic").shadowRoot.querySelector(".cs-widget");
        const s = root.computeShock.state;
        return typeof s.scenario.shocks[0].rate_per_year === "object" && !s.previewing && !root.classList.contains("cs-busy");
      });
      assert.deepEqual(await state(), { preset: "tencent-datasection", rate: expected[0].rate, title: "As reported: Osaka in use, Sydney being built" });
      // Nothing moved as the texts changed (the same bar as an article's: under 0.01).
      const shift = await page.evaluate(() => window.shift);
      console.log(`scrollytelling at ${width}×${height}: layout shift ${shift.toFixed(4)} over three steps and back`);
      assert.ok(shift < 0.01, `layout shift ${shift} at ${width}×${height}`);
      assert.deepEqual(await page.evaluate(() => window.violations), []);
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await strict.close();
  }
});
