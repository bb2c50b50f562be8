#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test (examples/browser) when it is missing. Needs
# root and apt-get. Playwright's own browser download (`npx playwright install`) cannot reach its
# CDN from here, so the test drives this binary with playwright-core instead.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Chromium is missing: install Debian's 'chromium' package (apt-get install chromium)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Recommended packages (fonts, desktop integration) are not needed by a headless test.
apt-get install -y -qq --no-install-recommends chromium >/dev/null
