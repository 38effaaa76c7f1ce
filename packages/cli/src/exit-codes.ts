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

/**
 * What `luml` exits with, so a script can tell failures apart. Documented in the
 * README; changing a value is a breaking change.
 */
export const ExitCode = {
  /** Done. */
  Ok: 0,
  /** Anything else failed: the API or storage refused or broke, a file is not an artifact, a download did not verify. */
  Error: 1,
  /** The command line is wrong: unknown command or option, missing or bad argument. */
  Usage: 2,
  /** The configuration is incomplete or wrong: no API key, bad base URL, bad config file, no default collection. */
  Config: 3,
  /** The API key was refused (401) or lacks rights (403) by the API (storage's refusals are 1). */
  Auth: 4,
  /** What was asked for does not exist: artifact, collection, orbit, organization, or the local file. */
  NotFound: 5,
  /** Stopped by Ctrl-C (SIGINT); a started upload's record is marked `upload_failed`. */
  Interrupted: 130,
  /** Stopped by SIGTERM, as Ctrl-C. */
  Terminated: 143,
  /**
   * Whatever read stdout went away (`luml ls | head -1`): stopped quietly, as a
   * command killed by SIGPIPE would be. A download to stdout stops there too.
   */
  BrokenPipe: 141,
} as const;

/** An error the CLI raises itself, with the exit code it means. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = ExitCode.Error) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

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
