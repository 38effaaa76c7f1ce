/**
 * `import { LumlClient } from "@luml/core"`, bundled for workerd as Wrangler would
 * (`workerd`, `worker`, `browser` conditions; no Node), must take core's ESM build and
 * contain no WebAssembly compiled from bytes and no Node built-in.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundleForEdge } from "./host/bundle-for-edge.mjs";
import { findForbiddenEdgeApis } from "./host/forbidden-edge-apis.mjs";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe("a workerd bundle of @luml/core", () => {
  it("resolves @luml/core to its ESM build", async () => {
    const bundle = await bundleForEdge(fixture("luml-core-entry.ts"), "workerd");
    const coreInputs = Object.keys(bundle.metafile.inputs).filter((input) =>
      input.includes("packages/core/"),
    );
    expect(
      coreInputs.filter((input) => input.endsWith("packages/core/dist/index.js")),
    ).toHaveLength(1);
    expect(coreInputs.filter((input) => input.endsWith(".cjs"))).toEqual([]);
    // The client is really in it, with its edge paths: not an empty shell to pass the check.
    expect(bundle.code).toContain("downloadStream(artifactId");
    expect(bundle.code).toContain("DigestStream");
    expect(bundle.code).toContain("FixedLengthStream");
  });

  it.each(["workerd", "edge-runtime"] as const)(
    "takes the ESM build even for a require() (%s's conditions come before require)",
    async (runtime) => {
      const bundle = await bundleForEdge(fixture("luml-core-required.cjs"), runtime);
      const coreInputs = Object.keys(bundle.metafile.inputs).filter((input) =>
        input.includes("packages/core/dist/"),
      );
      expect(coreInputs.some((input) => input.endsWith("packages/core/dist/index.js"))).toBe(true);
      expect(coreInputs.filter((input) => input.endsWith(".cjs"))).toEqual([]);
    },
  );

  it("compiles no WebAssembly at run time and imports nothing from Node", async () => {
    const bundle = await bundleForEdge(fixture("luml-core-entry.ts"), "workerd");
    expect(findForbiddenEdgeApis(bundle)).toEqual([]);
  });

  it("the check finds WebAssembly compiled from bytes and Node imports where they are", async () => {
    const bundle = await bundleForEdge(fixture("forbidden-module.ts"), "workerd");
    expect(findForbiddenEdgeApis(bundle)).toEqual([
      "WebAssembly compiled at run time: WebAssembly.compile",
      "WebAssembly compiled at run time: WebAssembly.instantiate",
      'node: module in the code: from "node:crypto"',
      "Node built-in imported: node:crypto",
      "Node built-in imported: fs/promises",
    ]);
  });
});
