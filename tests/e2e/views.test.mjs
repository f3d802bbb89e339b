// The views under the chart in Chromium: the tornado's rows equal the native command's for
// the same scenario, seed and futures; a comparison in the URL (and a scenario compared with
// itself: zero everywhere); bad `compare` and `metric` parameters noted; the dated events on
// the chart and in its table; axe; screenshots at 375 and 1,280 px, light and dark, English
// and Japanese (test-results/views-*.png).
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ARTEFACTS, ROOT, open, settled, start } from "./browser.mjs";

const require = createRequire(import.meta.url);
const BIN = join(ROOT, "target/release/compute-shock");

// A view runs only while it is on screen: each wait brings its view there first.
const onScreen = async (page, selector) => {
  await page.waitForSelector(selector, { state: "attached", timeout: 60_000 });
  await page.evaluate((s) => document.querySelector(s).scrollIntoView(), selector);
};
const tornadoReady = async (page) => {
  await onScreen(page, ".cs-tornado");
  await page.waitForFunction(() => document.querySelector(".cs-widget").computeShock.views.tornado?.rows.length > 0, null, { timeout: 60_000 });
};
const compareReady = async (page, test = "c => c") => {
  await onScreen(page, ".cs-compare");
  await page.waitForFunction((f) => {
    const c = document.querySelector(".cs-widget").computeShock.views.compare;
    return c && (0, eval)(f)(c);
  }, test, { timeout: 60_000 });
};

