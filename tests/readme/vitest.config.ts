import { defineConfig } from "vitest/config";

/** The root README's runnable examples, run as written against a dev server. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["*.test.ts"],
    globalSetup: ["../support/dev-server-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
