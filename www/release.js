// The release this page belongs to, which embed code pins (scripts/site.mjs writes the
// version from Cargo.toml into the built copy; "dev" means an unbuilt checkout of www/).
export const RELEASE = "dev";

/** The static chart the build writes beside the pages (scripts/noscript.mjs): the default
 * preset in English at the default seed and futures, `{ file, width, height, alt, lead,
 * preset, lang }`; null in an unbuilt checkout. */
export const STATIC_CHART = null;
