/**
 * What an edge bundle must not contain. Workers and Vercel Edge refuse to compile
 * WebAssembly from bytes at run time (only modules compiled at deploy time may be
 * instantiated), and neither has Node's built-in modules without a compatibility flag.
 */

/**
 * Calls that compile or instantiate WebAssembly from bytes: `WebAssembly.compile`,
 * `compileStreaming`, `instantiate`, `instantiateStreaming` and `new WebAssembly.Module`,
 * also written with brackets (`WebAssembly["compile"]`).
 */
const wasmCompilation =
  /WebAssembly\s*(?:\.\s*|\[\s*["'`])(?:compile|compileStreaming|instantiate|instantiateStreaming|Module)\b/g;

/** Any `node:` module in an import, an export from, a dynamic import or a require. */
const nodeSpecifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'`]node:[\w/]+["'`]/g;

/**
 * Every forbidden thing in a bundle: its runtime WebAssembly compilations, the
 * `node:` specifiers in its code, and the Node built-ins the bundler saw imported.
 * @param {{ code: string, nodeImports: string[] }} bundle
 * @returns {string[]} One line per finding; empty when the bundle is clean.
 */
export function findForbiddenEdgeApis(bundle) {
  const findings = [];
  for (const match of bundle.code.matchAll(wasmCompilation)) {
    findings.push(`WebAssembly compiled at run time: ${match[0]}`);
  }
  for (const match of bundle.code.matchAll(nodeSpecifier)) {
    findings.push(`node: module in the code: ${match[0]}`);
  }
  for (const specifier of new Set(bundle.nodeImports)) {
    findings.push(`Node built-in imported: ${specifier}`);
  }
  return findings;
}
