import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { AuthenticationError } from "./authentication-error";
import { BadRequestError } from "./bad-request-error";
import { ConflictError } from "./conflict-error";
import { InternalServerError } from "./internal-server-error";
import { NotFoundError } from "./not-found-error";
import { PermissionDeniedError } from "./permission-denied-error";
import { RateLimitError } from "./rate-limit-error";
import { UnprocessableEntityError } from "./unprocessable-entity-error";

/** Extra facts about the failed request. */
export type StatusErrorContext = Omit<APIStatusErrorOptions, "status" | "body">;

/** The `APIStatusError` subclass for `status`, built from the reply's body and headers. */
export function statusErrorFor(
  status: number,
  body: unknown,
  context: StatusErrorContext = {},
): APIStatusError {
  const options: APIStatusErrorOptions = { ...context, status, body };
  switch (status) {
    case 400:
      return new BadRequestError(options);
    case 401:
      return new AuthenticationError(options);
    case 403:
      return new PermissionDeniedError(options);
    case 404:
      return new NotFoundError(options);
    case 409:
      return new ConflictError(options);
    case 422:
      return new UnprocessableEntityError(options);
    case 429:
      return new RateLimitError(options);
    default:
      return status >= 500 ? new InternalServerError(options) : new APIStatusError(options);
  }
}
