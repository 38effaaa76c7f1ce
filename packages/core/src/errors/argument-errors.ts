/**
 * Errors about what a call asked for, thrown before (or instead of) the request
 * that would fail: a bad argument, a name that matches nothing or several things.
 */
import { isInstanceCheck, LumlError } from "./luml-error";

/** A method was called with a bad argument (an empty id, a limit out of range…). Thrown before any request. */
export class InvalidArgumentError extends LumlError {
  /** Whether `value` is an `InvalidArgumentError`, from this or any other copy of the package. */
  static override readonly isInstance =
    isInstanceCheck<InvalidArgumentError>("InvalidArgumentError");

  /** The name of the offending argument or option. */
  readonly argument: string;

  /** Creates the error. */
  constructor(options: { argument: string; message: string; cause?: unknown }) {
    super({ message: `Invalid ${options.argument}: ${options.message}`, cause: options.cause });
    this.argument = options.argument;
  }
}

/** A name matched several resources; the caller must use an id instead. */
export class MultipleResourcesFoundError extends LumlError {
  /** Whether `value` is a `MultipleResourcesFoundError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<MultipleResourcesFoundError>(
    "MultipleResourcesFoundError",
  );

  /** The kind of resource (`Collection`, `Artifact`…). */
  readonly resource: string;
  /** The ambiguous name. */
  readonly resourceName: string;
  /** The ids of the resources that matched. */
  readonly ids: string[];

  /** Creates the error; the message lists the matching ids. */
  constructor(options: { resource: string; name: string; ids: string[]; cause?: unknown }) {
    // "matching": an artifact matches by its name or its file name.
    super({
      message: `Found ${options.ids.length} ${options.resource.toLowerCase()}s matching ${JSON.stringify(options.name)} (ids: ${options.ids.join(", ")}); pass the id of the one you mean instead.`,
      cause: options.cause,
    });
    this.resource = options.resource;
    this.resourceName = options.name;
    this.ids = options.ids;
  }
}

/** An id/name pair, as listed in not-found errors. */
export interface AvailableResource {
  /** The resource's id, usable wherever the SDK accepts an id. */
  id: string;
  /** The resource's display name, usable wherever the SDK accepts a name. */
  name: string;
}

/** Renders `Orbit(id=…, name="…"), …`, or `none` for an empty list. */
export function describeAvailable(
  kind: string,
  available: ReadonlyArray<AvailableResource>,
): string {
  if (available.length === 0) return "none";
  return available
    .map((item) => `${kind}(id=${item.id}, name=${JSON.stringify(item.name)})`)
    .join(", ");
}

/** What a not-found-by-name error is made from. */
export interface NotFoundByNameOptions {
  /** The id or name that was asked for. */
  requested: string;
  /** What exists, to pick from. */
  available: AvailableResource[];
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/** The base of the not-found-by-name errors: what was asked for and what exists. */
export abstract class NotFoundByNameError extends LumlError {
  /** The id or name that was asked for. */
  readonly requested: string;
  /** The resources of that kind that exist, to pick from. */
  readonly available: AvailableResource[];

  /** Creates the error; `kind` names the resource (`Orbit`) in the message. */
  protected constructor(kind: string, options: NotFoundByNameOptions) {
    super({
      message: `${kind} "${options.requested}" not found. Available: ${describeAvailable(kind, options.available)}.`,
      cause: options.cause,
    });
    this.requested = options.requested;
    this.available = options.available.map(({ id, name }) => ({ id, name }));
  }
}

/** No organization with the given id or name; the message lists the available ones. */
export class OrganizationNotFoundError extends NotFoundByNameError {
  /** Whether `value` is an `OrganizationNotFoundError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<OrganizationNotFoundError>(
    "OrganizationNotFoundError",
  );

  /** Creates the error from what was asked and what exists. */
  constructor(options: NotFoundByNameOptions) {
    super("Organization", options);
  }
}

/** No orbit with the given id or name; the message lists the available ones. */
export class OrbitNotFoundError extends NotFoundByNameError {
  /** Whether `value` is an `OrbitNotFoundError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<OrbitNotFoundError>("OrbitNotFoundError");

  /** Creates the error from what was asked and what exists. */
  constructor(options: NotFoundByNameOptions) {
    super("Orbit", options);
  }
}

/** No collection with the given id or name; the message lists the available ones. */
export class CollectionNotFoundError extends NotFoundByNameError {
  /** Whether `value` is a `CollectionNotFoundError`, from this or any other copy of the package. */
  static override readonly isInstance =
    isInstanceCheck<CollectionNotFoundError>("CollectionNotFoundError");

  /** Creates the error from what was asked and what exists. */
  constructor(options: NotFoundByNameOptions) {
    super("Collection", options);
  }
}
