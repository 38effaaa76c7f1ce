import { APIConnectionError, type APIErrorSource, ConfigurationError, LumlError } from "../errors";

/** The request a failure is reported for. */
export interface FailureContext {
  /** The HTTP method. */
  method: string;
  /** The URL; only its origin and path reach a message. */
  url: string;
  /** Which server the request goes to. */
  source: APIErrorSource;
}

/** What a person can do about the common OS-level connection failures. */
const hints: Record<string, string> = {
  ECONNREFUSED: "nothing is listening at that address: check the base URL and port",
  ENOTFOUND: "the host name does not resolve: check the base URL",
  EAI_AGAIN: "the host name could not be resolved right now: check the network and DNS",
  ECONNRESET: "the connection was dropped by the other side",
  EPIPE: "the connection was closed while the request was being sent",
  ETIMEDOUT: "the host did not answer: check the network or a firewall",
  EHOSTUNREACH: "the host cannot be reached from this network",
  ENETUNREACH: "the network is unreachable",
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate cannot be verified",
};

/**
 * The error a failed attempt rejects with: the abort reason when the request was
 * cancelled or timed out (the runner aborts with an `APITimeoutError`), a `LumlError`
 * raised while sending (a file that changed, a throwing callback) as it is, and
 * otherwise an `APIConnectionError` naming the host, the path and the OS code.
 */
export function attemptFailure(
  error: unknown,
  signal: AbortSignal,
  context: FailureContext,
): unknown {
  if (signal.aborted) return signal.reason;
  const lumlError = findLumlError(error);
  if (lumlError) return lumlError;
  if (isPermissionDenial(error)) {
    // Deno without --allow-net for this host: no retry can succeed.
    return new ConfigurationError({
      cause: error,
      message: `${describeRequest(context)} was refused by the runtime, which may not reach that host (in Deno, add it to --allow-net).`,
    });
  }
  return new APIConnectionError({
    method: context.method,
    url: context.url,
    source: context.source,
    cause: error,
    message: connectionMessage(context, error),
  });
}

/** `GET http://host:port/path`, never the query (presigned URLs carry credentials there). */
export function describeRequest(context: Pick<FailureContext, "method" | "url">): string {
  try {
    const url = new URL(context.url);
    return `${context.method} ${url.origin}${url.pathname}`;
  } catch {
    return `${context.method} ${context.url.replace(/[?#].*$/, "")}`;
  }
}

function connectionMessage(context: FailureContext, error: unknown): string {
  const code = findErrorCode(error);
  const hint = code === undefined ? undefined : hints[code];
  const what = code ?? innermostMessage(error) ?? "no reply";
  return `Connection error: ${describeRequest(context)} failed (${what})${hint ? `: ${hint}` : ""}.`;
}

/** Whether the runtime refused the request itself (Deno's `NotCapable`, `PermissionDenied`). */
function isPermissionDenial(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    const name = (current as { name?: unknown }).name;
    if (name === "NotCapable" || name === "PermissionDenied") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The first `LumlError` in `error`'s cause chain. */
function findLumlError(error: unknown): LumlError | undefined {
  let current = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    if (LumlError.isInstance(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The first OS-style error code (`ECONNREFUSED`, `UND_ERR_SOCKET`) in the cause chain. */
export function findErrorCode(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = findErrorCode(errors[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The message of the deepest error in the cause chain ("fetch failed" says little). */
function innermostMessage(error: unknown): string | undefined {
  let message: string | undefined;
  let current = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error && current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}
