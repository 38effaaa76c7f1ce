import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The page, built as any app using @luml/browser would be: `dist/` is what the server serves.
export default defineConfig({
  root: fileURLToPath(new URL("./page", import.meta.url)),
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
  },
});
