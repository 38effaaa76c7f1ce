import { defineConfig } from "tsup";

// The Node parts of the demo compile to dist/; Bun and Deno run their tours from src/.
export default defineConfig({
  entry: ["src/demo.ts", "src/tour-node.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  sourcemap: true,
  clean: true,
  // Vite comes from the workspace root; it is a tool here, never bundled.
  external: ["vite"],
});
