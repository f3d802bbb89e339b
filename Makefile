# compute-shock
#   make demo   set up what is missing, build, and serve the page on 127.0.0.1
#   make test   set up what is missing, then run every test (native, wasm, browser)
# Set-up (scripts/setup.sh) installs the wasm32 target, wasm-pack, the matching
# wasm-bindgen CLI, Debian's Chromium and ChromeDriver, and the npm tools, when missing.

PORT ?= 8000
CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMEDRIVER

.PHONY: demo test setup build site site-test lint test-native test-wasm test-js test-size test-e2e bench golden readme types

demo: site
	node scripts/serve.mjs $(PORT) site

test: setup
	$(MAKE) lint test-native test-work test-js test-wasm site test-size test-e2e

setup:
	./scripts/setup.sh

build: setup
	./scripts/build-wasm.sh
	cargo build --release --locked

# site/: the page, the embed page, the element script and pkg/ side by side, with the
# no-script fallback written in; any static server can host it (the pages workflow does).
site: build
	node scripts/site.mjs site

# Clippy over the native build with its tests and over the page's WebAssembly build (whose
# code the native build does not see: src/wasm/), warnings as errors.
lint:
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --features test-hooks -- -D warnings

test-native:
	cargo test --locked
	cargo test --locked --features ts --test types

# types/engine.d.ts, the TypeScript declarations of what crosses the WebAssembly boundary, from
# the Rust types (tests/types.rs), after a deliberate change to one of them.
types:
	WRITE_TYPES=1 cargo test --locked --features ts --test types

# The work estimate a trial is an upper bound of its cost: callgrind's instructions a trial
# over 60 generated scenarios (seeds the estimate was not fitted on), the presets, the small
# bench and a pathological one never exceed it (scripts/work-bound.mjs; about 90 s).
test-work:
	cargo build --release --locked
	cargo build --release --locked --example work
	node scripts/work-bound.mjs 40 20 2001 --bound 1

site-test: setup
	CARGO_PROFILE_RELEASE_OPT_LEVEL=2 wasm-pack build --target web --release --out-dir target/pkg-test --no-pack -- --features test-hooks
	node scripts/site.mjs target/site-test target/pkg-test

# The page's pure modules (URL state, formatting, the headline, the charts) under node --test;
# the sensitivity's tests run the built engine (pkg/) in Node.js, so the build comes first.
test-js: build
	node --test tests/js/
	npx tsc -p tsconfig.json

# The wasm API under Node.js and in three browser engines: Chromium (webdriver.json holds its
# flags), Firefox ESR and WebKitGTK (under a virtual display); each compares with the native
# command's golden output byte for byte.
test-wasm:
	wasm-pack test --node
	WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome
	WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --firefox
	PATH="$(CURDIR)/target/webdriver:$$PATH" WASM_BINDGEN_USE_BROWSER=1 xvfb-run -a wasm-pack test --headless --safari

# The page's gzipped transfer size against its budget (scripts/size-budget.mjs).
test-size:
	node scripts/size-budget.mjs

# Native, Node.js and Chromium timings in one run (README, "Performance"), then the engine
# beside Squiggle and two hand-written loops on one small model, each making the same named
# outputs (scripts/bench-peers.mjs).
bench: build
	node scripts/bench.mjs 1000,10000,100000 3
	node scripts/bench-peers.mjs 100000 5

# The page in Chromium (including a 2,000-change soak), and a pass in Firefox and WebKit
# (engines.test.mjs); screenshots land in test-results/.
# One test needs the engine's test-only exports: target/site-test has that build of pkg/.
test-e2e: site-test
	node --test --test-concurrency=1 tests/e2e/

# Rewrites the README's console outputs from the commands they show (tests/readme.rs checks
# them), and docs/MODEL.md's preset tables from the runs they quote (tests/js/model-doc.test.mjs).
readme: build
	python3 scripts/readme-outputs.py
	node scripts/model-figures.mjs

# Regenerates the native summaries the wasm and browser tests compare against.
golden:
	cargo run --release --locked -- run --preset ceo-worst-case --trials 1000 --seed 7 --out tests/golden/ceo-worst-case-1000-seed7.json
	cargo run --release --locked -- run --preset two-track --trials 300 --seed 12345 --out tests/golden/two-track-300-seed12345.json
	cargo run --release --locked -- run --preset two-track --trials 300 --seed 12345 --format csv --start-date 2026-12-30 --out tests/golden/two-track-300-seed12345.csv
