#!/usr/bin/env node
// `changeset version` bumps package.json files only; JSR reads packages/deno/deno.json.
// Copies the @luml/deno version into deno.json, and the @luml/core version into its
// npm: import, so both registries publish the same release.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, root), "utf8"));
const denoJsonPath = new URL("packages/deno/deno.json", root);
if (existsSync(denoJsonPath)) {
  const denoJson = JSON.parse(readFileSync(denoJsonPath, "utf8"));
  denoJson.version = read("packages/deno/package.json").version;
  if (denoJson.imports?.["@luml/core"]) {
    denoJson.imports["@luml/core"] =
      `npm:@luml/core@^${read("packages/core/package.json").version}`;
  }
  writeFileSync(denoJsonPath, `${JSON.stringify(denoJson, null, 2)}\n`);
  console.log(`packages/deno/deno.json → ${denoJson.version}`);
}
