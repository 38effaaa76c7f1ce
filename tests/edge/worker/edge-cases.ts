/**
 * The cases only an edge runtime has, written once and run inside workerd and
 * edge-runtime: downloads handed on as streams (into a `WritableStream`, or as
 * `downloadStream`'s `ReadableStream` for a `Response`), and what a corrupted
 * download does to each kind of destination.
 */
import { type ArtifactDetails, IntegrityError, LumlClient } from "@luml/core";
import { assert, assertBytesEqual, assertEqual } from "../../runtime/suite/assert.ts";
import type { RuntimeCase, StorageKind } from "../../runtime/suite/define-runtime-suite.ts";
import { devFaults } from "../../runtime/suite/dev-faults.ts";
import { buildModelArchive, sha256Hex } from "../../runtime/suite/tar-archive.ts";
import type { TestEnvironment } from "../../runtime/suite/test-environment.ts";
import { collectingStream, readAll } from "./streams.ts";

/** Below the dev server's multipart threshold, and several read chunks long. */
const archiveOpsSize = 512 * 1024;

/** The edge cases for `runtime`, for the S3 and then the Azure collection. */
export function defineEdgeCases(runtime: string, environment: TestEnvironment): RuntimeCase[] {
  return (["s3", "azure"] as const).flatMap((kind) => {
    const cases = new EdgeStorageCases(runtime, environment, kind);
    return [
      {
        name: `${kind}: downloads into a WritableStream, closed only once verified`,
        run: () => cases.downloadIntoWritableStream(),
      },
      {
        name: `${kind}: downloadStream hands on the verified bytes and done resolves`,
        run: () => cases.downloadStream(),
      },
      {
        name: `${kind}: a corrupted download into a Blob rejects with IntegrityError`,
        run: () => cases.corruptedBlobDownload(),
      },
      {
        name: `${kind}: a corrupted download into a WritableStream aborts it, never closes it`,
        run: () => cases.corruptedWritableStreamDownload(),
      },
      {
        name: `${kind}: a corrupted downloadStream errors its stream and rejects done`,
        run: () => cases.corruptedDownloadStream(),
      },
    ];
  });
}

/** An uploaded archive and the bytes it was made of. */
interface UploadedArchive {
  artifact: ArtifactDetails | { id: string; file_hash?: string | null };
  bytes: Uint8Array;
  hash: string;
}

/** The edge cases against one storage's seeded collection. */
class EdgeStorageCases {
  readonly #runtime: string;
  readonly #environment: TestEnvironment;
  readonly #kind: StorageKind;

  constructor(runtime: string, environment: TestEnvironment, kind: StorageKind) {
    this.#runtime = runtime;
    this.#environment = environment;
    this.#kind = kind;
  }

