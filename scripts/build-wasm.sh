#!/bin/sh
# Builds the WebAssembly package into pkg/ (ES module for the web, no bundler), then shrinks
# it with binaryen's wasm-opt from npm. (Debian's older wasm-opt corrupts the externref
# table wasm-bindgen emits, so wasm-pack's own wasm-opt step is off in Cargo.toml.)
set -eu
cd "$(dirname "$0")/.."
# The crate's own code at opt-level 2 (natively it is 3; its dependencies are "z" in both,
# Cargo.toml): as fast as 3 in the browsers and 2 KB gzip smaller. Measured, 100,000 trials
# of the default preset through the page's workers (`RUNS=10 node scripts/bench-engines.mjs`,
# medians): at 3, Chromium 258 ms, Firefox 302, WebKit 469; at 2, 238, 279 and 448; at "s"
# (6 KB smaller again), 268, 486 and 528: SpiderMonkey and JavaScriptCore run the smaller
# code far slower. The numbers are the same at any level: no optimisation changes
# floating-point results.
CARGO_PROFILE_RELEASE_OPT_LEVEL=2 wasm-pack build --target web --release --out-dir pkg --no-pack
# --low-memory-unused lets wasm-opt fold address arithmetic into load and store offsets
# (1.4 KB gzip less): it assumes nothing reads or writes below address 1024. Rust puts the
# 1 MB stack first, growing down towards 0, so only a stack within 1 KB of overflowing
# would; nothing in the engine recurses deeply (the scenario walker stops at depth 16,
# serde_json at 128). --converge runs the passes again until the module stops shrinking:
# 62 bytes less by gzip -9 (26 by the budget's measure), 5 s more, the same speed.
node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers \
    --enable-reference-types --enable-multivalue --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    pkg/compute_shock_bg.wasm -o pkg/compute_shock_bg.wasm
printf 'built pkg/: wasm %s bytes, %s gzipped\n' \
    "$(wc -c < pkg/compute_shock_bg.wasm)" "$(gzip -9 -c pkg/compute_shock_bg.wasm | wc -c)"
