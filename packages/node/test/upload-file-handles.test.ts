import { readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { LumlClient } from "../src/index";
import { buildModelArchive, writeArchive } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

const shared = useTestServer({ faults: true }, "luml-file-handles-");
let path: string;

beforeAll(async () => {
  path = join(shared.folder, "handles.fnnx");
  await writeArchive(path, buildModelArchive(3 * 1024 * 1024));
}, 60_000);

afterEach(() => shared.server.faults.clear());

/** How many of this process's file descriptors are open on `target` (Linux's /proc). */
async function openHandlesOn(target: string): Promise<number> {
  let count = 0;
  for (const fd of await readdir("/proc/self/fd")) {
    const points = await readlink(`/proc/self/fd/${fd}`).catch(() => "");
    if (points === target) count += 1;
  }
  return count;
}

/** A `fetch` that sends storage requests to a port where nothing listens. */
function unreachableStorage(): typeof fetch {
  const api = new URL(shared.server.baseUrl).origin;
  return (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.origin === api) return globalThis.fetch(input, init);
    url.host = "127.0.0.1:9";
    return globalThis.fetch(url, init);
  };
}

/** Uploads three times; each must fail and leave no handle open on the file. */
async function expectClosedAfterFailures(luml: LumlClient): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const error = await luml.artifacts.upload(path).then(
      () => new Error("the upload succeeded"),
      (caught: Error) => caught,
    );
    expect(error.name).toBe("FileUploadError");
    expect(await openHandlesOn(path), `open handles after failed upload ${attempt}`).toBe(0);
  }
}

const describeOnLinux = process.platform === "linux" ? describe : describe.skip;

describeOnLinux("a failed upload closes its file", () => {
  // The client's default path (node:http in Node, fetch in Bun), and a client given
  // `fetch` (what a user passes to route requests through a proxy or an agent).
  for (const route of ["the default path", "a client given fetch"]) {
    const extra = route === "a client given fetch" ? { fetch: globalThis.fetch } : {};
    for (const [what, action] of [
      ["storage refuses the PUT (403)", { status: 403 }],
      ["the connection is cut before the reply", { cut: "before-response" }],
    ] as const) {
      it(`on ${route}, when ${what}`, async () => {
        await shared.server.faults.add({
          target: "s3",
          method: "PUT",
          path: ".",
          times: 100,
          action,
        });
        const options = { ...seededClientOptions(shared.server, "s3"), ...extra, maxRetries: 0 };
        await expectClosedAfterFailures(await LumlClient.create(options));
      }, 60_000);
    }
  }

  it("on a client given fetch, when storage cannot be reached", async () => {
    const options = { ...seededClientOptions(shared.server, "s3"), fetch: unreachableStorage() };
    await expectClosedAfterFailures(await LumlClient.create({ ...options, maxRetries: 0 }));
  }, 60_000);
});
