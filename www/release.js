// The release this page belongs to, which embed code pins (scripts/site.mjs writes the
// version from Cargo.toml into the built copy; "dev" means an unbuilt checkout of www/).
export const RELEASE = "dev";
