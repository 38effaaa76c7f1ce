import {
  APIError,
  AuthenticationError,
  CollectionNotFoundError,
  ConfigurationError,
  FileError,
  InvalidArgumentError,
  NotFoundError,
  OrbitNotFoundError,
  OrganizationNotFoundError,
  PermissionDeniedError,
} from "@luml/node";
import { CliError, ExitCode } from "./exit-codes";

/** The exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (isAbort(error)) return interruptCode(error);
  if (InvalidArgumentError.isInstance(error)) return ExitCode.Usage;
  if (ConfigurationError.isInstance(error)) return ExitCode.Config;
  // Storage's 403 is an expired link or a bucket's policy, its 404 a missing
  // object: neither is about the key or the artifact asked for.
  if (APIError.isInstance(error) && error.source === "storage") return ExitCode.Error;
  if (AuthenticationError.isInstance(error) || PermissionDeniedError.isInstance(error)) {
    return ExitCode.Auth;
  }
  if (
    NotFoundError.isInstance(error) ||
    OrganizationNotFoundError.isInstance(error) ||
    OrbitNotFoundError.isInstance(error) ||
    CollectionNotFoundError.isInstance(error) ||
    (FileError.isInstance(error) && (error as FileError).code === "not_found")
  ) {
    return ExitCode.NotFound;
  }
  return ExitCode.Error;
}

/** Whether the error is a cancellation (what an aborted signal rejects with). */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function interruptCode(error: unknown): number {
  return error instanceof Error && /SIGTERM/.test(error.message)
    ? ExitCode.Terminated
    : ExitCode.Interrupted;
}