  async downloadIntoWritableStream(): Promise<void> {
    await this.#withArchive("stream-to", async (client, uploaded) => {
      const destination = collectingStream();
      const result = await client.artifacts.download(uploaded.artifact.id, {
        to: destination.stream,
      });
      assertEqual(destination.state(), "closed", "the stream's state after the download");
      assertEqual(result.file_hash, uploaded.hash, "download result file_hash");
      assertEqual(result.blob, undefined, "a download into a stream keeps no Blob");
      assertBytesEqual(destination.bytes(), uploaded.bytes, "bytes written to the stream");
    });
  }

  async downloadStream(): Promise<void> {
    await this.#withArchive("stream-from", async (client, uploaded) => {
      const { artifact, stream, done } = await client.artifacts.downloadStream(
        uploaded.artifact.id,
      );
      assertEqual(artifact.id, uploaded.artifact.id, "downloadStream's artifact id");
      assertEqual(artifact.size, uploaded.bytes.byteLength, "downloadStream's artifact size");
      const bytes = await readAll(stream);
      assertBytesEqual(bytes, uploaded.bytes, "bytes read from the stream");
      assertEqual((await done).file_hash, uploaded.hash, "done's file_hash");
    });
  }

  async corruptedBlobDownload(): Promise<void> {
    await this.#withArchive("corrupt-blob", async (client, uploaded) => {
      await this.#corruptingDownloads(async () => {
        const outcome = await client.artifacts.download(uploaded.artifact.id).then(
          (result) => `resolved with a ${result.blob?.size}-byte Blob`,
          (error: unknown) => error,
        );
        assertIntegrityError(outcome, "the corrupted download into a Blob");
      });
    });
  }

  async corruptedWritableStreamDownload(): Promise<void> {
    await this.#withArchive("corrupt-stream-to", async (client, uploaded) => {
      await this.#corruptingDownloads(async () => {
        const destination = collectingStream();
        const outcome = await client.artifacts
          .download(uploaded.artifact.id, { to: destination.stream })
          .then(
            () => "resolved",
            (error: unknown) => error,
          );
        assertIntegrityError(outcome, "the corrupted download into a stream");
        assertEqual(destination.state(), "aborted", "the stream's state after the mismatch");
        assert(
          destination.abortReason() === outcome,
          `the stream is aborted with the download's error, got ${String(destination.abortReason())}`,
        );
      });
    });
  }

  async corruptedDownloadStream(): Promise<void> {
    await this.#withArchive("corrupt-stream-from", async (client, uploaded) => {
      await this.#corruptingDownloads(async () => {
        const { stream, done } = await client.artifacts.downloadStream(uploaded.artifact.id);
        const read = await readAll(stream).then(
          (bytes) => `ended cleanly after ${bytes.byteLength} bytes`,
          (error: unknown) => error,
        );
        // workerd's FixedLengthStream hands its reader a copy of the abort reason (a
        // plain Error carrying the message), so the reader gets the message, not the class.
        assert(
          read instanceof Error && read.message.includes("Integrity check failed"),
          `reading the corrupted stream fails with the integrity error, got ${describe(read)}`,
        );
        const outcome = await done.then(
          () => "resolved",
          (error: unknown) => error,
        );
        assertIntegrityError(outcome, "done of the corrupted stream");
      });
    });
  }

  /** Uploads a fresh archive, runs `check` on it, then deletes it. */
  async #withArchive(
    label: string,
    check: (client: LumlClient, uploaded: UploadedArchive) => Promise<void>,
  ): Promise<void> {
    const client = this.#client();
    const runtime = this.#runtime.replace(/[^a-z0-9]+/gi, "");
    const name = `edge-${runtime}-${this.#kind}-${label}-${Math.random().toString(36).slice(2, 8)}`;
    const bytes = buildModelArchive(archiveOpsSize, { F1: 0.5 });
    const hash = await sha256Hex(bytes);
    const file = new File([bytes as Uint8Array<ArrayBuffer>], `${name}.fnnx`);
    const artifact = await client.artifacts.upload(file, { name });
    assertEqual(artifact.file_hash, hash, "file_hash of the uploaded archive");
    try {
      await check(client, { artifact, bytes, hash });
    } finally {
      await client.artifacts.delete(artifact.id);
    }
  }

  /** Runs `body` while every storage GET of this storage has a byte flipped. */
  async #corruptingDownloads(body: () => Promise<void>): Promise<void> {
    const faults = devFaults(this.#environment.baseUrl);
    // Every GET, not one: a retried or resumed download must not find clean bytes.
    const rule = await faults.add({
      target: this.#kind,
      method: "GET",
      path: ".",
      times: 1_000,
      action: { corrupt: true },
    });
    try {
      await body();
      const fired = (await faults.get(rule)).fired;
      assert(fired > 0, "the corrupting fault fired");
    } finally {
      await faults.clear();
    }
  }

  #client(): LumlClient {
    const { seeded } = this.#environment;
    return new LumlClient({
      apiKey: this.#environment.apiKey,
      baseUrl: this.#environment.baseUrl,
      organization: seeded.organization.id,
      orbit: seeded.orbits[this.#kind].id,
      collection: seeded.collections[this.#kind].id,
    });
  }
}

/** Fails unless `outcome` is core's `IntegrityError`. */
function assertIntegrityError(outcome: unknown, label: string): void {
  assert(
    IntegrityError.isInstance(outcome),
    `${label} fails with IntegrityError, got ${describe(outcome)}`,
  );
}

/** A failure's class and message, or the value a case got instead. */
function describe(outcome: unknown): string {
  return outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : String(outcome);
}
