import { defineConfig, type Options } from "tsup";
import { sha256WasmBase64 } from "./sha256-wasm-source.mjs";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * Bundles `src/hash-worker.ts` into one self-contained script (without the
 * WebAssembly: the page posts its compiled module) and exposes it as the string
 * `virtual:luml-hash-worker`. The worker then starts from a Blob URL: no separate
 * file for a page's bundler to find, copy or rewrite.
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

/**
 * hash-wasm's SHA-256 WebAssembly (base64, as hash-wasm embeds it), exposed as
 * `virtual:luml-sha256-wasm`: the one copy the package ships, in the chunk a page
 * loads when it first hashes.
 */
const sha256Wasm: EsbuildPlugin = {
  name: "sha256-wasm",
  setup(build) {
    build.onResolve({ filter: /^virtual:luml-sha256-wasm$/ }, (args) => ({
      path: args.path,
      namespace: "luml-sha256-wasm",
    }));
    build.onLoad({ filter: /.*/, namespace: "luml-sha256-wasm" }, () => ({
      contents: `export const sha256WasmBase64 = ${JSON.stringify(sha256WasmBase64())};`,
      loader: "js",
    }));
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
  external: ["@luml/core"],
  // The hashing code is a chunk of its own, loaded on a page's first hash.
  splitting: true,
  esbuildPlugins: [inlineHashWorker, sha256Wasm],
});
