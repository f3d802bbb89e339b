// The editor's preview of the element snippet (element-preview.html), in one of three modes
// (`?mode=`), the snippet in the address's fragment:
// - `probe`, in a frame the editor sandboxes without `allow-same-origin`: the page's origin is
//   opaque, so loading the element's module is a request from another site, which succeeds
//   only if this host sends an Access-Control-Allow-Origin header. It says which.
// - `element`: the snippet as a page shows it, its module loaded (the editor's verdict: other
//   sites can load it).
// - `fallback`: the snippet without its module: what an article on another site shows when
//   the host sends no header (what is inside the element).
// A plain script (no module: it runs whatever the header), it keeps only what an element
// snippet has (this site's element.js, one <compute-shock> with its attributes, and its
// fallback's text, links and images) and tells the editor
// { type: "compute-shock:element-preview", mode, state: "loading" | "loaded" | "failed", height }.
(() => {
  const TAGS = new Set(["P", "STRONG", "EM", "A", "IMG", "BR"]);
  const ATTRS = { A: ["href"], IMG: ["src", "width", "height", "alt"] };
  const here = new URL("./", location.href);
  const mode = new URLSearchParams(location.search).get("mode") ?? "element";
  const ours = (url) => {
    try {
      const u = new URL(url, here);
      return u.origin === here.origin && /^https?:$/.test(u.protocol);
    } catch {
      return false;
    }
  };
  const say = (state) => parent.postMessage({ type: "compute-shock:element-preview", mode, state, height: Math.ceil(document.documentElement.getBoundingClientRect().height) }, "*");
  // A new snippet from the editor: shown anew, as a new page would.
  addEventListener("hashchange", () => location.reload());

  /** A copy of `node`'s allowed parts: text, and the tags above with their attributes. */
  function clean(node) {
    if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
    if (node.nodeType !== Node.ELEMENT_NODE || !TAGS.has(node.tagName)) return null;
    const out = document.createElement(node.tagName.toLowerCase());
    for (const name of ATTRS[node.tagName] ?? []) {
      const value = node.getAttribute(name);
      if (value !== null && ((name !== "href" && name !== "src") || ours(value))) out.setAttribute(name, value);
    }
    // (The snippet's own style attribute, which the page's policy would refuse, as styles.)
    if (node.tagName === "IMG") Object.assign(out.style, { maxWidth: "100%", height: "auto" });
    for (const child of node.childNodes) {
      const c = clean(child);
      if (c) out.append(c);
    }
    return out;
  }

  let snippet = "";
  try {
    snippet = decodeURIComponent(location.hash.slice(1));
  } catch {
    // A fragment that is not the editor's: nothing to show.
  }
  const doc = new DOMParser().parseFromString(snippet, "text/html");
  const given = doc.querySelector("compute-shock");
  const src = doc.querySelector('script[type="module"][src]')?.getAttribute("src");
  // The module is this site's element.js, or a release's (v/1.2.3/element.js), nothing else.
  const module = src && ours(src) ? new URL(src, here) : null;
  const base = new URL("./", here).pathname.replace(/v\/\d+\.\d+\.\d+\/$/, "");
  if (!given || !module || !new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:v/\\d+\\.\\d+\\.\\d+/)?element\\.js$`).test(module.pathname)) {
    say("failed");
    return;
  }
  if (mode !== "probe") {
    const element = document.createElement("compute-shock");
    // The element's parameters; never a handler or a style.
    for (const { name, value } of given.attributes) if (/^[a-z][a-z-]*$/.test(name) && !/^on|^style$/.test(name)) element.setAttribute(name, value);
    for (const child of given.childNodes) {
      const c = clean(child);
      if (c) element.append(c);
    }
    document.body.append(element);
    new ResizeObserver(() => say("loaded")).observe(document.documentElement);
  }
  if (mode === "fallback") return;
  // The element's module. A failure (no CORS header, a network error) is the script's error
  // event; its load defines the element.
  const script = document.createElement("script");
  script.type = "module";
  script.src = module.href;
  script.addEventListener("error", () => say("failed"));
  document.head.append(script);
  customElements.whenDefined("compute-shock").then(() => say("loaded"));
})();
