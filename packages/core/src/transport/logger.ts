import { readEnvironment } from "../environment";
import { describeRequest } from "./attempt-failure";

/** Where the SDK writes what it does, request by request. */
export interface Logger {
  /** One line per request attempt: method, URL without its query, outcome, time. */
  debug(message: string): void;
}

/** Writes to the console's error stream, so a program's own output stays clean. */
const consoleLogger: Logger = {
  debug: (message) => console.error(message),
};

/** The logger to use: the client's, else the console when `LUML_LOG=debug`. */
export function resolveLogger(given: Logger | undefined): Logger | undefined {
  if (given) return given;
  return readEnvironment("LUML_LOG")?.toLowerCase() === "debug" ? consoleLogger : undefined;
}

/**
 * Times one attempt and logs how it ended. Only the method, the URL's origin and
 * path, the status and the error's message are written: never the query (presigned
 * URLs carry credentials there), headers or bodies, so never the API key.
 */
export async function logged<T extends { status: number }>(
  logger: Logger | undefined,
  request: { method: string; url: string; attempt: number },
  send: () => Promise<T>,
): Promise<T> {
  if (!logger) return send();
  const started = Date.now();
  const what = `luml: ${describeRequest(request)} (attempt ${request.attempt})`;
  try {
    const result = await send();
    logger.debug(`${what} -> ${result.status} in ${Date.now() - started} ms`);
    return result;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const outcome = typeof status === "number" ? String(status) : "failed";
    logger.debug(
      `${what} -> ${outcome} in ${Date.now() - started} ms: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw error;
  }
}
