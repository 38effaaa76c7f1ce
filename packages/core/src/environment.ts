/** Globals of server runtimes, read defensively: none of them exists everywhere. */
interface RuntimeGlobals {
  process?: { env?: Record<string, string | undefined>; versions?: { node?: string } };
  Deno?: { env?: { get(name: string): string | undefined } };
  document?: unknown;
  window?: unknown;
}

/**
 * An environment variable from `process.env` (Node, Bun) or `Deno.env`;
 * `undefined` where there is no environment or reading it is not permitted.
 */
export function readEnvironment(name: string): string | undefined {
  const runtime = globalThis as RuntimeGlobals;
  try {
    const value = runtime.process?.env?.[name] ?? runtime.Deno?.env?.get(name);
    return value === "" ? undefined : value;
  } catch {
    // Deno without --allow-env throws; treat it as unset.
    return undefined;
  }
}

/**
 * Whether reading `name` is refused by the runtime (Deno without `--allow-env`),
 * as opposed to the variable being unset: the two need different advice.
 */
export function environmentReadDenied(name: string): boolean {
  const runtime = globalThis as RuntimeGlobals;
  try {
    void (runtime.process?.env?.[name] ?? runtime.Deno?.env?.get(name));
    return false;
  } catch {
    return true;
  }
}

/** Whether the code runs in a web page (a DOM and no server runtime). */
export function isBrowserPage(): boolean {
  const runtime = globalThis as RuntimeGlobals;
  const hasDom = typeof runtime.document !== "undefined" && typeof runtime.window !== "undefined";
  return hasDom && !runtime.process?.versions?.node && typeof runtime.Deno === "undefined";
}
