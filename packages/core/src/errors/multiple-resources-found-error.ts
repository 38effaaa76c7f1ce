import { LumlError } from "./luml-error";

const name = "MultipleResourcesFoundError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** A name matched several resources; the caller must use an id instead. */
export class MultipleResourcesFoundError extends LumlError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The kind of resource (`Collection`, `Artifact`…). */
  readonly resource: string;
  /** The ambiguous name. */
  readonly resourceName: string;
  /** The ids of the resources that matched. */
  readonly ids: string[];

  /** Creates the error; the message lists the matching ids. */
  constructor(options: { resource: string; name: string; ids: string[]; cause?: unknown }) {
    super({
      message: `Found ${options.ids.length} ${options.resource.toLowerCase()}s named "${options.name}" (ids: ${options.ids.join(", ")}); pass the id of the one you mean instead of its name.`,
      cause: options.cause,
    });
    this.name = name;
    this.resource = options.resource;
    this.resourceName = options.name;
    this.ids = options.ids;
  }

  /** Whether `value` is a `MultipleResourcesFoundError` (from any copy of the package). */
  static override isInstance(value: unknown): value is MultipleResourcesFoundError {
    return LumlError.hasMarker(value, marker);
  }
}
