import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One FastAPI-style validation problem. */
export interface ValidationIssue {
  loc: Array<string | number>;
  msg: string;
  type: string;
  input?: unknown;
}

/** An application error answered as `{"detail": message}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** A request that failed validation, answered as `422 {"detail": [issues]}`. */
export class RequestValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super("Request validation failed");
  }
}

/** Throws the collected issues as one 422, if there are any. */
export function throwIfInvalid(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new RequestValidationError(issues);
}
