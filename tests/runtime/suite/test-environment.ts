/** Where the dev server of this run is, as `with-dev-server.mjs` hands it to the runtime. */

/** A seeded id/name pair. */
export interface SeededRef {
  id: string;
  name: string;
}

/** What the suite needs of the dev server's seed. */
export interface SeededIds {
  organization: SeededRef;
  orbits: { s3: SeededRef; azure: SeededRef };
  collections: { s3: SeededRef; azure: SeededRef };
}

/** The dev server the cases talk to. */
export interface TestEnvironment {
  baseUrl: string;
  apiKey: string;
  seeded: SeededIds;
}

/**
 * Reads `LUML_TEST_BASE_URL`, `LUML_TEST_API_KEY` and `LUML_TEST_SEEDED` through
 * `read` (each runtime has its own way to read its environment).
 */
export function readTestEnvironment(read: (name: string) => string | undefined): TestEnvironment {
  const baseUrl = read("LUML_TEST_BASE_URL");
  const apiKey = read("LUML_TEST_API_KEY");
  const seeded = read("LUML_TEST_SEEDED");
  if (!baseUrl || !apiKey || !seeded) {
    throw new Error(
      "LUML_TEST_BASE_URL, LUML_TEST_API_KEY and LUML_TEST_SEEDED are not set: run this suite through tests/runtime/with-dev-server.mjs",
    );
  }
  return { baseUrl, apiKey, seeded: JSON.parse(seeded) as SeededIds };
}
