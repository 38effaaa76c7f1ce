#!/usr/bin/env bash
# Releases the packages whose versions `changeset version` bumped.
#
# The flow:
#   1. contributors add `.changeset/*.md` files with their changes;
#   2. `pnpm run version-packages` (changeset version + deno.json sync) bumps versions and
#      writes CHANGELOGs; commit that;
#   3. `pnpm release` (this script) builds, lints, runs every test suite, checks the
#      packed packages (publint, attw), smoke-tests the tarballs in fresh projects, then
#      runs `changeset publish`, which publishes every package whose version is not on
#      npm yet and creates the git tags. Push the tags afterwards.
# Needs an npm login (or NPM_TOKEN) with publish rights on the @luml scope.
# Pass --dry-run to run every check and stop before publishing.
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_cmd=(npx -y pnpm@10.34.9)

if [[ -n "$(ls .changeset/*.md 2>/dev/null | grep -v README.md || true)" ]]; then
  echo "Unreleased changesets remain: run 'pnpm run version-packages' and commit first." >&2
  exit 1
fi

"${pnpm_cmd[@]}" run build --output-logs=errors-only
"${pnpm_cmd[@]}" exec biome ci .
"${pnpm_cmd[@]}" run test:all
bash scripts/check-packages.sh --no-build
node scripts/smoke/run.mjs
"${pnpm_cmd[@]}" run docs

if [[ "${1:-}" == "--dry-run" ]]; then
  echo "All checks passed; not publishing (--dry-run)."
  exit 0
fi
"${pnpm_cmd[@]}" exec changeset publish
