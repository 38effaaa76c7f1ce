#!/usr/bin/env node
// Fails when a public symbol of a published package has no TSDoc.
// TypeDoc ignores `validation.notDocumented` in the multi-package ("packages") mode the
// root typedoc.json uses for the site, so each package is checked on its own here.
//
// Usage: node scripts/check-docs.mjs [package ...] [--skip package[,package]]
//   With no package names, every published package is checked.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const allPackages = ["core", "node", "browser", "deno"];
const root = fileURLToPath(new URL("../", import.meta.url));
const typedoc = fileURLToPath(new URL("../node_modules/typedoc/bin/typedoc", import.meta.url));

const { requested, skipped } = parseArguments(process.argv.slice(2));
const packages = (requested.length > 0 ? requested : allPackages).filter(
  (name) => !skipped.has(name),
);

const failed = [];
for (const name of packages) {
  const directory = `${root}packages/${name}`;
  if (!existsSync(`${directory}/src/index.ts`)) {
    console.error(`check-docs: no package at packages/${name}`);
    process.exit(2);
  }
  console.log(`check-docs: @luml/${name}`);
  // Run inside the package so the root typedoc.json (packages mode) is not picked up.
  const result = spawnSync(
    process.execPath,
    [
      typedoc,
      "--entryPointStrategy",
      "resolve",
      "--entryPoints",
      "src/index.ts",
      "--tsconfig",
      "tsconfig.json",
      "--readme",
      "none",
      "--excludePrivate",
      "--excludeInternal",
      "--excludeExternals",
      "--skipErrorChecking",
      "--disableGit",
      "--sourceLinkTemplate",
      "https://github.com/luml-ai/luml-ts/blob/main/{path}#L{line}",
      "--validation.notExported",
      "--validation.invalidLink",
      "--validation.notDocumented",
      "--treatWarningsAsErrors",
      "--emit",
      "none",
    ],
    { cwd: directory, stdio: "inherit" },
  );
  if (result.status !== 0) failed.push(name);
}

for (const name of skipped) console.log(`check-docs: @luml/${name} skipped`);
if (failed.length > 0) {
  console.error(
    `check-docs: undocumented public symbols in ${failed.map((name) => `@luml/${name}`).join(", ")}`,
  );
  process.exit(1);
}
console.log(`check-docs: ${packages.length} package(s) fully documented`);

function parseArguments(argv) {
  const requested = [];
  const skipped = new Set();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--skip" || argument.startsWith("--skip=")) {
      const value = argument === "--skip" ? argv[++index] : argument.slice("--skip=".length);
      for (const name of (value ?? "").split(",").filter(Boolean)) skipped.add(name);
    } else {
      requested.push(argument);
    }
  }
  for (const name of [...requested, ...skipped]) {
    if (!allPackages.includes(name)) {
      console.error(
        `check-docs: unknown package "${name}" (expected one of ${allPackages.join(", ")})`,
      );
      process.exit(2);
    }
  }
  return { requested, skipped };
}
