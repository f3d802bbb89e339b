// The iframe page: the widget alone, telling the host page its height whenever it changes,
// in the three formats newsroom pages listen for (Datawrapper, Pym.js, AMP).
import { mountWidget } from "./widget.js";

const params = new URLSearchParams(location.search);
const theme = params.get("theme");
if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
if (params.get("lang") === "ja") document.documentElement.lang = "ja";
// Pym.js passes its own id as childId; Datawrapper-style hosts can pass id.
const id = params.get("childId") ?? params.get("id") ?? "compute-shock";

mountWidget(document.getElementById("compute-shock"), {
  get: (name) => params.get(name),
  onState: (query) => {
    // Keep Pym's own parameters, so its messages still reach the right frame.
    const keep = ["childId", "id", "initialWidth", "parentTitle", "parentUrl"].filter((k) => params.has(k));
    const extra = keep.map((k) => `${k}=${encodeURIComponent(params.get(k))}`).join("&");
    history.replaceState(null, "", `${location.pathname}?${query}${extra ? `&${extra}` : ""}`);
  },
});

let last = 0;
function post(force = false) {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (!force && height === last) return;
  last = height;
  if (window.parent === window) return;
  window.parent.postMessage({ "datawrapper-height": { [id]: height } }, "*");
  window.parent.postMessage(`pymxPYMx${id}xPYMxheightxPYMx${height}`, "*");
  window.parent.postMessage({ sentinel: "amp", type: "embed-size", height }, "*");
}

new ResizeObserver(() => post()).observe(document.documentElement);
document.fonts?.ready.then(() => post());
document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && post());
window.addEventListener("message", (e) => {
  // Pym's parent asks with its width; answer with our height.
  if (typeof e.data === "string" && e.data.startsWith(`pymxPYMx${id}xPYMxwidthxPYMx`)) post(true);
});
