import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { chromiumLaunchOptions } from "../../tests/support/chromium.mjs";
import { sha256WasmBase64 } from "./sha256-wasm-source.mjs";
import { patternBytes } from "./test/hash-cases";

/** Large enough for many progress steps, at 1 MiB a slice. */
const largeSize = 30 * 1024 * 1024;
/** Odd-sized, so chunks never line up with SHA-256 blocks. */
const smallSize = 3_000_001;
const sha256 = (size: number) => createHash("sha256").update(patternBytes(size)).digest("hex");

/**
 * The hashing tests run in the system Chromium, against the built package as a
 * page's bundler sees it. Expected digests come from node:crypto, computed here.
 */
export default defineConfig({
  // Tests that import src/ directly (the incremental hasher) get the build's virtual
  // modules: the SHA-256 WebAssembly, and no worker (src-mode hashing uses none).
  plugins: [
    {
      name: "luml-virtual-modules",
      resolveId: (id) => (id.startsWith("virtual:luml-") ? `\0${id}` : undefined),
      load(id) {
        if (id === "\0virtual:luml-sha256-wasm") {
          return `export const sha256WasmBase64 = ${JSON.stringify(sha256WasmBase64())};`;
        }
        if (id === "\0virtual:luml-hash-worker") {
          return `export const hashWorkerSource = "throw new Error('the hashing worker is built by the package build')";`;
        }
        return undefined;
      },
    },
  ],
  resolve: {
    alias: { "@luml/browser": fileURLToPath(new URL("./dist/index.js", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.browser.test.ts"],
    testTimeout: 60_000,
    provide: {
      hashCases: {
        large: { size: largeSize, sha256: sha256(largeSize) },
        small: { size: smallSize, sha256: sha256(smallSize) },
      },
    },
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: chromiumLaunchOptions,
      }),
      instances: [{ browser: "chromium" }],
    },
  },
});
