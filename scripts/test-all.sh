#!/usr/bin/env bash
# Builds every package and runs every test suite: unit and contract tests per
# package, then the behaviour suite in each runtime. Prints each runner's summary
# and a total line; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
exec node scripts/run-suites.mjs "$@"
