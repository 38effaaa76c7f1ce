#!/usr/bin/env bash
# `deno publish --dry-run` of @luml/deno (type check, slow types, file list) before
# @luml/core is on npm: the package is copied out of the pnpm workspace, where Deno
# resolves `npm:@luml/core` from a node_modules holding the local build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/luml-jsr.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
cp -r "$root/packages/deno/"{deno.json,README.md,LICENSE,src} "$dir/"
mkdir -p "$dir/node_modules/@luml"
ln -s "$root/packages/core" "$dir/node_modules/@luml/core"
ln -s "$root/node_modules/@types" "$dir/node_modules/@types"
echo '{ "private": true, "dependencies": { "@luml/core": "*" } }' >"$dir/package.json"
cd "$dir"
DENO_NO_UPDATE_CHECK=1 "$root/node_modules/.bin/deno" publish --dry-run --allow-dirty --node-modules-dir=manual
