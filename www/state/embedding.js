// What an article adds to the widget's state (state.js): the layout, the reader's controls and
// the journalist's texts; and the messages between an embed frame and the page around it.
// Pure (no DOM): every value is checked here and becomes a value or a note; nothing is markup.
//
//   layout=story|full     story: the headline, the fan chart and the chosen controls, the rest
//                         under "More" (the embeds' default); full: everything (index.html's)
//   controls=<id>[:<min>-<max>],…  the reader's controls in story mode, in order, at most
//                         three (ids in controls.js), each optionally with its slider's range
//                         (inside the control's own: shock-rate:0.5-3); empty: none; default:
//                         the preset's (DEFAULT_CONTROLS)
//   title, dek, headline, note, source, credit   plain text, at most TEXT_MAX characters each;
//                         `headline` replaces the generated sentence (shown smaller under it)
//   annotations=<date> <text>|…  up to five dated notes on the chart (2026-06-01 New rule),
//                         each text plain, at most ANNOTATION_MAX characters
//   origin=<origin>       an embed frame takes messages only from its parent at this origin
//                         (host.js)

import { KEYS } from "./state.js";
import { CONTROLS } from "./controls.js";
import { longestHorizon } from "../engine/engine-defaults.js";

export const LAYOUTS = ["story", "full"];
export const TEXTS = ["title", "dek", "headline", "note", "source", "credit"];
export const TEXT_MAX = 300;
export const MAX_CONTROLS = 3;
export const MAX_ANNOTATIONS = 5;
export const ANNOTATION_MAX = 60;
const CONTROLS_MAX = 200;
const ANNOTATIONS_MAX = 500;
/** Parameters of the page around a frame (Pym.js, Datawrapper), known but not the widget's. */
export const FRAME_KEYS = ["id", "childId", "initialWidth", "parentTitle", "parentUrl", "origin"];
export const EMBED_KEYS = ["layout", "controls", "annotations", ...TEXTS];
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
export function plainText(value, { t }, max = TEXT_MAX) {
  const text = String(value).replace(/\s+/g, " ").trim();
  if ([...text].length > max) return { reason: t("textTooLong")(max) };
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
 * @returns {{ layout: string, controls: string[] | null, ranges: Record<string, [number, number]>, annotations: { date: string, text: string }[], texts: Record<string, string>, notes: string[] }}
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
  /** The chosen controls' ranges, by id: [min, max]. */
  const ranges = {};
  const list = get("controls");
  if (list !== null && list.length > CONTROLS_MAX) ignore("controls", list, t("textTooLong")(CONTROLS_MAX));
  else if (list !== null) {
    controls = [];
    for (const item of list.split(",").map((x) => x.trim()).filter(Boolean)) {
      const [id, range] = item.split(":", 2).map((x) => x.trim());
      if (!ids.includes(id)) ignore("controls", item, t("unknownControl")(ids.join(", ")));
      else if (controls.includes(id)) continue;
      else if (controls.length === MAX_CONTROLS) ignore("controls", item, t("tooManyControls")(MAX_CONTROLS));
      else {
        controls.push(id);
        if (range === undefined) continue;
        const read = readRange(id, range);
        if (read.reason) ignore("controls", item, read.reason(t));
        else ranges[id] = read.range;
      }
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
  const annotations = [];
  const marks = get("annotations");
  if (marks !== null && marks.length > ANNOTATIONS_MAX) ignore("annotations", marks, t("textTooLong")(ANNOTATIONS_MAX));
  else if (marks !== null) {
    for (const item of marks.split("|").map((x) => x.trim()).filter(Boolean)) {
      const found = item.match(/^(\S+)\s+(.+)$/s);
      const checked = found ? readAnnotation(found[1], found[2], tr) : { reason: t("mustBe")(t("anAnnotation")) };
      if (checked.reason) ignore("annotations", item, checked.reason);
      else if (annotations.length === MAX_ANNOTATIONS) ignore("annotations", item, t("tooManyAnnotations")(MAX_ANNOTATIONS));
      else annotations.push(checked.annotation);
    }
  }
  const origin = get("origin");
  if (origin !== null && readOrigin(origin) === null) ignore("origin", origin, t("mustBe")(t("anOrigin")));
  return { layout, controls, ranges, annotations, texts, notes };
}

/** One dated note, checked: `{ annotation: { date, text } }` (whitespace collapsed) or
 * `{ reason }`: a calendar date that exists, and a plain text of at most ANNOTATION_MAX
 * characters without the list's separator `|`. */
export function readAnnotation(date, text, tr) {
  const { t } = tr;
  if (!readDate(String(date)) || !String(text ?? "").trim()) return { reason: t("mustBe")(t("anAnnotation")) };
  if (String(text).includes("|")) return { reason: t("noSeparator") };
  const checked = plainText(text, tr, ANNOTATION_MAX);
  return checked.reason ? checked : { annotation: { date, text: checked.text } };
}

/** A calendar date `YYYY-MM-DD` that exists, or null. */
function readDate(text) {
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isFinite(date.getTime()) && date.toISOString().slice(0, 10) === text ? date : null;
}

/** A control's range `<min>-<max>` (plain decimals), checked against the control's own:
 * `{ range: [min, max] }` or `{ reason: (t) => string }`. */
export function readRange(id, text) {
  const control = CONTROLS.find((c) => c.id === id);
  const found = String(text).match(/^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/);
  // A control whose top depends on the scenario (the training start) is checked against it
  // when shown; here only against the longest horizon the engine takes (once it has loaded:
  // the editor reads its address before).
  const top = typeof control.max === "function" ? longestHorizon() : control.max;
  const [lo, hi] = found ? [Number(found[1]), Number(found[2])] : [NaN, NaN];
  if (!(lo >= control.min && hi <= top && lo < hi)) return { reason: (t) => t("mustBe")(t("aRange")(control.min, top)) };
  return { range: [lo, hi] };
}

/** The `controls` parameter for ids in order, each with its range when it has one. */
export const writeControls = (ids, ranges = {}) => ids.map((id) => (ranges[id] ? `${id}:${ranges[id][0]}-${ranges[id][1]}` : id)).join(",");

/** The `annotations` parameter for a list of { date, text }. */
export const writeAnnotations = (list) => list.map((a) => `${a.date} ${a.text}`).join("|");

/** Notes on parameters nobody reads (`names`: those given; `known`: the ones read). */
export function unknownNames(names, known, { t }) {
  const unknown = [...new Set(names)].filter((n) => !known.includes(n));
  return unknown.slice(0, 5).map((n) => t("ignored")(n.slice(0, 40), "…", t("unknownName")));
}

/** An embed's own parameters as a query (what `readEmbed` read, written back): the layout
 * when `layoutGiven`, the controls with their ranges when chosen, the annotations, the texts. */
export function writeEmbed({ layout, controls, ranges, annotations, texts }, layoutGiven = true) {
  const parts = [];
  if (layoutGiven) parts.push(["layout", layout]);
  if (controls) parts.push(["controls", writeControls(controls, ranges)]);
  if (annotations?.length) parts.push(["annotations", writeAnnotations(annotations)]);
  for (const name of TEXTS) if (texts?.[name]) parts.push([name, texts[name]]);
  return new URLSearchParams(parts).toString();
}
