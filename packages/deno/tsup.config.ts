import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  // Deno resolves `node:` modules everywhere; bare names only inside npm packages.
  removeNodeProtocol: false,
  external: ["@luml/core", "node:crypto", "node:http", "node:https", "node:net", "node:tls"],
});
