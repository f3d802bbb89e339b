// Every string the widget shows, by language: English (i18n-en.js) and Japanese (i18n-ja.js),
// with the same keys. Each language, with the presets' texts in it (presets-ja.js), is loaded
// only by a widget that speaks it (`loadLanguage`): a page downloads the strings it shows.
import { formatter } from "./format.js";

/** The languages the widget speaks; English is the default. */
export const LANGS = ["en", "ja"];
/** Each language's strings, once loaded. */
export const STRINGS = {};
/** The presets' texts by language: English's summaries (presets-en.js, which the site's
 * build writes from the presets' own files), other languages' names and summaries. */
const PRESET_TEXTS = {};

const code = (lang) => (LANGS.includes(lang) ? lang : "en");

/** Loads a language's strings (and its texts of the presets, whose own language is English);
 * resolves when `translator(lang)` can be made. Anything but a language is English. */
export async function loadLanguage(lang) {
  if (STRINGS[code(lang)]) return;
  if (code(lang) === "ja") {
    const [strings, presets] = await Promise.all([import("./i18n-ja.js"), import("./presets-ja.js")]);
    PRESET_TEXTS.ja = presets.PRESETS_JA;
    STRINGS.ja = strings.ja;
  } else {
    // (An unbuilt copy of www/ has no presets-en.js: its presets keep their summaries.)
    const [strings, presets] = await Promise.all([import("./i18n-en.js"), import("./presets-en.js").catch(() => ({}))]);
    PRESET_TEXTS.en = presets.PRESETS_EN ?? {};
    STRINGS.en = strings.en;
  }
}

/** A preset's texts in a language (`{ summary }` in English; `{ name, summary, names }` in
 * another), or null when there are none. */
export const presetText = (lang, id) => PRESET_TEXTS[lang]?.[id] ?? null;

/** The presets' notes in a language other than English, by preset and field: loaded the
 * first time a widget shows its sources ({} for English, whose notes come with the engine's
 * site: simulator.js `notes()`). */
const NOTES = {};
export function presetNotes(lang) {
  if (code(lang) !== "ja") return Promise.resolve({});
  NOTES.ja ??= import("./preset-notes-ja.js").then((m) => m.NOTES_JA).catch(() => ({}));
  return NOTES.ja;
}

/**
 * One language's strings and formatters: `t(key)` gives the string (or the function that
 * phrases it) in that language; `fmt` formats numbers and dates. The language must be
 * loaded (`loadLanguage`).
 * Each widget has its own, so widgets in different languages can share a page.
 * @param {string | null | undefined} lang "en" or "ja"; anything else is English
 * @returns {{ lang: string, t: (key: string) => any, fmt: ReturnType<typeof formatter> }}
 */
export function translator(lang) {
  const strings = STRINGS[code(lang)];
  if (!strings) throw new Error(`the ${code(lang)} strings are not loaded: await loadLanguage("${code(lang)}") first`);
  return Object.freeze({ lang: code(lang), t: (key) => strings[key], fmt: formatter(code(lang)) });
}
