// Two widgets on one page, one in Japanese and one in English: each keeps its own language
// through every interaction (sliders, presets, bad input, re-rolls), whatever the other does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { useBrowser, siteTable, ARTEFACTS } from "./browser.mjs";

const env = useBrowser();

const IDS = ["ja", "en"];
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
/** Words of the English sentence and interface that must not show in the Japanese widget. */
const ENGLISH_SENTENCE = /\b(?:the|of|in|futures|firm|finish(?:es)?|simulated|half)\b/i;
const ENGLISH_UI = ["Scenario", "What if", "Simulated futures", "Random seed", "Re-roll", "Copy link", "Sites", "days from the start", "a year on average", "of the time", "Not run"];

/** The page: two custom elements, served on the widget's origin by the test itself. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two languages</title>
<script type="module" src="/element.js"></script></head>
<body><h1>Two widgets, two languages</h1>
<compute-shock id="ja" lang="ja" trials="1000" layout="full"></compute-shock>
<compute-shock id="en" lang="en" trials="1000" layout="full"></compute-shock>
</body></html>`;

/** What each widget shows, in words. */
const seen = (page) =>
  page.evaluate((ids) => {
    const out = {};
    for (const id of ids) {
      const root = document.getElementById(id).shadowRoot.querySelector(".cs-widget");
      const texts = (sel) => [...root.querySelectorAll(sel)];
      out[id] = {
        lang: root.lang,
        headline: root.querySelector(".cs-headline").textContent,
        status: root.querySelector(".cs-status").textContent,
        error: root.querySelector(".cs-error").hidden ? null : root.querySelector(".cs-error").textContent,
        text: root.innerText,
        charts: [...texts(".cs-chart svg text").map((x) => x.textContent), ...texts(".cs-chart svg").map((x) => x.getAttribute("aria-label"))].join(" | "),
        sliders: texts("input[type=range]").map((x) => x.getAttribute("aria-valuetext")).join(" | "),
        seed: root.computeShock.state.seed,
      };
    }
    return out;
  }, IDS);

