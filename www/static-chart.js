// The static chart the build writes beside the pages (scripts/noscript.mjs), which the
// element's snippet shows inside <compute-shock> where it is what the embed shows: the
// default preset in English at the default seed and futures, `{ file, width, height, alt,
// lead, preset, lang }`; null in an unbuilt checkout (scripts/site.mjs writes the built one).
// Apart from release.js, which every reader loads: only the editor needs it.
export const STATIC_CHART = null;
