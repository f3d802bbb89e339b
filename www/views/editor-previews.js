// The editor's previews (editor.js): real embeds (embed.html) at the widths articles give
// them, in the embed's theme or both, kept up to date with the messages a host page sends
// (host.js), each showing the height it reports; and, for the element's snippet, the element
// as a page on another site loads it (element-preview.html). The editor hands it what it
// needs: where to draw, its words, the embed's theme, the kind of snippet, the embed's query
// and snippet, and what to do when a height is measured.
import { h } from "./dom.js";
import { PARAMETERS } from "./widget.js";
import { ELEMENT_PREVIEW as PREVIEW_MESSAGE, SET, eventType } from "../state/host.js";

/** The previews: the widths an article gives the embed, not the screen's. A phone's column is
 * its screen less the page's margins (16 px a side), so 288 and 343 px on 320 and 375 px
 * phones; a 640 px column; and a desktop article's column (648 to 720 px on news sites). `id`
 * names the frame. */
export const PREVIEWS = [
  { id: "320", screen: 320, width: 288 },
  { id: "375", screen: 375, width: 343 },
  { id: "640", screen: null, width: 640 },
  { id: "desktop", screen: null, width: 680 },
];

/**
 * The previews. `root`: the editor (its width is watched); `host()`: the element they go in;
 * `words()`, `theme()`, `kind()` ("iframe" or "element"): the editor's; `embedQuery()`,
 * `snippet()`: the embed's; `onHeight()`: a preview measured its height.
 * Returns { build, syncElement, send(query), tallest() }.
 */
