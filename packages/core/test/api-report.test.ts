// The public surface of every package is the one recorded in its api-report.md:
// a name added, removed or changed in kind fails here with the difference, until
// the report is rewritten (and so reviewed). Reads the built packages: run after
// `pnpm run build`.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkReports,
  diffLines,
  maxRuntimeValues,
  packageSurface,
  type ReportedPackage,
  renderReport,
  reportedPackages,
  reportPath,
  updateCommand,
} from "../scripts/api-report.mjs";

/** The plumbing that once leaked through `export *`: never in a package's main entry. */
const plumbing = [
  "createBlobSink",
  "createStreamSink",
  "downloadObject",
  "uploadObject",
  "downloadArtifact",
  "uploadArtifact",
  "statusErrorFor",
  "parseRetryAfter",
  "webPlatform",
  "nodePlatform",
  "browserPlatform",
  "denoPlatform",
  "openSource",
  "openFileSink",
  "createSha256",
  "createXhrStorageAttempt",
  "createDenoStorageAttempt",
  "createHttpModuleAttempt",
  "createTransport",
  "formatLine",
  "hashFile",
];

/** Each package's surface, read once (a TypeScript program per entry point). */
const surfaces = new Map<string, ReturnType<typeof packageSurface>>();
function surfaceOf(pkg: ReportedPackage): ReturnType<typeof packageSurface> {
  let surface = surfaces.get(pkg.name);
  if (!surface) {
    surface = packageSurface(pkg);
    surfaces.set(pkg.name, surface);
  }
  return surface;
}

describe.each(reportedPackages)("$name", (pkg) => {
  it("exports what its api-report.md records", async () => {
    const entries = await surfaceOf(pkg);
    expect(entries.flatMap((entry) => entry.problems)).toEqual([]);
    const actual = renderReport(pkg, entries);
    const path = reportPath(pkg);
    const expected = existsSync(path) ? readFileSync(path, "utf8") : "";
    const message = [
      `${pkg.name}'s built surface differs from ${path} (- report, + build):`,
      ...diffLines(expected, actual),
      `If the change is intended, run \`${updateCommand}\` and commit the report.`,
    ].join("\n");
    expect(actual === expected, message).toBe(true);
  });

  it("keeps plumbing out of its main entry", async () => {
    const [main] = await surfaceOf(pkg);
    const names = main?.values.map((value) => value.name) ?? [];
    expect(names.filter((name) => plumbing.includes(name))).toEqual([]);
    if (pkg.runtime) expect(names.length).toBeLessThanOrEqual(maxRuntimeValues);
  });

  it("gives hashBlob one meaning: (blob, options?) => Promise<hex digest>", async () => {
    const [main] = await surfaceOf(pkg);
    const hashBlob = main?.values.find((value) => value.name === "hashBlob");
    if (!pkg.runtime) {
      expect(hashBlob).toBeUndefined();
      return;
    }
    expect(hashBlob?.kind).toBe("function");
    const { hashBlob: hash } = await import(`../../${pkg.dir}/dist/index.js`);
    expect(hash.length).toBeGreaterThanOrEqual(1);
    expect(hash.length).toBeLessThanOrEqual(2);
  });
});

describe("the checker", () => {
  it("reports a difference with the lines that changed and how to update", async () => {
    const [core] = reportedPackages;
    if (!core) throw new Error("no packages");
    const entries = await surfaceOf(core);
    const [main] = entries;
    if (!main) throw new Error("no entry");
    const altered = [{ ...main, values: [...main.values, { name: "leaked", kind: "function" }] }];
    const actual = renderReport(core, [...altered, ...entries.slice(1)]);
    expect(diffLines(renderReport(core, entries), actual)).toContain("+ - `leaked` (function)");
    expect(await checkReports([])).toEqual([]);
  });
});
