import { defineConfig } from "vitest/config";

/** The Node (20 and 24) and Chromium runs of the behaviour suite. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["node/**/*.test.ts", "chromium/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
