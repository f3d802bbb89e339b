#!/bin/sh
# Installs what building and testing need, skipping whatever is already there:
# the wasm32 target, wasm-pack, the wasm-bindgen CLI matching Cargo.lock, Chromium, Firefox
# ESR and WebKitGTK with their WebDrivers (Debian packages and crates.io; never a browser
# download), and the npm tools.
set -eu
cd "$(dirname "$0")/.."

say() { printf '%s\n' "setup: $*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

if ! cargo clippy --version >/dev/null 2>&1; then
    say "adding clippy (make test lints the native and WebAssembly builds)"
    rustup component add clippy
fi

# The CLI must be the exact version of the wasm-bindgen crate in Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$WB_VERSION" ]; then
    say "installing wasm-bindgen-cli $WB_VERSION (a few minutes)"
    # --locked builds the versions its release was tested with; where the registry has
    # yanked one of them (0.2.130's lock file names webpki-roots 1.0.11, since yanked), the
    # install falls back to the newest compatible versions, and says so.
    cargo install wasm-bindgen-cli --version "=$WB_VERSION" --locked || {
        say "wasm-bindgen-cli's lock file cannot be used as is; installing with resolved versions"
        cargo install wasm-bindgen-cli --version "=$WB_VERSION"
    }
fi
if ! command -v wasm-pack >/dev/null 2>&1; then
    say "installing wasm-pack (a few minutes)"
    cargo install wasm-pack --locked
fi

# The three browser engines the tests run in, from Debian: Chromium (V8) with ChromeDriver,
# Firefox ESR (SpiderMonkey), and WebKitGTK's WebDriver (JavaScriptCore), which needs a
# display: xvfb. Japanese fonts for the screenshots.
# SETUP_BROWSERS=no skips them (the pages workflow only builds the site).
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
if [ "${SETUP_BROWSERS:-yes}" = no ]; then
    say "skipping the browsers (SETUP_BROWSERS=no)"
elif [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ] || [ ! -d /usr/share/fonts/opentype/noto ] \
    || ! command -v firefox-esr >/dev/null 2>&1 || ! command -v WebKitWebDriver >/dev/null 2>&1 \
    || ! command -v xvfb-run >/dev/null 2>&1 || ! command -v xauth >/dev/null 2>&1; then
    say "installing Chromium, Firefox ESR, WebKitGTK's WebDriver, xvfb and Japanese fonts from Debian"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth fonts-noto-cjk
fi
# valgrind: the work estimate's bound is checked against callgrind's instruction counts
# (scripts/work-bound.mjs), which do not depend on how busy the machine is. A tool of the
# tests, as the browsers are: SETUP_BROWSERS=no (the pages build) skips it too.
if [ "${SETUP_BROWSERS:-yes}" != no ] && ! command -v valgrind >/dev/null 2>&1; then
    say "installing valgrind from Debian"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends valgrind
fi
# Firefox's WebDriver: Debian 12 has no package; crates.io has it (about 3 minutes to build).
if [ "${SETUP_BROWSERS:-yes}" != no ] && ! command -v geckodriver >/dev/null 2>&1; then
    say "installing geckodriver (a few minutes)"
    cargo install geckodriver --locked
fi
# wasm-pack's --safari looks for a `safaridriver` on PATH: WebKitGTK's WebDriver is one.
if command -v WebKitWebDriver >/dev/null 2>&1; then
    mkdir -p target/webdriver
    ln -sf "$(command -v WebKitWebDriver)" target/webdriver/safaridriver
fi

if [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm tools (playwright-core, binaryen, terser, typescript)"
    npm ci --no-audit --no-fund
fi
