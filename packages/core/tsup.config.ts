import { defineConfig } from "tsup";

const shared = {
  entry: ["src/index.ts"],
  dts: true,
  sourcemap: true,
  target: "es2022",
} as const;

export default defineConfig([
  { ...shared, format: ["esm"], clean: true },
  // ky is published as ESM only: the CommonJS build carries its own copy so
  // `require("@luml/core")` works without relying on require(esm) interop.
  { ...shared, format: ["cjs"], noExternal: ["ky"] },
]);
