/**
 * Bundles a TypeScript entry for an edge runtime the way a user's bundler would:
 * esbuild with the runtime's export conditions, nothing from Node available. Any
 * import of a Node built-in (`node:crypto`, `fs`…) is left out of the bundle and
 * recorded, so a check can name it instead of the build failing on it.
 */
import { builtinModules } from "node:module";
import { build } from "esbuild";

/**
 * How each runtime's bundler resolves packages: Wrangler bundles Workers with the
 * `workerd` and `worker` conditions (and `browser`); Vercel bundles edge functions
 * with `edge-light`. workerd runs an ES module; edge-runtime evaluates a script
 * that registers a `fetch` listener, so it gets an IIFE.
 */
/** @type {Record<"workerd" | "edge-runtime", { conditions: string[], format: import("esbuild").Format }>} */
const targets = {
  workerd: { conditions: ["workerd", "worker", "browser"], format: "esm" },
  "edge-runtime": { conditions: ["edge-light", "worker", "browser"], format: "iife" },
};

const builtinNames = new Set(builtinModules);

/**
 * Whether `specifier` names a Node built-in module, with or without `node:`.
 * @param {string} specifier
 */
export function isNodeBuiltin(specifier) {
  // `fs/promises` counts as `fs`; a scoped package starts with `@scope`, never a built-in.
  return specifier.startsWith("node:") || builtinNames.has(specifier.split("/")[0] ?? "");
}

/**
 * @typedef {object} EdgeBundle
 * @property {string} code The bundled JavaScript.
 * @property {import("esbuild").Metafile} metafile Which inputs went into it.
 * @property {string[]} nodeImports The Node built-ins something in it imports.
 */

/**
 * Bundles `entry` for `runtime` (`workerd` or `edge-runtime`).
 * @param {string} entry Path of the entry file.
 * @param {keyof typeof targets} runtime
 * @returns {Promise<EdgeBundle>}
 */
export async function bundleForEdge(entry, runtime) {
  const target = targets[runtime];
  if (!target) throw new Error(`No edge runtime called ${runtime}`);
  /** @type {string[]} */
  const nodeImports = [];
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: target.format,
    platform: "neutral",
    conditions: target.conditions,
    mainFields: ["browser", "module", "main"],
    target: "es2022",
    logLevel: "silent",
    plugins: [
      {
        name: "record-node-builtins",
        setup(builder) {
          builder.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point" || !isNodeBuiltin(args.path)) return undefined;
            nodeImports.push(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const output = result.outputFiles?.[0];
  if (!output || !result.metafile) throw new Error(`esbuild wrote nothing for ${entry}`);
  return { code: output.text, metafile: result.metafile, nodeImports };
}
