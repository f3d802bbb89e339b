// @ts-check
// The widget's state in a URL query (and in the custom element's attributes), version 1:
//
//   preset=<id>          a built-in scenario (default: the first)
//   seed=<integer>       the engine's range and default (limits().seed: 0 to 2^53 - 1, 1)
//   trials=<integer>     the engine's range and default (limits().trials: 1 to 1,000,000, 10,000)
//   lang=en|ja           (default en)
//   theme=light|dark|auto (default auto; embeds: light)
//   set=<path>:<number>,…  numbers changed from the preset, paths dotted with indices:
//                        set=shocks.0.comply_probability:0.5,requirement_b200e:15000
//                        (a figure the preset draws from a distribution may be set to a
//                        number, as its slider does)
//   scenario=<base64url JSON>  a whole scenario, when the change is more than numbers
//                        (sites added or removed, names edited); `set` applies on top
//   v=1                  the version of this encoding
//
// Anything invalid is dropped with a note for the reader; nothing here is ever markup. The
// limits and defaults of seed and trials are the engine's (`limits()`, sent by the worker).
import { LANGS } from "../words/i18n.js";
import { pathOf } from "./paths.js";
import { isDrawn } from "./quantity.js";

export const VERSION = 1;
export const THEMES = ["light", "dark", "auto"];
/** The state's parameters; `compare` and `metric` are the views under the chart's (views/under-chart-panels.js). */
export const KEYS = ["preset", "seed", "trials", "lang", "theme", "set", "scenario", "v", "compare", "metric"];
const MAX_PARAM = 20_000;

const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

/**
 * Numeric leaves of a scenario, in order: `keys` (array indices as numbers), `dotted` (the
 * URL's form, `sites.0.gpus`) and `path` (the engine's, `sites[0].gpus`); with `drawn`, a
 * figure drawn from a distribution is a leaf too.
 * @returns {{ keys: (string | number)[], dotted: string, path: string, value: number }[]}
 */
export function leaves(scenario, keys = [], out = [], drawn = false) {
  if (typeof scenario === "number" || (drawn && isDrawn(scenario))) out.push({ keys, dotted: keys.join("."), path: pathOf(keys), value: scenario });
  else if (Array.isArray(scenario)) scenario.forEach((x, i) => leaves(x, [...keys, i], out, drawn));
  else if (isObject(scenario)) for (const [k, x] of Object.entries(scenario)) leaves(x, [...keys, k], out, drawn);
  return out;
}

/** Numeric leaves of a scenario: Map of dotted path → number. */
export const numbers = (scenario) => new Map(leaves(scenario).map((x) => [x.dotted, x.value]));

/** The scenario with numbers replaced by 0: equal shapes mean `set` can express a change. */
export const shape = (s) => JSON.stringify(s, (_, v) => (typeof v === "number" ? 0 : v));

function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unbase64url(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** A `set` may change a number, or put a number in place of a drawn figure: its leaves. */
const settable = (scenario) => leaves(scenario, [], [], true);

/** The shape `set` keeps: numbers and drawn figures alike as 0. */
const settableShape = (s) => JSON.stringify(s, (_, v) => (typeof v === "number" || isDrawn(v) ? 0 : v));

/** Follows a dotted path (or a list of keys); returns [parent, key] when it names a number
 * (or, with `drawn`, a figure drawn from a distribution). */
export function locate(obj, path, { drawn = false } = {}) {
  const keys = Array.isArray(path) ? path : path.split(".");
  let node = obj;
  for (const k of keys.slice(0, -1)) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, k)) return null;
    node = node[k];
  }
  const last = keys.at(-1);
  return node && typeof node === "object" && Object.hasOwn(node, last) && (typeof node[last] === "number" || (drawn && isDrawn(node[last]))) ? [node, last] : null;
}

/**
 * Reads state from query parameters (or attributes, the same names).
 * @param {(name: string) => string | null} get
 * @param {{ id: string, scenario: object }[]} presets
 * @param {import("../../types/engine").Limits} limits the engine's (`limits()`)
 * @param {{ t: Function }} tr the language of the notes on what was ignored
 * @param {{ theme?: string, scenario?: object | null }} [options] the theme without a
 *   `theme` parameter (default "auto"); a scenario object in place of the preset's (the custom
 *   element's `scenario` property), under `set`
 * @returns {{ preset, seed, trials, lang, theme, scenario, notes: string[] }}
 */
