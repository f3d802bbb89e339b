// The iframe page: the widget alone (story mode and the light theme unless the embed says
// otherwise), telling the host page its height whenever it changes, in the three formats
// newsroom pages listen for (Datawrapper, Pym.js, AMP). The page around it can change the
// parameters with a message, and hears the widget's events (host.js has the format):
//   frame.contentWindow.postMessage({ type: "compute-shock:set", params: { preset: "two-track" } }, origin)
// Messages are taken from the parent window only, and, when the embed's `origin` parameter
// pins one, only from that origin; anything else is ignored without a word.
import { PARAMETERS, mountWidget } from "./views/widget.js";
import { FRAME_KEYS, readOrigin } from "./state/embedding.js";
import { eventType, fromParent, readMessage } from "./state/host.js";
import { KEYS, THEMES } from "./state/state.js";

const params = new URLSearchParams(location.search);
/** The parameters now: the URL's, then as the host page set them. */
const values = new Map(params);
/** A scenario object a message gave, in place of the preset's. */
let given = null;
const get = (name) => values.get(name) ?? null;
// Pym.js passes its own id as childId; Datawrapper-style hosts can pass id.
const id = params.get("childId") ?? params.get("id") ?? "compute-shock";
const parent = window.parent === window ? null : window.parent;
// undefined: no pin; null: a pin that is not an origin (nothing is accepted then).
const pinned = params.has("origin") ? readOrigin(params.get("origin")) : undefined;
// The parent page's origin where the browser says it (not Firefox): events pinned to another
// origin are not sent, rather than refused by the browser with an error on the console.
const parentOrigin = location.ancestorOrigins?.[0] ?? null;
const tell = parent && pinned !== null && (pinned === undefined || parentOrigin === null || parentOrigin === pinned);

/** The page's own theme and language follow the widget's. */
function page() {
  const theme = get("theme");
  document.documentElement.dataset.theme = THEMES.includes(theme) ? theme : "light";
  document.documentElement.lang = get("lang") === "ja" ? "ja" : "en";
}
page();

/** The height last reported, and whether the widget has drawn (heights are reported from then). */
let last = 0;
let laidOut = false;
const widget = mountWidget(document.getElementById("compute-shock"), {
  get,
  scenario: () => given,
  names: () => [...values.keys()],
  layout: "story",
  theme: "light",
  onState: (query) => {
    // Keep the embed's own parameters (its layout, texts, Pym's ids), so a reload shows the same.
    const keep = [...values].filter(([k]) => !KEYS.includes(k) && (PARAMETERS.includes(k) || FRAME_KEYS.includes(k)));
    const extra = keep.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    history.replaceState(null, "", `${location.pathname}?${query}${extra ? `&${extra}` : ""}`);
  },
  onEvent: (type, detail) => tell && parent.postMessage({ type: eventType(type), id, detail }, pinned ?? "*"),
  // Heights are reported from the first drawn result on: until then the host keeps the
  // height its embed code reserves, not the loading line's (no collapse and regrowth).
  onLaidOut: () => {
    laidOut = true;
    // After the first result has drawn (it draws in the same task).
    setTimeout(() => post(), 0);
  },
});

function post(force = false) {
  if (!laidOut) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (!force && height === last) return;
  last = height;
  if (!parent) return;
  parent.postMessage({ "datawrapper-height": { [id]: height } }, "*");
  parent.postMessage(`pymxPYMx${id}xPYMxheightxPYMx${height}`, "*");
  parent.postMessage({ sentinel: "amp", type: "embed-size", height }, "*");
}

new ResizeObserver(() => post()).observe(document.documentElement);
document.fonts?.ready.then(() => post());
document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && post());
/** Changes from the host are applied to the widget once for a burst of messages: the last
 * state wins, as when a reader drags a slider. */
let pending = false;
function updateSoon() {
  if (pending) return;
  pending = true;
  setTimeout(() => {
    pending = false;
    page();
    widget.update();
  }, 0);
}

window.addEventListener("message", (e) => {
  // The sender first: a message from any window but the parent is never read (reading its
  // data deserialises it, which takes seconds for a large one).
  if (parent === null || e.source !== parent) return;
  // Pym's parent asks with its width; answer with our height.
  if (typeof e.data === "string") {
    if (e.data.startsWith(`pymxPYMx${id}xPYMxwidthxPYMx`)) post(true);
    return;
  }
  if (!fromParent(e, parent, pinned)) return;
  const set = readMessage(e.data, PARAMETERS);
  if (!set) return;
  for (const [name, value] of Object.entries(set)) {
    if (name === "scenario" && value !== null && typeof value === "object") {
      given = value;
      values.delete("scenario");
    } else if (value === null) {
      if (name === "scenario") given = null;
      values.delete(name);
    } else {
      if (name === "scenario") given = null;
      values.set(name, value);
    }
  }
  updateSoon();
});
