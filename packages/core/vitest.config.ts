import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    typecheck: { include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.test.json" },
  },
});
