// The journalist's texts: title, dek, headline (the model's sentence under it), note, source
// and credit, in English and Japanese, as text only; markup and overlong texts ignored with a
// note; and a changed scenario never called "as reported".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, open, settled, ARTEFACTS } from "./browser.mjs";
import { headline } from "../../www/words/story.js";
import { loadLanguage, presetText, translator } from "../../www/words/i18n.js";

await Promise.all([loadLanguage("en"), loadLanguage("ja")]);
const env = useBrowser();

const q = (params) => new URLSearchParams(params).toString();
const shown = (page) =>
  page.evaluate(() => {
    const root = document.querySelector(".cs-widget");
    const text = (sel) => {
      const el = root.querySelector(sel);
      return el && el.checkVisibility() ? el.textContent : null;
    };
    const s = root.computeShock.state;
    return {
      title: text(".cs-title"),
      dek: text(".cs-dek"),
      headline: text(".cs-headline"),
      numbers: text(".cs-numbers"),
      note: text(".cs-note-text"),
      credits: text(".cs-credits"),
      notes: [...root.querySelectorAll(".cs-note")].map((n) => n.textContent),
      summary: s.summary && { ...s.summary, bands: null },
      scenario: s.scenario,
    };
  });

test("title, dek, headline, note, source and credit, in the embed's language; the model's sentence under the headline", async () => {
  const en = {
    title: "Tencent's rented compute, if the rules change",
    dek: "Thousands of simulated futures for the GPUs it rents in Osaka and Sydney.",
    headline: "In most futures the firm keeps enough to train its next model",
    note: "Assumes no new US rule before 2026 & no buyer of last resort.",
    source: "Financial Times; compute-shock model",
    credit: "Graphic: A. Writer",
  };
  const { page, errors } = await open(env.context, `${env.base}/embed.html?${q({ trials: 1000, ...en })}`);
  await settled(page, 1000);
  let s = await shown(page);
  assert.equal(s.title, en.title);
  assert.equal(s.dek, en.dek);
  assert.equal(s.headline, en.headline);
  assert.equal(s.numbers, headline(s.summary, s.scenario, translator("en")));
  assert.equal(s.note, en.note);
  assert.equal(s.credits, `Source: ${en.source} · Credit: ${en.credit}`);
  assert.deepEqual(s.notes, []);
  // The title is the story's heading.
  assert.equal(await page.locator(".cs-title").evaluate((el) => el.tagName), "H2");
  await page.screenshot({ path: join(ARTEFACTS, "editorial-en.png"), fullPage: true });
  assert.deepEqual(errors, []);

  const ja = { title: "規制が変われば、テンセントの計算能力は", dek: "大阪とシドニーで借りるGPUの行方を、数千通りの未来で試算した。", headline: "多くの未来で、次のモデルの学習に足りる計算能力が残る", note: "2026年より前に米国の新たな規制はないと仮定。", source: "英フィナンシャル・タイムズ、compute-shock", credit: "グラフィック：記者名" };
  await page.goto(`${env.base}/embed.html?${q({ trials: 1000, lang: "ja", ...ja })}`);
  await settled(page, 1000);
  s = await shown(page);
  assert.equal(s.title, ja.title);
  assert.equal(s.headline, ja.headline);
  const names = presetText("ja", "tencent-datasection").names;
  assert.equal(s.numbers, headline(s.summary, s.scenario, translator("ja"), { nameOf: (x) => names[x.id] ?? x.name }));
  assert.equal(s.credits, `出典：${ja.source} · 制作：${ja.credit}`);
  await page.screenshot({ path: join(ARTEFACTS, "editorial-ja.png"), fullPage: true });
  await page.close();
});

test("markup, control characters and overlong texts are ignored with a note, never run; unknown parameters are named", async () => {
  const { page, errors } = await open(env.context, "about:blank");
  let dialog = false;
  page.on("dialog", (d) => {
    dialog = true;
    d.dismiss();
  });
  const evil = {
    trials: 1000,
    title: "<img src=x onerror=alert(1)>",
    dek: "x".repeat(301),
    headline: "<script>alert(2)</script>",
    note: "a\u202eb",
    source: "<b>bold</b>",
    credit: "A. Writer",
    hide: "sliders",
  };
  await page.goto(`${env.base}/embed.html?${q(evil)}`);
  await settled(page, 1000);
  const s = await shown(page);
  assert.equal(s.title, null);
  assert.equal(s.dek, null);
  assert.equal(s.note, null);
  assert.equal(s.numbers, null);
  assert.equal(s.headline, headline(s.summary, s.scenario, translator("en")));
  assert.equal(s.credits, "Credit: A. Writer");
  assert.equal(s.notes.length, 6, s.notes.join("\n"));
  assert.ok(s.notes.some((n) => n.includes("title “<img src=x onerror=alert(1)>” was ignored: it must be plain text, without markup")));
  assert.ok(s.notes.some((n) => n.includes("it must be at most 300 characters")));
  assert.ok(s.notes.some((n) => n.includes("The link's hide “…” was ignored: there is no such parameter.")));
  assert.equal(await page.locator(".cs-widget img, .cs-widget script, .cs-widget b").count(), 0);
  assert.equal(dialog, false);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a changed scenario is never called as reported: the picker, the downloads' title", async () => {
  const { page, errors } = await open(env.context, `${env.base}/?trials=1000`);
  await settled(page, 1000);
  const picked = () => page.locator(".cs-top select option:checked").textContent();
  assert.equal(await picked(), "Tencent via Datasection (as reported)");
  await page.getByLabel("Policy shocks").focus();
  await page.keyboard.press("ArrowRight");
  await settled(page, 1000);
  assert.equal(await picked(), "Tencent via Datasection (changed)");
  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Chart (SVG)" }).click()]);
  const text = await readFile(await svg.path(), "utf8");
  assert.ok(text.includes("Tencent via Datasection (changed)"), "the SVG's title");
  assert.ok(!text.includes("as reported"), "the SVG says as reported");
  // Reset: as reported again.
  await page.getByRole("button", { name: "Reset" }).click();
  await settled(page, 10_000);
  assert.equal(await picked(), "Tencent via Datasection (as reported)");
  // A link with a change, in Japanese, in story mode: the same under More.
  await page.goto(`${env.base}/embed.html?trials=1000&lang=ja&set=requirement_b200e:12000&v=1`);
  await settled(page, 1000);
  assert.equal(await picked(), "データセクション経由のテンセント（変更あり）");
  // (The comparison's list of presets to compare with names the presets themselves.)
  const said = await page.locator(".cs-widget").evaluate((el) => {
    const copy = el.cloneNode(true);
    for (const list of copy.querySelectorAll('select[id*="compare-preset"]')) list.remove();
    return copy.textContent;
  });
  assert.ok(!said.includes("報道ベース）"));
  assert.deepEqual(errors, []);
  await page.close();
});
