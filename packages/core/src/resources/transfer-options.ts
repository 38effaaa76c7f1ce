/**
 * Checks of the options of `artifacts.upload` and `artifacts.download`, made before
 * anything is read or sent: a wrong type is an `InvalidArgumentError` naming the
 * option, never a `TypeError` from deep inside, nor a value the server has to refuse.
 */
import { fileNameProblem, quoteFileName } from "../archive/validate-artifact-file";
import { InvalidArgumentError } from "../errors";
import { describeValue, requireCollectionId } from "./validate";

/**
 * Checks the per-call options every method accepts (`signal`, `timeout`,
 * `idleTimeout`, `maxRetries`), before any request.
 */
export function checkRequestOptions(options: unknown): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError({ argument: "options", message: "expected an object" });
  }
  const { signal, timeout, idleTimeout, maxRetries } = options as Record<string, unknown>;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new InvalidArgumentError({
      argument: "signal",
      message: `expected an AbortSignal (for example AbortSignal.timeout(60_000)), got ${describeValue(signal)}`,
    });
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && (maxRetries as number) >= 0)) {
    throw new InvalidArgumentError({
      argument: "maxRetries",
      message: `expected a non-negative integer, got ${describeValue(maxRetries)}`,
    });
  }
  for (const [argument, value] of [
    ["timeout", timeout],
    ["idleTimeout", idleTimeout],
  ] as const) {
    if (value !== undefined && !(typeof value === "number" && value > 0 && value < 2 ** 31)) {
      throw new InvalidArgumentError({
        argument,
        message: `expected a positive number of milliseconds, got ${describeValue(value)}`,
      });
    }
  }
}

/** Checks the options every transfer shares. */
export function checkTransferOptions(options: unknown): void {
  checkRequestOptions(options);
  if (options === undefined) return;
  const { onProgress, collectionId, concurrency } = options as Record<string, unknown>;
  if (concurrency !== undefined && !isIntegerFrom(1, 64, concurrency)) {
    throw new InvalidArgumentError({
      argument: "concurrency",
      message: `expected an integer from 1 to 64, got ${describeValue(concurrency)}`,
    });
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new InvalidArgumentError({
      argument: "onProgress",
      message: `expected a function (event) => void, got ${describeValue(onProgress)}`,
    });
  }
  // Before the file is opened or hashed: a wrong one would only fail at the create call.
  if (collectionId !== undefined) requireCollectionId(collectionId, "collectionId");
}

/** Checks the options only `artifacts.upload` has. */
export function checkUploadOptions(options: unknown): void {
  checkTransferOptions(options);
  if (options === undefined) return;
  const { name, description, tags, fileName } = options as Record<string, unknown>;
  if (name !== undefined && (typeof name !== "string" || name.trim() === "")) {
    throw new InvalidArgumentError({
      argument: "name",
      message: `expected a non-empty string, got ${describeValue(name)}`,
    });
  }
  if (description !== undefined && description !== null && typeof description !== "string") {
    throw new InvalidArgumentError({
      argument: "description",
      message: `expected a string, got ${describeValue(description)}`,
    });
  }
  if (
    tags !== undefined &&
    tags !== null &&
    (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string"))
  ) {
    throw new InvalidArgumentError({
      argument: "tags",
      message: `expected an array of strings, got ${describeValue(tags)}`,
    });
  }
  if (fileName !== undefined) {
    if (typeof fileName !== "string") {
      throw new InvalidArgumentError({
        argument: "fileName",
        message: `expected a string, got ${describeValue(fileName)}`,
      });
    }
    const problem = fileNameProblem(fileName);
    if (problem) {
      throw new InvalidArgumentError({
        argument: "fileName",
        message: `${quoteFileName(fileName.slice(0, 80))}${fileName.length > 80 ? "…" : ""} cannot be a file name: ${problem}`,
      });
    }
  }
}

function isIntegerFrom(min: number, max: number, value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Whether `value` behaves as an `AbortSignal` (from any realm or polyfill). */
function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof AbortSignal !== "undefined" && value instanceof AbortSignal) return true;
  const candidate = value as Partial<AbortSignal> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.aborted === "boolean" &&
    typeof candidate.addEventListener === "function" &&
    typeof candidate.removeEventListener === "function"
  );
}
