/** Where the dev server of this run is, as `luml-dev-server -- <command>` hands it over. */

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
 * Reads `LUML_DEV_SERVER` (the JSON `luml-dev-server -- <command>` hands its command)
 * through `read` (each runtime has its own way to read its environment).
 */
export function readTestEnvironment(read: (name: string) => string | undefined): TestEnvironment {
  const described = read("LUML_DEV_SERVER");
  if (!described) {
    throw new Error(
      "LUML_DEV_SERVER is not set: run this suite through `luml-dev-server --faults -- <runner>` (see tests/runtime/package.json)",
    );
  }
  const { baseUrl, apiKey, seeded } = JSON.parse(described) as TestEnvironment;
  return { baseUrl, apiKey, seeded };
}
