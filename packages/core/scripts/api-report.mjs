#!/usr/bin/env node
// The API report of @luml/core, @luml/node, @luml/browser and @luml/deno: every
// exported value and type of each entry point, read from the built packages
// (values: what the built module exports at run time; types: the rest of what its
// .d.ts exports). Each package's report is checked in as `packages/<name>/api-report.md`,
// so every change to the surface shows up in review.
//
//   node packages/core/scripts/api-report.mjs          # write the reports (`pnpm run api-report`)
//   node packages/core/scripts/api-report.mjs --check  # exit 1 with a diff when one differs
//
// Build the packages first (`pnpm run build`).

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** At most this many runtime values in each runtime package's main entry. */
export const maxRuntimeValues = 45;

/** The command that rewrites the reports. */
export const updateCommand = "npx -y pnpm@10.34.9 run api-report";

/** Each package and its entry points: subpath, built module, built declarations. */
export const reportedPackages = [
  {
    name: "@luml/core",
    dir: "core",
    entries: [
      { subpath: ".", module: "dist/index.js", types: "dist/index.d.ts" },
      { subpath: "./internal", module: "dist/internal.js", types: "dist/internal.d.ts" },
    ],
  },
  {
    name: "@luml/node",
    dir: "node",
    runtime: true,
    entries: [{ subpath: ".", module: "dist/index.js", types: "dist/index.d.ts" }],
  },
  {
    name: "@luml/browser",
    dir: "browser",
    runtime: true,
    entries: [{ subpath: ".", module: "dist/index.js", types: "dist/index.d.ts" }],
  },
  {
    name: "@luml/deno",
    dir: "deno",
    runtime: true,
    entries: [{ subpath: ".", module: "dist/index.js", types: "dist/index.d.ts" }],
  },
];

/** The path of a package's checked-in report. */
export function reportPath(pkg) {
  return join(packagesDir, pkg.dir, "api-report.md");
}

/** What a declaration is, in a word: `class`, `function`, `const`, `enum`, `interface`, `type`. */
function kindOf(checker, symbol) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const flags = target.flags;
  const kinds = [];
  if (flags & ts.SymbolFlags.Class) kinds.push("class");
  if (flags & ts.SymbolFlags.Function) kinds.push("function");
  if (flags & ts.SymbolFlags.Enum) kinds.push("enum");
  if (flags & ts.SymbolFlags.Variable) kinds.push("const");
  if (flags & ts.SymbolFlags.Interface && !(flags & ts.SymbolFlags.Class)) kinds.push("interface");
  if (flags & ts.SymbolFlags.TypeAlias) kinds.push("type");
  return kinds.length > 0 ? kinds.join(" + ") : "unresolved";
}

/** One TypeScript program over every built declaration file (one is slow enough). */
let program;

/** The program, holding `typesPath` among its roots. */
function programFor(typesPath) {
  if (program?.getSourceFile(typesPath)) return program;
  const roots = reportedPackages
    .flatMap((pkg) => pkg.entries.map((entry) => join(packagesDir, pkg.dir, entry.types)))
    .filter((path) => existsSync(path));
  program = ts.createProgram([...new Set([...roots, typesPath])], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: [],
    skipLibCheck: true,
    noEmit: true,
  });
  return program;
}

