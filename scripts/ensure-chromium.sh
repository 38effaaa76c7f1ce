#!/usr/bin/env bash
# The browser suites drive the system Chromium (Playwright cannot download its own
# browsers everywhere). Install it from the distribution when we can.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium (apt-get install chromium)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium is missing at /usr/bin/chromium; install it (e.g. sudo apt-get install chromium) to run the browser suites." >&2
fi
