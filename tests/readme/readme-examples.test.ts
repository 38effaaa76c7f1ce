// The root README's runnable examples (```ts runnable blocks), run as written: type
// checked against the built packages, then run by Node in a fresh folder holding a
// sample model, against a dev server, with LUML_API_KEY and LUML_BASE_URL set.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeSampleModel } from "../../apps/sample/src/make-sample-model.ts";
// `inject("lumlDevServer")` is typed there.
import type {} from "../support/dev-server-setup.ts";
import { type CodeBlock, runnableBlocks } from "./runnable-blocks.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const blocks = runnableBlocks(await readFile(join(root, "README.md"), "utf8"));

const server = inject("lumlDevServer");
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-readme-"));
  // The folder resolves the packages as an installed project would, from its node_modules.
  await mkdir(join(folder, "node_modules", "@luml"), { recursive: true });
  for (const name of ["node", "core"]) {
    await symlink(join(root, "packages", name), join(folder, "node_modules", "@luml", name), "dir");
  }
  await writeFile(join(folder, "package.json"), JSON.stringify({ type: "module" }));
  // What the README asks for: a model archive with an F1 metric, as the demo builds them.
  await makeSampleModel(folder, {
    name: "model",
    metrics: { accuracy: 0.9, F1: 0.88, N_SAMPLES: 500 },
    weightsSize: 64 * 1024,
  });
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Type-checks the blocks as strict TypeScript against the built packages' declarations. */
function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

/** Runs a script with Node in the folder; resolves with its exit code and output. */
function runNode(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], {
      cwd: folder,
      env: { ...process.env, LUML_API_KEY: server.apiKey, LUML_BASE_URL: server.baseUrl },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function writeBlock(block: CodeBlock): Promise<string> {
  const path = join(folder, `readme-line-${block.line}.ts`);
  await writeFile(path, block.code);
  return path;
}

describe("README.md", () => {
  it("has runnable examples", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it("type-checks its runnable examples", async () => {
    const files = await Promise.all(blocks.map(writeBlock));
    expect(typeErrors(files)).toEqual([]);
  });

  it.each(blocks.map((block) => [block.line, block] as const))(
    "runs the example at line %i as written",
    async (_line, block) => {
      const javascript = ts.transpileModule(block.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const script = join(folder, `readme-line-${block.line}.mjs`);
      await writeFile(script, javascript);
      const { code, output } = await runNode(script);
      expect(code, output).toBe(0);
    },
  );
});
