import { fileURLToPath } from "node:url";
import { InvalidArgumentError } from "@luml/core";

/**
 * The local path a user's path or `file:` URL names. A `file:` URL Node cannot map
 * to a path (an encoded `/` in it) is an `InvalidArgumentError` about `argument`,
 * not Node's bare `TypeError`. Core has refused other protocols and hosts already.
 */
export function localPath(target: string | URL, argument: string): string {
  if (!(target instanceof URL)) return target;
  try {
    return fileURLToPath(target);
  } catch (error) {
    throw new InvalidArgumentError({
      argument,
      message: `${target.href} names no file on this machine (${(error as Error).message})`,
      cause: error,
    });
  }
}
