/** A tiny assertion helper the cases use, so they run under any test runner. */

/** Thrown when a check fails; its message says what was expected. */
export class AssertionError extends Error {
  override name = "AssertionError";
}

/** Fails with `message` unless `condition` holds. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Fails unless `actual` and `expected` serialise to the same JSON. */
export function assertEqual(actual: unknown, expected: unknown, label: string): void {
  const left = JSON.stringify(actual);
  const right = JSON.stringify(expected);
  if (left !== right) throw new AssertionError(`${label}: expected ${right}, got ${left}`);
}

/** Fails unless both byte arrays have the same length and content. */
export function assertBytesEqual(actual: Uint8Array, expected: Uint8Array, label: string): void {
  assertEqual(actual.byteLength, expected.byteLength, `${label} (length)`);
  for (let index = 0; index < expected.byteLength; index++) {
    if (actual[index] !== expected[index]) {
      throw new AssertionError(`${label}: first difference at byte ${index}`);
    }
  }
}
