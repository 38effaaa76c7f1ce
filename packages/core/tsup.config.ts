import { defineConfig } from "tsup";

const shared = {
  entry: ["src/index.ts", "src/internal.ts"],
  dts: true,
  sourcemap: true,
  target: "es2022",
} as const;

export default defineConfig([
  { ...shared, format: ["esm"], clean: true },
  { ...shared, format: ["cjs"] },
]);
