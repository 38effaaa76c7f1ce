/**
 * Imports a TypeScript module from a plain Node script: esbuild bundles it for Node
 * into a temporary file, which is imported and then removed.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * The module at `path`, transpiled and bundled with what it imports.
 * @param {string} path
 * @returns {Promise<Record<string, unknown>>}
 */
export async function importTypeScript(path) {
  const result = await build({
    entryPoints: [path],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    packages: "external",
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`esbuild wrote nothing for ${path}`);
  const directory = await mkdtemp(join(tmpdir(), "luml-edge-"));
  try {
    const modulePath = join(directory, "module.mjs");
    await writeFile(modulePath, code);
    return await import(pathToFileURL(modulePath).href);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
