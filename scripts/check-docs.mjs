#!/usr/bin/env node
// Checks the API reference of each published package, as its users read it:
//   - every public symbol has TSDoc (TypeDoc's `notDocumented`, `notExported` and
//     `invalidLink` validations; warnings are failures);
//   - every public method of every public class, and every exported function, has
//     an `@example`;
//   - every "Defined in" link points at a TypeScript source under packages/*/src on
//     GitHub, never at `dist` or `node_modules`.
// TypeDoc ignores `validation.notDocumented` in the multi-package ("packages") mode the
// root typedoc.json uses for the site, so each package is converted on its own here,
// with the same source options as the site (see `packageOptions` in typedoc.json).
//
// Usage: node scripts/check-docs.mjs [package ...] [--skip package[,package]]
//   With no package names, every published package is checked.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Application, Converter, ReflectionKind, TSConfigReader } from "typedoc";
import ts from "typescript";

const allPackages = ["core", "node", "browser", "deno"];
const root = fileURLToPath(new URL("../", import.meta.url));
const site = JSON.parse(readFileSync(`${root}typedoc.json`, "utf8"));
// The site's `compilerOptions.paths` (core's sources for `@luml/core`) are relative to
// the directory TypeDoc runs in: the repository's root, as for `pnpm run docs`.
process.chdir(root);
const sourceFile = /\/packages\/[a-z-]+\/src\/[^/].*\.ts$/;
const sourceUrl =
  /^https:\/\/github\.com\/luml-ai\/luml-ts\/blob\/main\/packages\/[a-z-]+\/src\/[^#]+\.ts#L\d+$/;

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
  const problems = await checkPackage(directory);
  for (const problem of problems) console.error(`  ${problem}`);
  if (problems.length > 0) failed.push(name);
}

for (const name of skipped) console.log(`check-docs: @luml/${name} skipped`);
if (failed.length > 0) {
  console.error(
    `check-docs: the reference of ${failed.map((name) => `@luml/${name}`).join(", ")} is incomplete (above)`,
  );
  process.exit(1);
}
console.log(
  `check-docs: ${packages.length} package(s) fully documented, with examples and source links`,
);

/** Converts one package as the site does and returns what its reference lacks. */
async function checkPackage(directory) {
  const { compilerOptions, gitRevision, sourceLinkTemplate } = site.packageOptions;
  // A package's own typedoc.json, which the site merges in too.
  const own = existsSync(`${directory}/typedoc.json`)
    ? JSON.parse(readFileSync(`${directory}/typedoc.json`, "utf8"))
    : {};
  // Only the options given here and the package's tsconfig: the root typedoc.json
  // (packages mode) is not read.
  const app = await Application.bootstrapWithPlugins(
    {
      plugin: site.plugin ?? [],
      entryPointStrategy: "resolve",
      entryPoints: [`${directory}/src/index.ts`],
      tsconfig: `${directory}/tsconfig.json`,
      compilerOptions,
      intentionallyNotExported: own.intentionallyNotExported ?? [],
      gitRevision,
      sourceLinkTemplate,
      displayBasePath: root,
      readme: "none",
      excludePrivate: true,
      excludeInternal: true,
      excludeExternals: true,
      skipErrorChecking: true,
      validation: { notExported: true, invalidLink: true, notDocumented: true },
      treatWarningsAsErrors: true,
    },
    [new TSConfigReader()],
  );
  // A class exported with `export type` (the resources: users reach them as
  // `luml.artifacts`, never construct them) is shown as an interface; its methods
  // are public all the same.
  const classes = new Set();
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    const declarations = context.getSymbolFromReflection(reflection)?.declarations ?? [];
    if (declarations.some((declaration) => ts.isClassDeclaration(declaration))) {
      classes.add(reflection);
    }
  });
  const project = await app.convert();
  if (!project) return ["TypeDoc could not convert the package (errors above)"];
  app.validate(project);
  const problems = [];
  const untracked = untrackedSources(project);
  for (const file of untracked) {
    console.log(`  note: ${file} is not in git yet, so its "Defined in" links are missing`);
  }
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    problems.push("TypeDoc reported undocumented, unexported or broken references (above)");
  }
  for (const name of methodsWithoutExample(project, classes)) problems.push(`no @example: ${name}`);
  for (const link of badSourceLinks(project, untracked))
    problems.push(`"Defined in" not a source: ${link}`);
  return problems;
}

/** Public methods of public classes, and exported functions, with no `@example`. */
function methodsWithoutExample(project, classes) {
  const missing = [];
  const hasExample = (reflection) =>
    (reflection.signatures ?? []).some((signature) =>
      signature.comment?.blockTags.some((tag) => tag.tag === "@example"),
    ) || reflection.comment?.blockTags.some((tag) => tag.tag === "@example");
  for (const reflection of project.getReflectionsByKind(ReflectionKind.Function)) {
    if (!hasExample(reflection)) missing.push(`${reflection.getFriendlyFullName()}()`);
  }
  for (const owner of classes) {
    if (!project.getReflectionById(owner.id)) continue; // converted, then left out
    for (const method of owner.children ?? []) {
      if (!method.kindOf(ReflectionKind.Method)) continue;
      if (method.flags.isPrivate || method.flags.isProtected || method.inheritedFrom) continue;
      if (!hasExample(method)) missing.push(`${owner.name}.${method.name}()`);
    }
  }
  return missing.sort();
}

/**
 * Package sources that have no link because git does not know them yet (TypeDoc
 * links only files in the repository): a new file before its first commit.
 */
function untrackedSources(project) {
  const files = new Set();
  for (const reflection of Object.values(project.reflections)) {
    for (const source of reflection.sources ?? []) {
      if (source.url === undefined && sourceFile.test(source.fullFileName)) {
        files.add(source.fullFileName.slice(root.length));
      }
    }
  }
  return files;
}

/** Source links that do not point at packages/<name>/src/<file>.ts on GitHub. */
function badSourceLinks(project, untracked) {
  const bad = new Set();
  for (const reflection of Object.values(project.reflections)) {
    for (const source of reflection.sources ?? []) {
      if (untracked.has(source.fullFileName.slice(root.length))) continue;
      if (source.url === undefined || !sourceUrl.test(source.url)) {
        bad.add(`${reflection.getFriendlyFullName()} → ${source.url ?? source.fullFileName}`);
      }
    }
  }
  return [...bad].sort();
}

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
