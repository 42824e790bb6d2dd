#!/usr/bin/env bash
# The one test command (`npm test`): installs what a fresh machine lacks, builds, and runs the
# linter, the unit and contract tests, and the end-to-end tests in Debian's browsers.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
# Each step says when it starts (seconds since this script began), so a slow run shows where.
step() { echo "==> [${SECONDS}s] $*"; }
trap 'echo "==> [${SECONDS}s] end (exit $?)"' EXIT
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH

# Debian packages the tests drive: Chromium and Firefox ESR (Playwright), WebKit's MiniBrowser
# with its WebDriver and a virtual display (the cross-engine tests), nginx (the cluster tests).
MISSING=()
[ -x "$CHROMIUM_PATH" ] || MISSING+=(chromium)
[ -x /usr/bin/firefox-esr ] || MISSING+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || MISSING+=(webkit2gtk-driver)
[ -x /usr/bin/Xvfb ] || MISSING+=(xvfb)
[ -x /usr/sbin/nginx ] || MISSING+=(nginx-light)
if [ ${#MISSING[@]} -gt 0 ]; then
  step "Installing Debian packages: ${MISSING[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${MISSING[@]}"
fi

if [ ! -d node_modules ]; then
  step "Installing npm packages"
  npm ci
fi

step "Lint and format check (Biome)"
npx biome ci .

# Before `next build`: the Vercel CLI builds into .next too, and the tests use next build's output.
step "Vercel readiness (vercel build for a preview, offline; every API route on Node.js)"
node scripts/check-vercel.mjs

step "Production build (includes the type check)"
npx next build

step "Unit and contract tests (Vitest)"
npx vitest run

if [ "${E2E_EXTENDED:-}" = "1" ]; then
  step "End-to-end tests, extended (Playwright: Chromium, Firefox ESR, WebKit; the nginx cluster)"
else
  step "End-to-end tests (Playwright: Chromium, Firefox ESR; npm run test:extended for the rest)"
fi
# Traces cost time on every test and are read on failure only: on when you run playwright yourself.
E2E_TRACE="${E2E_TRACE:-off}" npx playwright test
