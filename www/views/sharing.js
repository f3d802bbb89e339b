// Sharing: a link to what the reader sees, and embed code for it, one snippet at a time (the
// iframe, or the custom element: the editor offers both, the widget's button the iframe);
// copied to the clipboard, or shown selected where there is none. (The way back, a pasted
// snippet's query, is the editor's alone: snippet-query.js.)
import { h } from "./dom.js";
import { RELEASE } from "../release.js";
import { unchanged } from "../state/state.js";

export { unchanged };

export const attr = (v) => String(v).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

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
export const withSeed = (query, seed) => (seed !== null && !new URLSearchParams(query).has("seed") ? `${query}${query ? "&" : ""}seed=${seed}` : query);

/** The embed page for a query: where it shows a preset unchanged (at the default seed and
 * futures) in a built release, that edition's own page, `embed-<preset>.<lang>.html`, whose
 * no-script block is that preset in that language (scripts/site.mjs writes one for each);
 * else `embed.html`, whose block is the default preset's in English. */
export function embedPage(query, release = RELEASE) {
  const p = new URLSearchParams(query);
  const get = (k) => p.get(k);
  const preset = get("preset");
  const lang = get("lang") ?? "en";
  return /^\d+\.\d+\.\d+$/.test(release) && unchanged(get) && /^[a-z0-9-]+$/.test(preset ?? "") && /^[a-z]{2}$/.test(lang) ? `embed-${preset}.${lang}.html` : "embed.html";
}


/**
 * The iframe snippet for a state's query: the frame (titled `title`, `height` px until the
 * widget says its height; scrolling left on) and resize.js, which sets its height on pages
 * that have no listener. `here` is where the site is published; the code points at this
 * release's folder and names the seed even when it is the default, so a published article
 * keeps its numbers after later releases.
 */
export function iframeCode(query, here, { title, seed = null, height = FALLBACK_HEIGHT.story, release = RELEASE } = {}) {
  here = pinnedBase(here, release);
  const q = withSeed(query, seed);
  const embed = new URL(`${embedPage(q, release)}?${q}`, here).href;
  return (
    `<iframe src="${attr(embed)}" title="${attr(title)}" loading="lazy" width="100%" height="${Math.round(height)}" style="border:0;width:100%"></iframe>\n` +
    `<script src="${new URL("resize.js", here).href}" async></script>`
  );
}

/** Share and embed, for the current state's `query()` (and `embedQuery()`, the same for an
 * embed, whose default theme differs); links point to `pageUrl`. The embed button copies one
 * snippet, the iframe (which works in any CMS); the editor (`editorUrl`) offers the element. */
export function sharing({ tr, query, embedQuery = query, pageUrl, here, seed = () => null, layout = () => "story" }) {
  const { t } = tr;
  const copied = h("textarea", { class: "cs-copied", readonly: true, rows: 4, hidden: true, "aria-label": t("copyFallback") });
  const note = h("p", { class: "cs-copied-note", role: "status" });

  /** Copies `text`, saying `done` (or how to copy it by hand), then `more` (nodes) if any. */
  async function copy(text, done, more = []) {
    copied.value = text;
    copied.hidden = false;
    try {
      await navigator.clipboard.writeText(text);
      note.replaceChildren(done, ...more);
    } catch {
      // No clipboard (an insecure page, or permission refused): the text is selected to copy.
      note.replaceChildren(t("copyFallback"), ...more);
      copied.focus();
      copied.select();
    }
  }

  const link = () => `${pageUrl.href.split("?")[0]}?${query()}`;
  const editorUrl = () => new URL(`editor.html?${withSeed(embedQuery(), seed())}`, here).href;
  return {
    /** The note saying what was copied, and the box showing it. */
    elements: [note, copied],
    link,
    /** The editor, opened on what the reader sees. */
    editorUrl,
    share: () => copy(link(), t("shareDone")),
    // With the embed code, where a journalist looks: the editor, opened on what is on screen
    // (layout, texts, language and the custom element's snippet are chosen there).
    embed: () =>
      copy(iframeCode(embedQuery(), here, { title: t("embedTitle"), seed: seed(), height: FALLBACK_HEIGHT[layout()] ?? FALLBACK_HEIGHT.story }), t("embedDone"), [
        " ",
        h("a", { class: "cs-editor-link", href: editorUrl(), target: "_blank" }, t("openEditor")),
      ]),
  };
}
