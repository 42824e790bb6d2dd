#!/usr/bin/env bash
# The one test command (`npm test`): installs what a fresh machine lacks, builds, and runs the
# linter, the unit and contract tests, and the end-to-end tests in Debian's browsers.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
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
  echo "==> Installing Debian packages: ${MISSING[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${MISSING[@]}"
fi

if [ ! -d node_modules ]; then
  echo "==> Installing npm packages"
  npm ci
fi

echo "==> Lint and format check (Biome)"
npx biome ci .

# Before `next build`: the Vercel CLI builds into .next too, and the tests use next build's output.
echo "==> Vercel readiness (vercel build for a preview, offline; every API route on Node.js)"
node scripts/check-vercel.mjs

echo "==> Production build (includes the type check)"
npx next build

echo "==> Unit and contract tests (Vitest)"
npx vitest run

echo "==> End-to-end tests (Playwright: Chromium, Firefox ESR; WebKit in the cross-engine tests)"
npx playwright test