/** Each widget in its own language, and only in it. */
async function assertLanguages(page, step) {
  const v = await seen(page);
  const ja = v.ja;
  assert.equal(ja.lang, "ja", step);
  assert.match(ja.headline, JAPANESE, `${step}: ja headline ${ja.headline}`);
  assert.match(ja.headline, /始まる学習/, step);
  assert.doesNotMatch(ja.headline, ENGLISH_SENTENCE, `${step}: ja headline ${ja.headline}`);
  assert.match(ja.status, /通りの未来を\d+ミリ秒で計算 · 乱数シード \d+/, `${step}: ja status ${ja.status}`);
  for (const english of ENGLISH_UI) assert.ok(!ja.text.includes(english), `${step}: untranslated in ja: ${english}`);
  assert.match(ja.charts, /\d{4}年\d{1,2}月/, `${step}: ja chart dates`);
  assert.match(ja.charts, /ファンチャート/, `${step}: ja chart description`);
  assert.doesNotMatch(ja.charts, ENGLISH_SENTENCE, `${step}: ja charts ${ja.charts}`);
  assert.doesNotMatch(ja.sliders, /a year|of the time|days \(/, `${step}: ja sliders ${ja.sliders}`);

  const en = v.en;
  assert.equal(en.lang, "en", step);
  assert.match(en.headline, /^A training run .* (late|later)/, `${step}: en headline ${en.headline}`);
  assert.match(en.status, /simulated futures in \d+ ms · Random seed \d+/, `${step}: en status ${en.status}`);
  for (const [what, text] of Object.entries({ headline: en.headline, status: en.status, text: en.text, charts: en.charts, sliders: en.sliders, error: en.error ?? "" })) {
    assert.doesNotMatch(text, JAPANESE, `${step}: Japanese in the en widget's ${what}: ${text.match(JAPANESE)?.[0]}`);
  }
  return v;
}

/** Remembers each widget's summary, then waits until both show a newer, finished one. */
async function mark(page) {
  await page.evaluate((ids) => {
    window.shown = Object.fromEntries(ids.map((id) => [id, document.getElementById(id).shadowRoot.querySelector(".cs-widget").computeShock.state.summary]));
  }, IDS);
}
const bothNewer = (page) =>
  page.waitForFunction(
    (ids) =>
      ids.every((id) => {
        const root = document.getElementById(id)?.shadowRoot?.querySelector(".cs-widget");
        const s = root?.computeShock?.state;
        return s?.summary && s.summary !== window.shown?.[id] && !s.previewing && !root.classList.contains("cs-busy");
      }),
    IDS,
    { timeout: 60_000 },
  );

test("two widgets, one Japanese and one English, each keep their language through every interaction", async () => {
  const page = await env.context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route(`${env.base}/fixture/languages.html`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: PAGE }));
  // The register's copy is fetched only when a data table is opened.
  const register = [];
  page.on("request", (r) => r.url().endsWith("/register.json") && register.push(r.url()));
  await page.goto(`${env.base}/fixture/languages.html`);
  await bothNewer(page);
  const first = await assertLanguages(page, "loaded");
  const ja = page.locator("#ja");
  const en = page.locator("#en");

  // A slider moved by keyboard in each.
  await mark(page);
  const jaSlider = ja.getByRole("slider", { name: "規制強化" });
  const enSlider = en.getByRole("slider", { name: "Policy shocks" });
  await jaSlider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await enSlider.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
  await bothNewer(page);
  const slid = await assertLanguages(page, "sliders");
  assert.match(await jaSlider.getAttribute("aria-valuetext"), /^(\d+種類の合計で)?年平均[\d.]+回$/);
  assert.match(await enSlider.getAttribute("aria-valuetext"), /^[\d.]+ a year on average(, all \d+ kinds together)?$/);
  assert.notEqual(slid.ja.headline + slid.en.headline, first.ja.headline + first.en.headline);

  // Another preset in each.
  await mark(page);
  await ja.getByRole("combobox", { name: "シナリオ" }).selectOption("two-track");
  await en.getByRole("combobox", { name: "Scenario", exact: true }).selectOption("southeast-asia");
  await bothNewer(page);
  await assertLanguages(page, "presets");
  assert.equal(await (await siteTable(ja)).locator("tbody tr").count(), 5);
  assert.match(await ja.locator(".cs-preset-summary").textContent(), JAPANESE);
  // How recent each preset's evidence is, in each language.
  assert.equal(await ja.locator(".cs-as-of").textContent(), "2026年6月26日時点の情報に基づく。");
  assert.equal(await en.locator(".cs-as-of").textContent(), " Evidence as of 26 June 2026.");
  // The notes are loaded once the sources come on screen.
  await ja.locator(".cs-sources").scrollIntoViewIfNeeded();
  for (let i = 0; i < 100 && !/中国政府/.test(await ja.locator(".cs-sources").textContent()); i++) await page.waitForTimeout(100);
  assert.match(await ja.locator(".cs-sources").textContent(), /中国政府/);
  // A rate from the evidence register says how it was derived, in each language.
  await en.locator(".cs-sources").scrollIntoViewIfNeeded();
  for (let i = 0; i < 100 && !/Derived from the evidence register/.test(await en.locator(".cs-sources").textContent()); i++) await page.waitForTimeout(100);
  assert.match(await en.locator(".cs-sources").textContent(), /Derived from the evidence register: no such event from 7 October 2022 to 26 June 2026 \(3\.718 years\)/);
  assert.match(await ja.locator(".cs-sources").textContent(), /規制・措置の記録から算出：2022年10月7日から2026年6月26日まで（3\.718年）/);
  // What has already happened: the register's events in the year up to day 0, in each
  // language, with the House's vote among them, each linked to its source; not fetched
  // while every data table is closed.
  assert.deepEqual(register, []);
  for (const [w, words] of [[en, /House passes Remote Access Security Act/], [ja, /遠隔アクセス規制法案を369対22で可決/]]) {
    await w.locator(".cs-data-wrap > summary").first().click();
    await w.locator(".cs-record tbody tr").first().waitFor();
    assert.match(await w.locator(".cs-record").textContent(), words);
    assert.match(await w.locator(".cs-record a").first().getAttribute("href"), /^https:\/\//);
  }

  // Bad input in each: not run, said in the widget's language, the field marked.
  for (const widget of [ja, en]) await widget.locator(".cs-all > summary").click();
  const jaGpus = ja.locator('input[data-path="sites[0].gpus"]');
  const enGpus = en.locator('input[data-path="sites[0].gpus"]');
  for (const input of [jaGpus, enGpus]) {
    await input.fill("-5");
    await input.press("Tab");
  }
  for (const widget of [ja, en]) await widget.locator(".cs-error:not([hidden])").waitFor();
  const bad = await assertLanguages(page, "bad input");
  assert.equal(bad.ja.error, "実行できません：sites[0].gpus: must be an integer from 0 to 10000000, got -5");
  assert.equal(bad.en.error, "Not run: sites[0].gpus: must be an integer from 0 to 10000000, got -5");
  assert.equal(await jaGpus.getAttribute("aria-invalid"), "");
  assert.equal(await enGpus.getAttribute("aria-invalid"), "");
  await mark(page);
  for (const input of [jaGpus, enGpus]) {
    await input.fill("12000");
    await input.press("Tab");
  }
  await bothNewer(page);
  const fixed = await assertLanguages(page, "fixed input");
  assert.equal(fixed.ja.error, null);
  assert.equal(fixed.en.error, null);
  assert.equal(await jaGpus.getAttribute("aria-invalid"), null);

  // A seed typed out of range: refused in each widget's language, the seed marked.
  for (const [widget, name] of [[ja, "乱数シード"], [en, "Random seed"]]) {
    const seed = widget.getByRole("spinbutton", { name });
    await seed.fill("-1");
    await seed.press("Tab");
    await widget.locator(".cs-error:not([hidden])").waitFor();
    assert.equal(await seed.getAttribute("aria-invalid"), "");
  }
  const refused = await assertLanguages(page, "bad seed");
  assert.match(refused.ja.error, /^実行できません：乱数シード: 0から9007199254740991までの整数を指定してください$/);
  assert.equal(refused.en.error, "Not run: Random seed: it must be an integer from 0 to 9007199254740991");

  // A re-roll in each.
  await mark(page);
  await ja.getByRole("button", { name: "振り直す" }).click();
  await en.getByRole("button", { name: "Re-roll" }).click();
  await bothNewer(page);
  const rolled = await assertLanguages(page, "re-roll");
  assert.notEqual(rolled.ja.seed, fixed.ja.seed);
  assert.notEqual(rolled.en.seed, fixed.en.seed);
  assert.ok(rolled.ja.status.endsWith(`乱数シード ${rolled.ja.seed}`), rolled.ja.status);
  assert.ok(rolled.en.status.endsWith(`Random seed ${rolled.en.seed}`), rolled.en.status);
  assert.equal(rolled.ja.error, null);

  await page.screenshot({ path: join(ARTEFACTS, "languages-two-widgets.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
