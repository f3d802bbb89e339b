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

/** Calls `then()` once `element` first comes within 200 px of the screen; the observer, to
 * disconnect when the element is replaced. */
export function whenNear(element, then) {
  const seen = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      then();
    },
    { rootMargin: "200px" },
  );
  seen.observe(element);
  return seen;
}
