// The widget's state in a URL query (and in the custom element's attributes), version 1:
//
//   preset=<id>          a built-in scenario (default: the first)
//   seed=<integer>       0 to 2^53 - 1 (default 1)
//   trials=<integer>     1 to 1,000,000 (default 10,000)
//   lang=en|ja           (default en)
//   theme=light|dark|auto (default auto)
//   set=<path>:<number>,…  numbers changed from the preset, paths dotted with indices:
//                        set=shocks.0.comply_probability:0.5,requirement_b200e:15000
//   scenario=<base64url JSON>  a whole scenario, when the change is more than numbers
//                        (sites added or removed, names edited); `set` applies on top
//   v=1                  the version of this encoding
//
// Anything invalid is dropped with a note for the reader; nothing here is ever markup.
import { LANGS, t } from "./i18n.js";

export const VERSION = 1;
export const THEMES = ["light", "dark", "auto"];
export const KEYS = ["preset", "seed", "trials", "lang", "theme", "set", "scenario", "v"];
const MAX_SEED = 2 ** 53 - 1;
const MAX_TRIALS = 1_000_000;
const MAX_PARAM = 20_000;

const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

/** Numeric leaves of a scenario: Map of dotted path → number. */
export function numbers(scenario, prefix = "", out = new Map()) {
  if (typeof scenario === "number") out.set(prefix, scenario);
  else if (Array.isArray(scenario)) scenario.forEach((x, i) => numbers(x, prefix ? `${prefix}.${i}` : String(i), out));
  else if (isObject(scenario)) for (const [k, x] of Object.entries(scenario)) numbers(x, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** A dotted path (`sites.0.gpus`) in the form error messages use (`sites[0].gpus`). */
export const bracketed = (path) => path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");

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

/** Follows a dotted path; returns [parent, key] when the path names a number. */
export function locate(obj, path) {
  const keys = path.split(".");
  let node = obj;
  for (const k of keys.slice(0, -1)) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, k)) return null;
    node = node[k];
  }
  const last = keys.at(-1);
  return node && typeof node === "object" && Object.hasOwn(node, last) && typeof node[last] === "number" ? [node, last] : null;
}

/**
 * Reads state from query parameters (or attributes, the same names).
 * @param {(name: string) => string | null} get
 * @param {{ id: string, scenario: object }[]} presets
 * @returns {{ preset, seed, trials, lang, theme, scenario, notes: string[] }}
 */
export function readState(get, presets) {
  const notes = [];
  const ignore = (name, value, reason) => notes.push(t("ignored")(name, String(value).slice(0, 80), reason));
  const state = { preset: presets[0].id, seed: 1, trials: 10_000, lang: "en", theme: "auto", scenario: null, notes };

  const lang = get("lang");
  if (lang !== null) LANGS.includes(lang) ? (state.lang = lang) : ignore("lang", lang, t("mustBe")(t("langChoices")));
  const theme = get("theme");
  if (theme !== null) THEMES.includes(theme) ? (state.theme = theme) : ignore("theme", theme, t("mustBe")(t("themeChoices")));
  const preset = get("preset");
  if (preset !== null) {
    if (presets.some((p) => p.id === preset)) state.preset = preset;
    else ignore("preset", preset, t("unknownPreset")(presets.map((p) => p.id).join(", ")));
  }
  const int = (name, max, min) => {
    const v = get(name);
    if (v === null) return undefined;
    if (/^\d{1,16}$/.test(v) && Number(v) >= min && Number(v) <= max) return Number(v);
    ignore(name, v, t("mustBe")(t("intRange")(min, max)));
    return undefined;
  };
  state.seed = int("seed", MAX_SEED, 0) ?? state.seed;
  state.trials = int("trials", MAX_TRIALS, 1) ?? state.trials;
  const v = get("v");
  if (v !== null && v !== String(VERSION)) ignore("v", v, t("mustBe")(String(VERSION)));

  let scenario = structuredClone(presets.find((p) => p.id === state.preset).scenario);
  const whole = get("scenario");
  if (whole !== null) {
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
      const at = i > 0 ? locate(scenario, path) : null;
      if (!at) ignore("set", item, t("mustBe")(t("aNumberField")));
      else if (text.trim() === "" || !Number.isFinite(value)) ignore("set", item, t("mustBe")(t("aNumber")));
      else at[0][at[1]] = value;
    }
  }
  state.scenario = scenario;
  return state;
}

/** The query for a state: only what differs from the defaults, so links stay short. */
export function writeState({ preset, seed, trials, lang, theme, scenario }, presets) {
  const q = new URLSearchParams();
  const base = presets.find((p) => p.id === preset)?.scenario;
  q.set("preset", preset);
  if (seed !== 1) q.set("seed", String(seed));
  if (trials !== 10_000) q.set("trials", String(trials));
  if (lang !== "en") q.set("lang", lang);
  if (theme !== "auto") q.set("theme", theme);
  if (base && shape(base) === shape(scenario)) {
    const before = numbers(base);
    const changes = [...numbers(scenario)].filter(([path, x]) => !Object.is(before.get(path), x));
    if (changes.length) q.set("set", changes.map(([path, x]) => `${path}:${x}`).join(","));
  } else {
    q.set("scenario", base64url(JSON.stringify(scenario)));
  }
  if (q.has("set") || q.has("scenario")) q.set("v", String(VERSION));
  return q.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
}
