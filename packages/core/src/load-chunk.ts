import { LumlError } from "./errors";
import { messageOf } from "./errors/message-of";

/**
 * Loads a part of the SDK fetched on first use (a dynamic `import()`). A page that
 * can no longer fetch it (offline, or its files replaced by a new deploy) gets a
 * retryable `LumlError` saying so, not the loader's bare `TypeError`; the call
 * that needed the part has done nothing yet.
 */
export async function loadChunk<T>(load: () => Promise<T>, part: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new LumlError({
      message: `The SDK's ${part} code could not be loaded (${messageOf(error)}); nothing was done, so the call can be repeated (a page opened before its site was redeployed needs a reload first).`,
      cause: error,
      isRetryable: true,
    });
  }
}
