import { defineConfig } from "vitest/config";

/**
 * The edge runs: the workerd bundle check, and the behaviour suite in workerd and
 * edge-runtime, each driven from Node. Cases share one dev server and its fault
 * rules, so files and cases run one at a time.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
