// Building the widget's DOM. Every text goes in as a text node: nothing from a scenario or a
// URL is ever parsed as markup.

/** Builds an element: h("div", { class: "x" }, child, "text", …); `on…` attributes are listeners. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

/** A button with a label. */
export const button = (label, onclick, cls) => h("button", { type: "button", class: cls, onclick }, label);

let widgets = 0;

/** Makes element ids for one widget, unique in the document even with several widgets in it. */
export function idMaker() {
  const widget = ++widgets;
  let count = 0;
  return (name) => `cs-${name}-${widget}-${++count}`;
}

/** What `whenNear` is waiting for: { element, fire }. */
const waiting = new Set();

/** Calls `then()` once `element` first comes within 200 px of the screen, or sooner when
 * `fillRendered` finds it drawn; returns { disconnect } to stop waiting (the element is being
 * replaced). */
export function whenNear(element, then) {
  const seen = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) entry.fire();
    },
    { rootMargin: "200px" },
  );
  const entry = {
    element,
    fire() {
      // Once: the observer may still deliver a notice queued before it was disconnected.
      if (!waiting.has(entry)) return;
      entry.disconnect();
      then();
    },
    disconnect() {
      seen.disconnect();
      waiting.delete(entry);
    },
  };
  waiting.add(entry);
  seen.observe(element);
  return { disconnect: entry.disconnect };
}

/**
 * Fills now the parts under `root` still waiting to come near the screen that are drawn (not
 * inside a closed <details>): what a reader scrolls to is then already its full height, so
 * nothing under it moves as it comes into view. (In a frame from another origin the 200 px
 * margin does not apply: a part would otherwise fill only once seen.) The widget calls it when
 * the browser is idle after its first result, and when a reader opens a section.
 */
export function fillRendered(root) {
  // (A closed <details> keeps its content's boxes in some engines: it is asked by name.)
  const drawn = (e) => root.contains(e) && !e.closest("details:not([open])") && e.getClientRects().length > 0;
  for (const entry of [...waiting]) {
    // (A part whose widget was replaced, as a broken one is, waits no more.)
    if (!entry.element.isConnected) entry.disconnect();
    else if (drawn(entry.element)) entry.fire();
  }
}
