/** The message of `error`, or its text when something other than an `Error` was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
