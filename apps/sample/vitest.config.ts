import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The e2e files each start a dev server and a browser; one at a time is kinder to the CPU.
    fileParallelism: false,
  },
});
