import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The page's settings come from the LUML_* variables of the environment that runs
// `vite` or `vite build`, API key included: they end up in the page's JavaScript.
export default defineConfig({
  root: fileURLToPath(new URL("./page", import.meta.url)),
  envPrefix: "LUML_",
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
  },
});
