// @ts-check
// The messages between an embed frame (embed.js) and the page around it. Pure (no DOM): a
// message is checked here and becomes parameters, or is ignored.
//
// window.postMessage, both ways:
//   parent → frame  { type: "compute-shock:set", params: { <name>: string | number | null } }
//                   the same parameters as the URL's; null removes one (its default again);
//                   `scenario` may also be a scenario object. Anything else is ignored.
//   frame → parent  { type: "compute-shock:ready" | "compute-shock:change" | "compute-shock:result",
//                   id, detail }, the element's events and their `detail`
// The protocol's strings, here once: the frame (embed.js), the editor's previews and the
// tests take them from here. The two plain scripts that cannot import (scrolly.js, the
// example a journalist copies; element-preview.js, the editor's sandboxed probe) write them
// out, and tests/js/embedding.test.mjs holds their copies to these.
const PREFIX = "compute-shock:";
export const SET = `${PREFIX}set`;
export const EVENTS = ["ready", "change", "result"];
/** A frame's message type for one of its events (EVENTS). */
export const eventType = (event) => `${PREFIX}${event}`;
/** The element preview's report to the editor (element-preview.js). */
export const ELEMENT_PREVIEW = `${PREFIX}element-preview`;
/** The most a message's parameters may hold, in characters of JSON. */
export const MESSAGE_MAX = 100_000;

/** @type {(x: unknown) => x is Record<string, any>} */
const isPlain = (x) => x !== null && typeof x === "object" && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;

/**
 * A parent's message, checked: the parameters it sets, by name (strings, null to remove,
 * `scenario` possibly an object), or null when it is not a well-formed "set" of known
 * parameters within MESSAGE_MAX (such a message is ignored, silently).
 * @param {unknown} data the message's data
 * @param {string[]} keys the parameters a message may set
 */
export function readMessage(data, keys) {
  if (!isPlain(data) || data.type !== SET || !isPlain(data.params)) return null;
  const entries = Object.entries(data.params);
  if (entries.length === 0 || entries.length > keys.length) return null;
  const params = {};
  let size = 0;
  for (const [name, value] of entries) {
    if (!keys.includes(name)) return null;
    if (value === null) params[name] = null;
    else if (typeof value === "string") params[name] = value;
    else if (typeof value === "number" && Number.isFinite(value)) params[name] = String(value);
    else if (name === "scenario" && isPlain(value)) params[name] = value;
    else return null;
    try {
      size += name.length + (JSON.stringify(params[name])?.length ?? 0);
    } catch {
      return null;
    }
    if (size > MESSAGE_MAX) return null;
  }
  return params;
}

/** Whether a message comes from the parent page (`parent`) and, when the embed pins one, its
 * origin (`pinned`: an origin, undefined for none, null for an unusable pin: nothing accepted). */
export const fromParent = (event, parent, pinned) => parent !== null && event.source === parent && pinned !== null && (pinned === undefined || event.origin === pinned);
