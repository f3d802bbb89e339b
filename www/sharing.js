// Sharing: a link to what the reader sees, and the embed code (an iframe, and the custom
// element) for it. Copied to the clipboard, or shown selected where there is none.
import { h } from "./dom.js";
import { RELEASE } from "./release.js";

const attr = (v) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/** Where embed code points: this release's own folder, `v/<release>/` beside the latest, which
 * no later release changes (scripts/site.mjs publishes both), unless the page is already in
 * one or is an unbuilt copy of www/ (release "dev"). */
export function pinnedBase(here, release = RELEASE) {
  const base = new URL(here);
  if (!/^\d+\.\d+\.\d+$/.test(release) || /\/v\/\d+\.\d+\.\d+\/$/.test(base.pathname)) return base;
  return new URL(`v/${release}/`, base);
}

/** Both embed snippets for a state's query: the iframe (titled `title`) with resize.js, then
 * the element; `here` is where the site is published. The code points at this release's
 * folder and names the seed even when it is the default, so a published article keeps its
 * numbers after later releases. */
export function embedCode(query, here, title, seed = null, release = RELEASE) {
  here = pinnedBase(here, release);
  if (seed !== null && !new URLSearchParams(query).has("seed")) query = `${query}${query ? "&" : ""}seed=${seed}`;
  const embed = new URL(`embed.html?${query}`, here).href;
  const element = [...new URLSearchParams(query)].map(([k, v]) => ` ${k}="${attr(v)}"`).join("");
  return (
    `<iframe src="${embed.replace(/&/g, "&amp;")}" title="${title.replace(/"/g, "&quot;")}" loading="lazy" width="100%" height="1400" style="border:0;width:100%" scrolling="no"></iframe>\n` +
    `<script src="${new URL("resize.js", here).href}" async></script>\n\n` +
    `<script type="module" src="${new URL("element.js", here).href}"></script>\n` +
    `<compute-shock${element}></compute-shock>`
  );
}

/** Share and embed, for the current state's `query()` (and `embedQuery()`, the same for an
 * embed, whose default theme differs); links point to `pageUrl`. */
export function sharing({ tr, query, embedQuery = query, pageUrl, here, seed = () => null }) {
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
    share: () => copy(link(), t("shareDone")),
    embed: () => copy(embedCode(embedQuery(), here, t("embedTitle"), seed()), t("embedDone")),
  };
}
