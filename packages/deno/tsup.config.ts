import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  // Deno resolves `node:crypto` everywhere; bare `crypto` only inside npm packages.
  removeNodeProtocol: false,
  external: ["@luml/core", "node:crypto"],
});
