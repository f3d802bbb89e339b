// What an article adds to the widget's state (state.js): the layout, the reader's controls and
// the journalist's texts; and the messages between an embed frame and the page around it.
// Pure (no DOM): every value is checked here and becomes a value or a note; nothing is markup.
//
//   layout=story|full     story: the headline, the fan chart and the chosen controls, the rest
//                         under "More" (the embeds' default); full: everything (index.html's)
//   controls=<id>,…       the reader's controls in story mode, in order, at most three (ids in
//                         controls.js); empty: none; default: the preset's (DEFAULT_CONTROLS)
//   title, dek, headline, note, source, credit   plain text, at most TEXT_MAX characters each;
//                         `headline` replaces the generated sentence (shown smaller under it)
//   origin=<origin>       an embed frame takes messages only from its parent at this origin
//                         (host.js)

import { KEYS } from "./state.js";

export const LAYOUTS = ["story", "full"];
export const TEXTS = ["title", "dek", "headline", "note", "source", "credit"];
export const TEXT_MAX = 300;
export const MAX_CONTROLS = 3;
const CONTROLS_MAX = 200;
/** Parameters of the page around a frame (Pym.js, Datawrapper), known but not the widget's. */
export const FRAME_KEYS = ["id", "childId", "initialWidth", "parentTitle", "parentUrl", "origin"];
export const EMBED_KEYS = ["layout", "controls", ...TEXTS];
/** Every parameter the widget reads: the state's (state.js) and the embed's. */
export const PARAMETERS = [...KEYS, ...EMBED_KEYS];

/** The controls a preset shows in story mode unless the embed chooses: its one or two levers
 * that move its answer most. */
export const DEFAULT_CONTROLS = {
  "tencent-datasection": ["shock-rate", "comply"],
  "two-track": ["shock-rate", "relocation"],
  "southeast-asia": ["shock-rate", "comply"],
  "ceo-worst-case": ["duration", "requirement"],
};
const FALLBACK_CONTROLS = ["shock-rate"];

export const defaultControls = (preset) => DEFAULT_CONTROLS[preset] ?? FALLBACK_CONTROLS;

/** Text that looks like markup: a tag, a comment or a character reference. */
const MARKUP = /<\s*[a-z!/?]|&#?[a-z0-9]+;/i;
/** Control characters, other than the whitespace a text may hold. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A journalist's text, checked: `{ text }` (whitespace collapsed) or `{ reason }`. */
export function plainText(value, { t }) {
  const text = String(value).replace(/\s+/g, " ").trim();
  if ([...text].length > TEXT_MAX) return { reason: t("textTooLong")(TEXT_MAX) };
  if (MARKUP.test(text) || CONTROL.test(text)) return { reason: t("textPlain") };
  return { text };
}

/** An `origin` parameter: the origin (`https://news.example`), or null when it is not one. */
export function readOrigin(value) {
  if (typeof value !== "string" || value.length > 300) return null;
  try {
    const { origin, protocol } = new URL(value);
    return /^https?:$/.test(protocol) && origin === value.replace(/\/$/, "") ? origin : null;
  } catch {
    return null;
  }
}

/**
 * Reads the embed's parameters (query parameters or attributes, the same names).
 * @param {(name: string) => string | null} get
 * @param {{ t: Function }} tr the language of the notes
 * @param {{ layout: string, ids: string[] }} options the default layout; the controls' ids
 * @returns {{ layout: string, controls: string[] | null, texts: object, notes: string[] }}
 *   `controls` null: the preset's default
 */
export function readEmbed(get, tr, { layout: fallback, ids }) {
  const { t } = tr;
  const notes = [];
  const ignore = (name, value, reason) => notes.push(t("ignored")(name, String(value).slice(0, 80), reason));
  let layout = fallback;
  const asked = get("layout");
  if (asked !== null) LAYOUTS.includes(asked) ? (layout = asked) : ignore("layout", asked, t("mustBe")(t("layoutChoices")));

  let controls = null;
  const list = get("controls");
  if (list !== null && list.length > CONTROLS_MAX) ignore("controls", list, t("textTooLong")(CONTROLS_MAX));
  else if (list !== null) {
    controls = [];
    for (const id of list.split(",").map((x) => x.trim()).filter(Boolean)) {
      if (!ids.includes(id)) ignore("controls", id, t("unknownControl")(ids.join(", ")));
      else if (controls.length === MAX_CONTROLS) ignore("controls", id, t("tooManyControls")(MAX_CONTROLS));
      else if (!controls.includes(id)) controls.push(id);
    }
  }

  const texts = {};
  for (const name of TEXTS) {
    const value = get(name);
    if (value === null) continue;
    const checked = plainText(value, tr);
    if (checked.reason) ignore(name, value, checked.reason);
    else if (checked.text) texts[name] = checked.text;
  }
  const origin = get("origin");
  if (origin !== null && readOrigin(origin) === null) ignore("origin", origin, t("mustBe")(t("anOrigin")));
  return { layout, controls, texts, notes };
}

/** Notes on parameters nobody reads (`names`: those given; `known`: the ones read). */
export function unknownNames(names, known, { t }) {
  const unknown = [...new Set(names)].filter((n) => !known.includes(n));
  return unknown.slice(0, 5).map((n) => t("ignored")(n.slice(0, 40), "…", t("unknownName")));
}
