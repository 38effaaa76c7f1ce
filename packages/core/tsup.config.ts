import { defineConfig } from "tsup";

const shared = {
  entry: ["src/index.ts", "src/internal.ts"],
  // index.d.ts here; internal.d.ts below, on its own, so that neither declares
  // its types in a shared chunk (Deno reads a declaration's `./chunk.js`
  // imports literally, and no such JavaScript file exists).
  dts: { entry: ["src/index.ts"] },
  sourcemap: true,
  target: "es2022",
} as const;

export default defineConfig([
  { ...shared, format: ["esm"], clean: true },
  { ...shared, format: ["cjs"] },
  { entry: ["src/internal.ts"], format: ["esm", "cjs"], dts: { only: true } },
]);
