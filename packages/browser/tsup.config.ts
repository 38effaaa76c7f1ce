import { defineConfig, type Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * Bundles `src/hash-worker.ts` (with hash-wasm and its embedded WASM) into one
 * self-contained script and exposes it as the string `virtual:luml-hash-worker`.
 * The worker then starts from a Blob URL: no separate file for a page's bundler
 * to find, copy or rewrite.
 */
const inlineHashWorker: EsbuildPlugin = {
  name: "inline-hash-worker",
  setup(build) {
    build.onResolve({ filter: /^virtual:luml-hash-worker$/ }, (args) => ({
      path: args.path,
      namespace: "luml-hash-worker",
    }));
    build.onLoad({ filter: /.*/, namespace: "luml-hash-worker" }, async () => {
      const result = await build.esbuild.build({
        entryPoints: ["src/hash-worker.ts"],
        bundle: true,
        minify: true,
        format: "iife",
        platform: "browser",
        target: "es2022",
        write: false,
      });
      const code = result.outputFiles[0]?.text ?? "";
      return { contents: `export const hashWorkerSource = ${JSON.stringify(code)};`, loader: "js" };
    });
  },
};

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "browser",
  external: ["@luml/core", "hash-wasm"],
  esbuildPlugins: [inlineHashWorker],
});
