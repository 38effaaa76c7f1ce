/**
 * The suite's adapter for Node and Bun: `@luml/node`'s client, uploads from files
 * on disk, downloads to files on disk, all in a temporary folder.
 */
import { mkdtempSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LumlClient } from "../../../packages/node/dist/index.js";
import type { RuntimeAdapter, SuiteClient } from "../suite/define-runtime-suite.ts";
import { readTestEnvironment } from "../suite/test-environment.ts";

/** An adapter and the clean-up of its temporary folder. */
export interface NodeAdapter {
  adapter: RuntimeAdapter;
  /** Removes every file the cases wrote. */
  cleanup(): Promise<void>;
}

/** The adapter for `runtime` (`node 20`, `node 24`, `bun`). */
export function createNodeAdapter(runtime: string): NodeAdapter {
  const folder = mkdtempSync(join(tmpdir(), "luml-runtime-suite-"));
  let downloads = 0;
  const adapter: RuntimeAdapter = {
    runtime,
    environment: readTestEnvironment((name) => process.env[name]),
    createClient: (options): SuiteClient => new LumlClient(options),
    async makeSource(bytes, fileName) {
      const path = join(folder, fileName);
      await writeFile(path, bytes);
      return path;
    },
    tempPath: (fileName) => join(folder, `download-${++downloads}-${fileName}`),
    async readDownload(result) {
      if (!result.path) throw new Error("The download has no path");
      return new Uint8Array(await readFile(result.path));
    },
  };
  return { adapter, cleanup: () => rm(folder, { recursive: true, force: true }) };
}