export function readState(get, presets, limits, { t }, { theme: defaultTheme = "auto", scenario: given = null } = {}) {
  const notes = [];
  const ignore = (name, value, reason) => notes.push(t("ignored")(name, String(value).slice(0, 80), reason));
  const state = { preset: presets[0].id, seed: limits.seed.default, trials: limits.trials.default, lang: "en", theme: defaultTheme, scenario: null, notes };

  const lang = get("lang");
  if (lang !== null) LANGS.includes(lang) ? (state.lang = lang) : ignore("lang", lang, t("mustBe")(t("langChoices")));
  const theme = get("theme");
  if (theme !== null) THEMES.includes(theme) ? (state.theme = theme) : ignore("theme", theme, t("mustBe")(t("themeChoices")));
  const preset = get("preset");
  if (preset !== null) {
    if (presets.some((p) => p.id === preset)) state.preset = preset;
    else ignore("preset", preset, t("unknownPreset")(presets.map((p) => p.id).join(", ")));
  }
  const int = (name, { min, max }) => {
    const v = get(name);
    if (v === null) return undefined;
    if (/^\d{1,16}$/.test(v) && Number(v) >= min && Number(v) <= max) return Number(v);
    ignore(name, v, t("mustBe")(t("intRange")(min, max)));
    return undefined;
  };
  state.seed = int("seed", limits.seed) ?? state.seed;
  state.trials = int("trials", limits.trials) ?? state.trials;
  const v = get("v");
  if (v !== null && v !== String(VERSION)) ignore("v", v, t("mustBe")(String(VERSION)));

  let scenario = structuredClone(presets.find((p) => p.id === state.preset).scenario);
  const whole = get("scenario");
  if (given !== null) {
    try {
      if (!isObject(given) || JSON.stringify(given).length > MAX_PARAM * 10) throw new Error("not a scenario");
      scenario = structuredClone(given);
    } catch {
      ignore("scenario", "{…}", t("mustBe")(t("aScenarioObject")));
    }
  } else if (whole !== null) {
    try {
      if (whole.length > MAX_PARAM) throw new Error("too long");
      const parsed = JSON.parse(unbase64url(whole));
      if (!isObject(parsed)) throw new Error("not an object");
      scenario = parsed;
    } catch (e) {
      ignore("scenario", whole, t("mustBe")(t("aScenarioJson")));
    }
  }
  const set = get("set");
  if (set !== null) {
    for (const item of set.slice(0, MAX_PARAM).split(",").filter(Boolean)) {
      const i = item.lastIndexOf(":");
      const path = item.slice(0, i);
      const text = item.slice(i + 1);
      const value = Number(text);
      const at = i > 0 ? locate(scenario, path, { drawn: true }) : null;
      if (!at) ignore("set", item, t("mustBe")(t("aNumberField")));
      else if (text.trim() === "" || !Number.isFinite(value)) ignore("set", item, t("mustBe")(t("aNumber")));
      else at[0][at[1]] = value;
    }
  }
  state.scenario = scenario;
  return state;
}

/** Whether two scenarios are the same document: equal as JSON values (a key holding
 * `undefined` is no key, as in JSON; the keys' order does not count). */
export function sameScenario(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => sameScenario(x, b[i]));
  const keys = (o) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ka = keys(a);
  return ka.length === keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameScenario(a[k], b[k]));
}

/** Whether parameters (`get(name)`: a value or null) leave the preset's numbers as the build
 * drew them: nothing set, the default seed and futures (fallback.js, a plain script, says
 * the same). */
export const unchanged = (get) => get("set") === null && get("scenario") === null && (get("seed") ?? "1") === "1" && (get("trials") ?? "10000") === "10000";

/** The query for a state: only what differs from the defaults (`defaultTheme`: the theme
 * of the page the query is for), so links stay short. */
export function writeState({ preset, seed, trials, lang, theme, scenario }, presets, limits, defaultTheme = "auto") {
  const q = new URLSearchParams();
  const base = presets.find((p) => p.id === preset)?.scenario;
  q.set("preset", preset);
  if (seed !== limits.seed.default) q.set("seed", String(seed));
  if (trials !== limits.trials.default) q.set("trials", String(trials));
  if (lang !== "en") q.set("lang", lang);
  if (theme !== defaultTheme) q.set("theme", theme);
  // The preset's own scenario (its keys in any order, as a control may rebuild an object) is
  // no change at all.
  const before = base && settableShape(base) === settableShape(scenario) ? new Map(settable(base).map((x) => [x.dotted, x.value])) : null;
  const same = (a, b) => Object.is(a, b) || (isDrawn(a) && isDrawn(b) && JSON.stringify(a) === JSON.stringify(b));
  const changes = before ? settable(scenario).filter((x) => !same(before.get(x.dotted), x.value)) : [];
  // `set` can say a change only to a number, and only if its path's keys hold none of its
  // separators (a chip named "B200 v1.5" cannot be written as a dotted path); otherwise the
  // whole scenario goes.
  if (base && sameScenario(base, scenario)) {
    // (no change to write)
  } else if (before && changes.every((x) => typeof x.value === "number" && x.keys.every((k) => !/[.,:]/.test(String(k))))) {
    if (changes.length) q.set("set", changes.map((x) => `${x.dotted}:${x.value}`).join(","));
  } else {
    q.set("scenario", base64url(JSON.stringify(scenario)));
  }
  if (q.has("set") || q.has("scenario")) q.set("v", String(VERSION));
  return q.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
}

/** The seed after `seed` in a fixed sequence (SplitMix64, brought into the engine's range
 * `{ min, max }`): a re-roll is reproducible. */
export function nextSeed(seed, { min, max }) {
  let z = (BigInt(seed) + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return min + Number((z ^ (z >> 31n)) % (BigInt(max) - BigInt(min) + 1n));
}
