import { type AvailableResource, describeAvailable } from "./describe-available";
import { LumlError } from "./luml-error";

const name = "OrganizationNotFoundError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** No organization with the given id or name; the message lists the available ones. */
export class OrganizationNotFoundError extends LumlError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The id or name that was asked for. */
  readonly requested: string;
  /** The organizations that exist, to pick from. */
  readonly available: AvailableResource[];

  /** Creates the error from what was asked and what exists. */
  constructor(options: { requested: string; available: AvailableResource[]; cause?: unknown }) {
    super({
      message: `Organization "${options.requested}" not found. Available: ${describeAvailable("Organization", options.available)}.`,
      cause: options.cause,
    });
    this.name = name;
    this.requested = options.requested;
    this.available = options.available.map(({ id, name: itemName }) => ({ id, name: itemName }));
  }

  /** Whether `value` is a `OrganizationNotFoundError` (from any copy of the package). */
  static override isInstance(value: unknown): value is OrganizationNotFoundError {
    return LumlError.hasMarker(value, marker);
  }
}
