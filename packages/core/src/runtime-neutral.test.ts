/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const sourceRoot = new URL(".", import.meta.url).pathname;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    const isTest = /\.test(-d)?\.ts$/.test(entry);
    return entry.endsWith(".ts") && !isTest ? [path] : [];
  });
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** Code with comments and string contents removed, so only real uses remain. */
function codeOnly(source: string): string {
  return withoutComments(source)
    .replace(/\/\/.*$/gm, "")
    .replace(/`(?:\\.|[^`\\])*`/g, "``")
    .replace(/"(?:\\.|[^"\\])*"/g, '""');
}

describe("@luml/core stays runtime-neutral", () => {
  const files = sourceFiles(sourceRoot);

  it("finds the sources", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((file) => [relative(sourceRoot, file), file]))(
    "%s imports only web-standard modules",
    (_name, file) => {
      const source = readFileSync(file, "utf8");
      const imports = [
        ...withoutComments(source).matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g),
      ].map((match) => match[1]);
      for (const specifier of imports) {
        expect(specifier).toMatch(/^(\.{1,2}\/|ky$|valibot$)|^\.\.\/package\.json$/);
      }
      const code = codeOnly(source);
      // Runtime globals may only be read through a typed globalThis view, behind a guard.
      expect(code).not.toMatch(/(?<![.\w])(process|Deno|Bun|require|Buffer|__dirname)\s*[.([]/);
      expect(code).not.toMatch(
        /(?<![.\w"])(document|window|navigator|localStorage|XMLHttpRequest)\s*[.([]/,
      );
    },
  );
});
