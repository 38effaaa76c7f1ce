import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { FileUploadError, LumlClient, PermissionDeniedError } from "../src/index";
import { buildModelArchive, writeArchive } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

const shared = useTestServer({ faults: true }, "luml-process-exit-");
let artifactId: string;

beforeAll(async () => {
  const path = join(shared.folder, "exit.fnnx");
  // 16 MiB or more: the download hashes on the worker thread, which must not keep the process up.
  await writeArchive(path, buildModelArchive(17 * 1024 * 1024));
  const luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
  artifactId = (await luml.artifacts.upload(path)).id;
}, 60_000);

/** Runs the child download; resolves with what it printed, or `undefined` if it outlived `ms`. */
async function downloadInChild(target: string, ms: number) {
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(new URL("./download-exit-child.mjs", import.meta.url)),
      JSON.stringify(seededClientOptions(shared.server, "s3")),
      artifactId,
      target,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  const [code, signal] = await once(child, "exit");
  clearTimeout(timer);
  return { code, signal, printed: output.trim() };
}

describe("a process whose download failed", () => {
  it.each([
    ["a storage 403 (an expired URL)", { status: 403 }],
    ["a connection cut before the reply", { cut: "before-response" }],
  ] as const)(
    "ends by itself after %s, with nothing left at the target",
    async (_what, action) => {
      await shared.server.faults.add({
        target: "s3",
        method: "GET",
        path: ".",
        times: 100,
        action,
      });
      try {
        const target = join(
          shared.folder,
          `${action && "status" in action ? "status" : "cut"}.fnnx`,
        );
        const { code, signal, printed } = await downloadInChild(target, 15_000);
        // A process kept alive by the SDK is killed at 15 s: signal SIGKILL.
        expect({ code, signal }).toEqual({ code: 0, signal: null });
        expect(JSON.parse(printed).name).toMatch(/Error$/);
        expect(
          (await readdir(shared.folder)).filter(
            (name) => name.startsWith("status") || name.startsWith("cut"),
          ),
        ).toEqual([]);
      } finally {
        await shared.server.faults.clear();
      }
    },
    30_000,
  );
});

describe("a download refused by storage, through LumlClient", () => {
  it("says the refusal came from storage, and where, without the URL's signature", async () => {
    await shared.server.faults.add({
      target: "s3",
      method: "GET",
      path: ".",
      times: 100,
      action: { status: 403 },
    });
    try {
      const luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
      const error = await luml.artifacts
        .download(artifactId, { to: join(shared.folder, "refused.fnnx") })
        .then(
          () => new Error("the download succeeded"),
          (caught: Error) => caught,
        );
      expect(error.message).toMatch(
        /^Storage answered 403 \(no details\) to GET http:\/\/127\.0\.0\.1:\d+\/\S+$/,
      );
      expect(error.message).not.toContain("?");
      // What tells a script (and luml's exit code) that storage, not the API, refused.
      expect(PermissionDeniedError.isInstance(error)).toBe(true);
      expect((error as PermissionDeniedError).source).toBe("storage");
    } finally {
      await shared.server.faults.clear();
    }
  }, 30_000);
});

describe("an upload refused by storage, through LumlClient", () => {
  it("says so in sentences: the refusal, then what became of the record", async () => {
    const path = join(shared.folder, "refused-up.fnnx");
    await writeArchive(path, buildModelArchive(64 * 1024));
    await shared.server.faults.add({
      target: "s3",
      method: "PUT",
      path: "refused-up",
      times: 100,
      action: { status: 403 },
    });
    try {
      const luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
      const error = await luml.artifacts.upload(path).then(
        () => new Error("the upload succeeded"),
        (caught: Error) => caught,
      );
      expect(FileUploadError.isInstance(error), String(error)).toBe(true);
      expect(error.message).toMatch(
        /^Uploading refused-up\.fnnx failed: Storage answered 403 \(no details\) to PUT http:\/\/127\.0\.0\.1:\d+\/\S+\.fnnx\. The artifact \S+ was marked upload_failed\.$/,
      );
    } finally {
      await shared.server.faults.clear();
    }
  }, 30_000);
});
