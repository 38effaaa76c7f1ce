import type { BaseIssue } from "valibot";
import { APIError } from "./api-error";
import { LumlError } from "./luml-error";

const name = "APIResponseValidationError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** A reply did not have the shape the API contract promises. */
export class APIResponseValidationError extends APIError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The valibot issues found in the reply. */
  readonly issues: ReadonlyArray<BaseIssue<unknown>>;
  /** The reply that failed validation. */
  readonly value: unknown;

  /** Creates the error; the message lists the first issues with their paths. */
  constructor(options: {
    issues: ReadonlyArray<BaseIssue<unknown>>;
    value: unknown;
    method?: string;
    url?: string;
    cause?: unknown;
  }) {
    super({
      message: `The server's reply does not match the expected shape: ${describeIssues(options.issues)}`,
      cause: options.cause,
      method: options.method,
      url: options.url,
    });
    this.name = name;
    this.issues = options.issues;
    this.value = options.value;
  }

  /** Whether `value` is an `APIResponseValidationError` (from any copy of the package). */
  static override isInstance(value: unknown): value is APIResponseValidationError {
    return LumlError.hasMarker(value, marker);
  }
}

function describeIssues(issues: ReadonlyArray<BaseIssue<unknown>>): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const path = issue.path?.map((item) => String(item.key)).join(".") ?? "";
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return `${shown.join("; ")}${more}`;
}
