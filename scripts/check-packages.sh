#!/usr/bin/env bash
# Packs every publishable package exactly as `changeset publish` would (pnpm pack
# rewrites workspace:* ranges) and lints the tarballs: publint for the manifest and
# file layout, attw for how the types resolve under node10/node16/bundler.
# Dual ESM/CJS packages are held to attw's strict profile; ESM-only ones to esm-only.
# Prints one line per check and exits non-zero if any failed.
# Usage: bash scripts/check-packages.sh [--no-build]
set -uo pipefail
cd "$(dirname "$0")/.."

pnpm_cmd=(npx -y pnpm@10.34.9)
# "directory:attw-profile" for every package that is published.
packages=("core:strict" "node:strict" "browser:esm-only" "deno:esm-only" "dev-server:esm-only")

if [[ "${1:-}" != "--no-build" ]]; then
  "${pnpm_cmd[@]}" run build --output-logs=errors-only || { echo "✘ build failed"; exit 1; }
fi

pack_dir="$(mktemp -d "${TMPDIR:-/tmp}/luml-check-packages.XXXXXX")"
trap 'rm -rf "$pack_dir"' EXIT

passed=0
failed=0
report() {
  if [[ "$1" == 0 ]]; then
    echo "✔ $2"
    passed=$((passed + 1))
  else
    echo "✘ $2"
    failed=$((failed + 1))
  fi
}

for entry in "${packages[@]}"; do
  dir="${entry%%:*}"
  profile="${entry##*:}"
  echo "── packages/$dir"
  tarball="$("${pnpm_cmd[@]}" --dir "packages/$dir" pack --pack-destination "$pack_dir" 2>/dev/null | grep '\.tgz$' | tail -n 1)"
  if [[ -z "$tarball" || ! -f "$tarball" ]]; then
    report 1 "pack packages/$dir"
    continue
  fi
  node_modules/.bin/publint run "$tarball" --strict
  report $? "publint packages/$dir"
  node_modules/.bin/attw "$tarball" --profile "$profile" --format table-flipped --no-emoji --no-color
  report $? "attw --profile $profile packages/$dir"
done

echo "check-packages: $passed passed, $failed failed"
[[ "$failed" == 0 ]]
