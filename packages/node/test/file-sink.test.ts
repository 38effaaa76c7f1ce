import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openFileSink } from "../src/file-sink";

const base = await mkdtemp(join(tmpdir(), "luml-file-sink-"));
afterAll(() => rm(base, { recursive: true, force: true }));

describe("downloads into the same new folder at once", () => {
  // One download fails as soon as its file is open and takes away the folder it
  // made while it is empty; the other may be just between making that folder and
  // creating its file in it. The window is small: many rounds find it (on a
  // sink without the fix, a few rounds in a hundred fail).
  it("one failing never fails the other: the other's file is saved", async () => {
    const failures: string[] = [];
    for (let round = 0; round < 200; round++) {
      const folder = join(base, `round-${round}`, "models");
      const bytes = new TextEncoder().encode(`round ${round}`);
      const [failing, saving] = await Promise.allSettled([
        openFileSink(join(folder, "failed.fnnx"), "failed.fnnx").then((sink) => sink.abort()),
        openFileSink(join(folder, "saved.fnnx"), "saved.fnnx").then(async (sink) => {
          await sink.write(bytes, 0);
          await sink.commit();
        }),
      ]);
      for (const result of [failing, saving]) {
        if (result.status === "rejected") failures.push(`round ${round}: ${result.reason}`);
      }
      if (saving.status === "fulfilled") {
        expect(await readdir(folder)).toEqual(["saved.fnnx"]);
        expect(await readFile(join(folder, "saved.fnnx"), "utf8")).toBe(`round ${round}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("both failing: neither fails for the other, and no file is left", async () => {
    const failures: string[] = [];
    const cases = await mkdtemp(join(base, "both-"));
    for (let round = 0; round < 200; round++) {
      const folder = join(cases, `${round}`, "models");
      const results = await Promise.allSettled(
        ["a.fnnx", "b.fnnx"].map((name) =>
          openFileSink(join(folder, name), name).then((sink) => sink.abort()),
        ),
      );
      for (const result of results) {
        if (result.status === "rejected") failures.push(`round ${round}: ${result.reason}`);
      }
    }
    expect(failures).toEqual([]);
    // Mostly the folders are gone too; one that began after the other had made them
    // does not count them as its own, so an empty folder may stay.
    const left = await readdir(cases, { recursive: true, withFileTypes: true });
    expect(left.filter((entry) => !entry.isDirectory()).map((entry) => entry.name)).toEqual([]);
  });
});
