/// <reference types="node" />
/**
 * How long indexing takes: an archive of 10,000 small members, and a 5 GB
 * archive (sparse on disk) whose big member is jumped over.
 * Run: npx vitest bench --run bench/index-archive.bench.ts (in packages/core)
 */
import { afterAll, beforeAll, bench, describe } from "vitest";
import { indexArchive } from "../src/archive/index-archive";
import { type ArchiveFixtures, makeArchiveFixtures } from "../test/fixtures/archive/fixtures";

let fixtures: ArchiveFixtures;
let many: Blob;
let huge: Blob;

beforeAll(async () => {
  fixtures = await makeArchiveFixtures({ many: 10_000, skipBig: true, huge: 5_000_000_000 });
  many = await fixtures.open("many.tar");
  huge = await fixtures.open("huge.tar");
  console.log(`many.tar: ${many.size} bytes; huge.tar: ${huge.size} bytes`);
});
afterAll(() => fixtures?.remove());

describe("indexArchive", () => {
  bench(
    "10,000 small members",
    async () => {
      await indexArchive(many);
    },
    { iterations: 20, warmupIterations: 2 },
  );

  bench(
    "5 GB archive",
    async () => {
      await indexArchive(huge);
    },
    { iterations: 20, warmupIterations: 2 },
  );
});