export function editorPreviews({ root, host, words: wordsOf, theme, kind, embedQuery, snippet, onHeight }) {
  /** The themes previewed: the embed's, or both when it follows the reader's system. */
  const previewThemes = () => (theme() === "auto" ? ["light", "dark"] : [theme()]);
  let frames = [];

  /** The element snippet's preview, at a 375 px phone's column: what an article on another
   * site shows. Whether other sites may load the element's module is found once, by a page of
   * an opaque origin (a sandboxed frame, `probe`) loading it; then the preview shows the
   * snippet as a page does (`element`), or, when they may not, what is inside the element
   * (`fallback`). (The widget itself cannot run in the sandbox: its workers cannot start from
   * an opaque origin, which no real site has.) */
  const ELEMENT_PREVIEW = PREVIEWS[1];
  let elementPreview = null;
  /** The probe's verdict: null until it answers, then "loaded" or "failed". */
  let crossOrigin = null;

  function buildElementPreview() {
    if (kind() !== "element") {
      elementPreview = null;
      return null;
    }
    const name = wordsOf().elementPreview(wordsOf().preview(ELEMENT_PREVIEW, wordsOf().themeNames[previewThemes()[0]]));
    const frame = h("iframe", { title: name, width: ELEMENT_PREVIEW.width, height: 600, "data-id": "preview-element" });
    const probe = crossOrigin ? null : h("iframe", { sandbox: "allow-scripts", src: `element-preview.html?mode=probe#${encodeURIComponent(snippet())}`, title: wordsOf().elementState.loading, hidden: true, "data-id": "probe-element" });
    const box = h("div", { class: `editor-preview-box is-${previewThemes()[0]}` }, frame);
    const status = h("p", { class: "editor-element-status", role: "status" }, wordsOf().elementState.loading);
    const figure = h("figure", { class: "editor-preview editor-element-preview", "data-width": ELEMENT_PREVIEW.width, "data-id": "preview-element" }, h("figcaption", {}, h("strong", {}, name)), status, box, probe);
    elementPreview = { frame, probe, box, status, figure, width: ELEMENT_PREVIEW.width, height: 0, sent: null };
    if (crossOrigin) showVerdict();
    return figure;
  }

  /** The preview page, in `mode`, with the snippet in its fragment (it reloads on a new one). */
  const elementPreviewSrc = (mode) => `element-preview.html?mode=${mode}#${encodeURIComponent(snippet())}`;

  /** The probe's verdict, said and shown: the element, or what is inside it. */
  function showVerdict() {
    const p = elementPreview;
    p.status.textContent = wordsOf().elementState[crossOrigin];
    p.status.classList.toggle("editor-problem", crossOrigin === "failed");
    p.figure.dataset.state = crossOrigin;
    p.probe?.remove();
    p.probe = null;
    p.sent = snippet();
    p.frame.src = elementPreviewSrc(crossOrigin === "loaded" ? "element" : "fallback");
  }

  /** The element's preview shown with the element's snippet, and only then. */
  function syncElementPreview() {
    if ((kind() === "element") === Boolean(elementPreview) || !host()) return;
    if (elementPreview) {
      elementPreview.figure.remove();
      elementPreview = null;
    } else host().prepend(buildElementPreview());
    scalePreviews();
  }

  function buildPreviews() {
    frames = [];
    const query = embedQuery();
    const figures = previewThemes().flatMap((theme) =>
      PREVIEWS.map((p) => {
        const { width } = p;
        const id = `preview-${p.id}-${theme}`;
        const src = `embed.html?${query}&theme=${theme}&id=${id}`;
        const name = wordsOf().preview(p, wordsOf().themeNames[theme]);
        const frame = h("iframe", { src, title: name, width, height: 600, "data-id": id });
        const box = h("div", { class: `editor-preview-box is-${theme}` }, frame);
        const caption = h("figcaption", {}, h("strong", {}, name), " · ", h("span", { class: "editor-height" }, wordsOf().height(null)));
        const figure = h("figure", { class: "editor-preview", "data-width": width, "data-theme": theme, "data-id": id }, caption, box);
        const entry = { id, width, theme, frame, box, figure, caption, ready: false, shown: false, height: 0, sent: query };
        frames.push(entry);
        return figure;
      }),
    );
    host().replaceChildren(...[buildElementPreview(), ...figures].filter(Boolean));
    scalePreviews();
  }

  /** Each preview at its real width, scaled to the column: the two phones side by side, each
   * wider column under them. */
  function scalePreviews() {
    const room = host()?.clientWidth ?? 0;
    if (!room) return;
    const phones = PREVIEWS.filter((p) => p.screen).map((p) => p.width);
    // The gap between the two, their borders, and a pixel of rounding each.
    const pair = Math.min(1, (room - 16 - 8) / (phones[0] + phones[1]));
    for (const f of elementPreview ? [...frames, elementPreview] : frames) {
      const scale = room < 560 || !phones.includes(f.width) ? Math.min(1, (room - 4) / f.width) : pair;
      const height = f.height || 600;
      f.frame.style.height = `${height}px`;
      f.frame.style.transform = `scale(${scale})`;
      f.box.style.width = `${Math.floor(f.width * scale)}px`;
      f.box.style.height = `${Math.ceil(height * scale)}px`;
    }
  }
  new ResizeObserver(() => scalePreviews()).observe(root);

  /** The parameters a preview frame is sent for the embed's `query`: every one, null for those
   * not given, and the preview's theme. */
  function previewParams(query, theme) {
    const q = new URLSearchParams(query);
    return Object.fromEntries(PARAMETERS.map((k) => [k, k === "theme" ? theme : q.get(k)]));
  }

  function sendPreviews(query = embedQuery()) {
    // The element's preview shows the snippet anew when it changes.
    if (elementPreview?.sent && elementPreview.sent !== snippet()) {
      elementPreview.sent = snippet();
      elementPreview.frame.src = elementPreviewSrc(crossOrigin === "loaded" ? "element" : "fallback");
    }
    for (const f of frames) {
      if (!f.ready || f.sent === query) continue;
      f.sent = query;
      f.frame.contentWindow?.postMessage({ type: SET, params: previewParams(query, f.theme) }, location.origin);
    }
  }

  window.addEventListener("message", (e) => {
    // The element's preview is of an opaque origin ("null"): known by its window.
    if (elementPreview && e.data?.type === PREVIEW_MESSAGE) {
      if (e.source === elementPreview.probe?.contentWindow && ["loaded", "failed"].includes(e.data.state)) {
        crossOrigin = e.data.state;
        showVerdict();
      } else if (e.source === elementPreview.frame.contentWindow && Number(e.data.height) > 0) {
        elementPreview.height = Math.round(Number(e.data.height));
        scalePreviews();
      }
      return;
    }
    const f = frames.find((x) => x.frame.contentWindow === e.source);
    if (!f || e.origin !== location.origin) return;
    const heights = e.data?.["datawrapper-height"];
    if (heights && Number(heights[f.id]) > 0) {
      f.height = Math.round(Number(heights[f.id]));
      showHeight(f);
    }
    // Heights count once the frame shows a result (before, it is a loading line).
    if (e.data?.type === eventType("result") && !f.shown) {
      f.shown = true;
      showHeight(f);
    }
    if (e.data?.type === eventType("ready")) {
      f.ready = true;
      // Edits made while it loaded (a frame is sent only what differs from what it has).
      sendPreviews();
    }
  });

  /** A preview's height, on screen, in its box and in the snippet's fallback height. */
  function showHeight(f) {
    if (!f.height) return;
    f.caption.querySelector(".editor-height").textContent = wordsOf().height(f.shown ? f.height : null);
    if (f.shown) f.figure.dataset.height = String(f.height);
    scalePreviews();
    onHeight();
  }

  return {
    build: buildPreviews,
    syncElement: syncElementPreview,
    /** Sends the embed's `query` to every preview that does not have it. */
    send: sendPreviews,
    /** The tallest height a preview showing a result has reported (0 before one). */
    tallest: () => Math.max(0, ...frames.filter((f) => f.shown).map((f) => f.height)),
  };
}