/** Every name a .d.ts exports, with its kind. */
function declaredExports(typesPath) {
  const program = programFor(typesPath);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(typesPath);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${typesPath} declares no module`);
  return new Map(
    checker.getExportsOfModule(module).map((symbol) => [symbol.name, kindOf(checker, symbol)]),
  );
}

/** The surface of one entry point: its runtime values and its type-only names, sorted. */
async function entrySurface(pkg, entry) {
  const modulePath = join(packagesDir, pkg.dir, entry.module);
  const typesPath = join(packagesDir, pkg.dir, entry.types);
  for (const path of [modulePath, typesPath]) {
    if (!existsSync(path)) {
      throw new Error(`${relative(packagesDir, path)} is missing: build ${pkg.name} first`);
    }
  }
  const runtime = Object.keys(await import(pathToFileURL(modulePath).href));
  const declared = declaredExports(typesPath);
  const problems = runtime
    .filter((name) => !declared.has(name))
    .map((name) => `${name} is exported at run time but not declared in ${entry.types}`);
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const values = runtime.map((name) => ({ name, kind: declared.get(name) ?? "undeclared" }));
  const types = [...declared]
    .filter(([name]) => !runtime.includes(name))
    .map(([name, kind]) => ({ name, kind }));
  return { ...entry, values: values.sort(byName), types: types.sort(byName), problems };
}

/** The surface of every entry point of a package. */
export async function packageSurface(pkg) {
  const entries = [];
  for (const entry of pkg.entries) entries.push(await entrySurface(pkg, entry));
  return entries;
}

/** A package's report, as checked in. */
export function renderReport(pkg, entries) {
  const lines = [
    `# API report: ${pkg.name}`,
    "",
    "Every exported value (what the built module exports at run time) and type (the",
    "rest of what its declarations export) of each entry point. A test",
    "(packages/core/test/api-report.test.ts) fails when the built package differs from",
    "this file: review the change, then rebuild and rewrite the reports with",
    `\`${updateCommand}\`.`,
  ];
  for (const entry of entries) {
    const specifier = entry.subpath === "." ? pkg.name : `${pkg.name}/${entry.subpath.slice(2)}`;
    lines.push("", `## \`${specifier}\``, "");
    lines.push(`${entry.values.length} values, ${entry.types.length} types.`, "");
    lines.push("### Values", "");
    for (const { name, kind } of entry.values) lines.push(`- \`${name}\` (${kind})`);
    lines.push("", "### Types", "");
    for (const { name, kind } of entry.types) lines.push(`- \`${name}\` (${kind})`);
  }
  return `${lines.join("\n")}\n`;
}

/** Lines of `expected` and `actual` that differ, as `-`/`+` lines. */
export function diffLines(expected, actual) {
  const before = expected.split("\n");
  const after = actual.split("\n");
  const removed = before.filter((line) => !after.includes(line)).map((line) => `- ${line}`);
  const added = after.filter((line) => !before.includes(line)).map((line) => `+ ${line}`);
  return [...removed, ...added];
}

/**
 * Compares each package's built surface with its checked-in report. Returns one
 * readable problem per difference (empty when all match).
 */
export async function checkReports(packages = reportedPackages) {
  const problems = [];
  for (const pkg of packages) {
    const entries = await packageSurface(pkg);
    for (const entry of entries) {
      for (const problem of entry.problems) problems.push(`${pkg.name}: ${problem}`);
    }
    const main = entries[0];
    if (pkg.runtime && main.values.length > maxRuntimeValues) {
      problems.push(
        `${pkg.name} exports ${main.values.length} runtime values; at most ${maxRuntimeValues}`,
      );
    }
    const path = reportPath(pkg);
    const actual = renderReport(pkg, entries);
    const expected = existsSync(path) ? readFileSync(path, "utf8") : "";
    if (actual !== expected) {
      problems.push(
        [
          `${pkg.name}: the built surface differs from ${relative(join(packagesDir, ".."), path)}`,
          "(- in the report, + in the build):",
          ...diffLines(expected, actual).map((line) => `  ${line}`),
          `If the change is intended, run \`${updateCommand}\` and commit the report.`,
        ].join("\n"),
      );
    }
  }
  return problems;
}

/** Writes every package's report from its build. */
export async function writeReports(packages = reportedPackages) {
  for (const pkg of packages) {
    const entries = await packageSurface(pkg);
    for (const entry of entries) {
      for (const problem of entry.problems) console.warn(`${pkg.name}: ${problem}`);
    }
    writeFileSync(reportPath(pkg), renderReport(pkg, entries));
    const counts = entries.map((entry) => `${entry.subpath} ${entry.values.length} values`);
    console.log(`${relative(join(packagesDir, ".."), reportPath(pkg))}: ${counts.join(", ")}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--check")) {
    const problems = await checkReports();
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) process.exit(1);
    console.log("The API reports match the built packages.");
  } else {
    await writeReports();
  }
}
