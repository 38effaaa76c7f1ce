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