test("the tornado's rows equal `compute-shock sensitivity` for the same scenario, seed and futures", async () => {
  const b = await start();
  try {
    const { page, errors } = await open(b.context, `${b.base}/index.html?preset=ceo-worst-case&seed=5`);
    await settled(page);
    await tornadoReady(page);
    for (const metric of ["shortfall_7_days", "training_delay_over_7_days"]) {
      await page.selectOption(".cs-tornado select", metric);
      const got = await page.evaluate(() => {
        const t = document.querySelector(".cs-widget").computeShock.views.tornado;
        const s = document.querySelector(".cs-widget").computeShock.state;
        return { rows: t.rows, trials: t.trials, seed: t.seed, metric: t.metric, scenario: s.scenario, sources: s.preset.sources, url: location.search };
      });
      assert.equal(got.metric, metric);
      const native = JSON.parse(
        execFileSync(BIN, ["sensitivity", "--scenario", "-", "--trials", String(got.trials), "--seed", String(got.seed), "--metric", metric], {
          input: JSON.stringify({ scenario: got.scenario, sources: got.sources.map(({ note, ...s }) => s) }),
          encoding: "utf8",
        }),
      );
      assert.deepEqual(got.rows, native.rows);
      if (metric !== "shortfall_7_days") assert.match(got.url, new RegExp(`metric=${metric}`));
    }
    // The table equivalent has a row a bar, and the CSV the command's columns.
    assert.equal(await page.locator(".cs-tornado-table tbody tr").count(), (await page.evaluate(() => document.querySelector(".cs-widget").computeShock.views.tornado.rows.length)));
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(".cs-tornado .cs-view-actions button")]);
    const text = await (await download.createReadStream()).toArray();
    assert.match(Buffer.concat(text).toString("utf8"), /^\uFEFFfield,low,high,metric_at_low,metric_at_high,swing,standard_error,within_noise\n"/);
    // A bar's light part is its low end and its dark part its high end, in both themes.
    for (const theme of ["light", "dark"]) {
      const [low, high] = await page.evaluate((theme) => {
        document.querySelector(".cs-widget").dataset.theme = theme;
        const luma = (cls) => {
          const [r, g, b] = getComputedStyle(document.querySelector(`.cs-tornado-chart .${cls}:not(.within-noise)`)).fill.match(/\d+/g).map(Number);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        return [luma("tornado-low"), luma("tornado-high")];
      }, theme);
      assert.ok(low > high + 40, `${theme}: the low end (${low}) is lighter than the high end (${high})`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test("a comparison from the URL: both states in the address and the embed code; the same scenario differs by zero", async () => {
  const b = await start({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, errors } = await open(b.context, `${b.base}/index.html?preset=two-track&trials=1000&compare=two-track`);
    await settled(page);
    await compareReady(page);
    const same = await page.evaluate(() => document.querySelector(".cs-widget").computeShock.views.compare);
    for (const k of ["capacity", "shortfall", "training"]) assert.ok(same.differences[k].every((v) => v === 0), k);
    assert.match(await page.locator(".cs-compare").innerText(), /The same in every future/);
    // Change the scenario: the comparison follows, and the address holds both states.
    await page.locator(".cs-slider input[type=range]").first().focus();
    await page.keyboard.press("End");
    await settled(page);
    await compareReady(page, "c => c.differences.capacity.some((v) => v !== 0)");
    const url = await page.evaluate(() => location.search);
    assert.match(url, /[?&]set=shocks\.0\.rate_per_year/);
    assert.match(url, /&compare=two-track(&|$)/);
    // Pin the changed state: `compare` now holds it, escaped, and the embed code carries it.
    await page.click("text=Pin this as the status quo");
    await page.waitForFunction(() => /compare=preset=two-track%26set=/.test(location.search));
    await compareReady(page, "c => c.differences.capacity.every((v) => v === 0)");
    await b.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.click("text=Copy embed code");
    const code = await page.locator("textarea.cs-copied").inputValue();
    assert.match(code, /compare=preset=two-track%26set=/);
    // The same link in the iframe page shows the same comparison.
    const embed = await open(b.context, `${b.base}/embed.html${url}`);
    await compareReady(embed.page);
    assert.deepEqual(embed.errors, []);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test("stopping a comparison under way leaves the tornado free to run, with no error", async () => {
  const b = await start();
  try {
    const { page, errors } = await open(b.context, `${b.base}/index.html?preset=two-track&trials=10000&compare=two-track`);
    await settled(page);
    await onScreen(page, ".cs-compare");
    await page.waitForFunction(() => /Running both|futures each/.test(document.querySelector(".cs-compare .cs-status")?.textContent ?? ""), null, { timeout: 60_000 });
    await page.getByRole("button", { name: "Stop comparing" }).click();
    await tornadoReady(page);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => document.querySelector(".cs-widget").computeShock.views.compare), null);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

test("an unknown metric or compare value is ignored with a note; different horizons are refused", async () => {
  const b = await start();
  try {
    const { page, errors } = await open(b.context, `${b.base}/index.html?trials=1000&metric=median_delay&compare=no-such-preset`);
    await settled(page);
    await tornadoReady(page);
    const notes = await page.locator(".cs-note").allInnerTexts();
    assert.ok(notes.some((n) => /metric “median_delay” was ignored/.test(n)), notes.join("\n"));
    assert.ok(notes.some((n) => /compare “no-such-preset” was ignored/.test(n)), notes.join("\n"));
    assert.equal(await page.evaluate(() => document.querySelector(".cs-widget").computeShock.views.tornado.metric), "shortfall_7_days");
    const other = await open(b.context, `${b.base}/index.html?trials=1000&set=horizon_days:365&v=1&compare=tencent-datasection`);
    await settled(other.page);
    await onScreen(other.page, ".cs-compare");
    await other.page.waitForFunction(() => /different horizons/.test(document.querySelector(".cs-compare")?.innerText ?? ""), null, { timeout: 60_000 });
    assert.deepEqual([...errors, ...other.errors], []);
  } finally {
    await b.close();
  }
});

test("dated events on the chart and in its table; axe finds nothing; screenshots", async () => {
  // The default preset dated from 2030, so that the reader's today (marked when inside the
  // chart) never lands among its labels, with Sydney online on day 180 and the US rule at 0.3.
  const scenario = JSON.parse(readFileSync(join(ROOT, "src/presets/tencent-datasection.json"), "utf8")).scenario;
  scenario.start_date = "2030-01-01";
  delete scenario.sites[1].online_date;
  scenario.sites[1].online_day = 180;
  scenario.shocks[0].rate_per_year = 0.3;
  const encoded = Buffer.from(JSON.stringify(scenario)).toString("base64url");
  for (const [width, scheme, lang] of [[375, "light", "en"], [1280, "dark", "en"], [375, "dark", "ja"], [1280, "light", "ja"]]) {
    const b = await start({ viewport: { width, height: 900 }, colorScheme: scheme });
    try {
      const { page, errors } = await open(b.context, `${b.base}/index.html?preset=tencent-datasection&lang=${lang}&compare=tencent-datasection&scenario=${encoded}&v=1`);
      await settled(page);
      await tornadoReady(page);
      await compareReady(page);
      // Sydney comes online on day 180, when the training run starts: the run's span is
      // labelled (Sydney's label gives way to it); the table has both, and the run's end.
      // Today (the reader's clock) is marked only inside the chart.
      const labels = await page.locator(".cs-figures .events .event-label").allTextContents();
      assert.ok(labels.includes(lang === "ja" ? "学習期間" : "Training run"), labels.join(", "));
      assert.equal(await page.locator(".cs-figures .events .event-span").count(), 1);
      const days = await page.locator(".cs-events tbody tr td:first-child").allTextContents();
      assert.equal(days.filter((d) => d === "180").length, 2, days.join(" | "));
      const rows = await page.locator(".cs-events tbody tr").allTextContents();
      assert.ok(rows.some((r) => (lang === "ja" ? /典型的なケースで学習が完了/ : /The training run ends in a typical future/).test(r)), rows.join(" | "));
      // No two labels overlap on screen.
      const boxes = await page.locator(".cs-figures .events .event-label").evaluateAll((ns) => ns.map((n) => n.getBoundingClientRect().toJSON()));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, c] = [boxes[i], boxes[j]];
          assert.ok(a.right <= c.left || c.right <= a.left || a.bottom <= c.top || c.bottom <= a.top, `labels ${i} and ${j} overlap at ${width} px`);
        }
      await page.evaluate(() => document.querySelectorAll(".cs-views details").forEach((d) => (d.open = true)));
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const result = await page.evaluate(() => window.axe.run(document.querySelector(".cs-views"), { resultTypes: ["violations"] }));
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), []);
      await page.locator(".cs-figures").screenshot({ path: join(ARTEFACTS, `views-${width}-${scheme}-${lang}.png`) });
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  }
});

test("in the custom element: the tornado and the events inside its shadow root, equal to the command's rows", async () => {
  const b = await start();
  try {
    const page = await b.context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Element</title>
<script type="module" src="/element.js"></script></head>
<body><compute-shock id="w" preset="ceo-worst-case" seed="5" layout="full"></compute-shock></body></html>`;
    await page.route(`${b.base}/fixture/element.html`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
    await page.goto(`${b.base}/fixture/element.html`);
    await page.waitForFunction(() => document.getElementById("w").shadowRoot?.querySelector(".cs-tornado"), null, { timeout: 60_000 });
    await page.evaluate(() => document.getElementById("w").shadowRoot.querySelector(".cs-tornado").scrollIntoView());
    await page.waitForFunction(() => document.getElementById("w").shadowRoot?.querySelector(".cs-widget")?.computeShock.views.tornado?.rows.length > 0, null, { timeout: 60_000 });
    const got = await page.evaluate(() => {
      const root = document.getElementById("w").shadowRoot;
      const api = root.querySelector(".cs-widget").computeShock;
      const t = api.views.tornado;
      const s = api.state;
      return { rows: t.rows, trials: t.trials, seed: t.seed, scenario: s.scenario, sources: s.preset.sources, events: root.querySelectorAll(".cs-chart svg g.events line").length };
    });
    const native = JSON.parse(
      execFileSync(BIN, ["sensitivity", "--scenario", "-", "--trials", String(got.trials), "--seed", String(got.seed)], {
        input: JSON.stringify({ scenario: got.scenario, sources: got.sources.map(({ note, ...s }) => s) }),
        encoding: "utf8",
      }),
    );
    assert.deepEqual(got.rows, native.rows);
    // The CEO's week is a scheduled halt: at least its mark is on the chart.
    assert.ok(got.events >= 1, `${got.events} event marks`);
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});
