// The static editions the build writes beside the pages (scripts/noscript.mjs `editions`):
// each preset in each language, drawn from the native command's default run (seed 1, 10,000
// futures), `[{ file, width, height, alt, lead, preset, lang, default }]` (`default`: the
// default preset's). The element's snippet shows the one the embed shows inside
// <compute-shock> (element-code.js). Empty in an unbuilt checkout (scripts/site.mjs writes
// the built one). Apart from release.js, which every reader loads: only the editor needs it.
export const STATIC_EDITIONS = [];
