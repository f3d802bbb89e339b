// Sharing: a link to what the reader sees, and embed code for it, one snippet at a time (the
// iframe, or the custom element: the editor offers both, the widget's button the iframe);
// copied to the clipboard, or shown selected where there is none. (The way back, a pasted
// snippet's query, is the editor's alone: snippet-query.js.)
import { h } from "./dom.js";
import { RELEASE, STATIC_CHART } from "./release.js";

const attr = (v) => String(v).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Where embed code points: this release's own folder, `v/<release>/` beside the latest, which
 * no later release changes (scripts/site.mjs publishes both), unless the page is already in
 * one or is an unbuilt copy of www/ (release "dev"). */
export function pinnedBase(here, release = RELEASE) {
  const base = new URL(here);
  if (!/^\d+\.\d+\.\d+$/.test(release) || /\/v\/\d+\.\d+\.\d+\/$/.test(base.pathname)) return base;
  return new URL(`v/${release}/`, base);
}

/** The height an iframe snippet gives its frame before the widget reports its own (or when a
 * CMS strips the resize script): story mode's tallest measured (320 px wide) with room to
 * spare, and the full layout's; the frame scrolls when it is still too short. */
export const FALLBACK_HEIGHT = { story: 850, full: 3400 };

/** The query with the seed named (the default too): the numbers stay when the default moves. */
const withSeed = (query, seed) => (seed !== null && !new URLSearchParams(query).has("seed") ? `${query}${query ? "&" : ""}seed=${seed}` : query);

/**
 * The iframe snippet for a state's query: the frame (titled `title`, `height` px until the
 * widget says its height; scrolling left on) and resize.js, which sets its height on pages
 * that have no listener. `here` is where the site is published; the code points at this
 * release's folder and names the seed even when it is the default, so a published article
 * keeps its numbers after later releases.
 */
export function iframeCode(query, here, { title, seed = null, height = FALLBACK_HEIGHT.story, release = RELEASE } = {}) {
  here = pinnedBase(here, release);
  const embed = new URL(`embed.html?${withSeed(query, seed)}`, here).href;
  return (
    `<iframe src="${attr(embed)}" title="${attr(title)}" loading="lazy" width="100%" height="${Math.round(height)}" style="border:0;width:100%"></iframe>\n` +
    `<script src="${new URL("resize.js", here).href}" async></script>`
  );
}

/** The static chart shows what a query asks for: its preset (or the default), in its
 * language, with the default seed and futures and nothing changed. */
function showsStatic(params, chart) {
  const is = (k, v) => !params.has(k) || params.get(k) === v;
  return Boolean(chart) && is("preset", chart.preset) && is("lang", chart.lang) && is("seed", "1") && is("trials", "10000") && !params.has("set") && !params.has("scenario");
}

/**
 * The custom element's snippet for a state's query: its module script and the element, with
 * content inside it that shows until the element is defined and stays if its script never
 * loads (a page that blocks modules, a host that sends no CORS header, a reader without
 * JavaScript): a link to the embed page named `title`, and, where the build's static chart
 * is what the embed shows (`staticChart`, release.js), that chart and its lead sentence.
 */
export function elementCode(query, here, { seed = null, release = RELEASE, title = "", staticChart = STATIC_CHART } = {}) {
  here = pinnedBase(here, release);
  const params = new URLSearchParams(withSeed(query, seed));
  const element = [...params].map(([k, v]) => ` ${k}="${attr(v)}"`).join("");
  const embed = new URL(`embed.html?${params}`, here).href;
  const inside = [];
  if (showsStatic(params, staticChart)) {
    const c = staticChart;
    inside.push(
      `  <p><strong>${attr(c.lead)}</strong></p>`,
      `  <img src="${attr(new URL(c.file, here).href)}" width="${c.width}" height="${c.height}" alt="${attr(c.alt)}" style="max-width:100%;height:auto">`,
    );
  }
  inside.push(`  <p><a href="${attr(embed)}">${attr(title || "compute-shock")}</a></p>`);
  return `<script type="module" src="${new URL("element.js", here).href}"></script>\n<compute-shock${element}>\n${inside.join("\n")}\n</compute-shock>`;
}

/** Share and embed, for the current state's `query()` (and `embedQuery()`, the same for an
 * embed, whose default theme differs); links point to `pageUrl`. The embed button copies one
 * snippet, the iframe (which works in any CMS); the editor (`editorUrl`) offers the element. */
export function sharing({ tr, query, embedQuery = query, pageUrl, here, seed = () => null, layout = () => "story" }) {
  const { t } = tr;
  const copied = h("textarea", { class: "cs-copied", readonly: true, rows: 4, hidden: true, "aria-label": t("copyFallback") });
  const note = h("p", { class: "cs-copied-note", role: "status" });

  async function copy(text, done) {
    copied.value = text;
    copied.hidden = false;
    try {
      await navigator.clipboard.writeText(text);
      note.textContent = done;
    } catch {
      // No clipboard (an insecure page, or permission refused): the text is selected to copy.
      note.textContent = t("copyFallback");
      copied.focus();
      copied.select();
    }
  }

  const link = () => `${pageUrl.href.split("?")[0]}?${query()}`;
  return {
    /** The note saying what was copied, and the box showing it. */
    elements: [note, copied],
    link,
    /** The editor, opened on what the reader sees. */
    editorUrl: () => new URL(`editor.html?${withSeed(embedQuery(), seed())}`, here).href,
    share: () => copy(link(), t("shareDone")),
    embed: () => copy(iframeCode(embedQuery(), here, { title: t("embedTitle"), seed: seed(), height: FALLBACK_HEIGHT[layout()] ?? FALLBACK_HEIGHT.story }), t("embedDone")),
  };
}
