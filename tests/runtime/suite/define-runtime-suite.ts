/**
 * The behaviour suite every runtime runs: the cases are written once, against a
 * small adapter (how to build the runtime's client, turn bytes into what its users
 * upload, and read a download back), and each runtime's test file registers them
 * with its own runner.
 */
import { assert, assertBytesEqual, assertEqual } from "./assert.ts";
import { devFaults, partUploadPath } from "./dev-faults.ts";
import { buildModelArchive, sha256Hex } from "./tar-archive.ts";
import type { TestEnvironment } from "./test-environment.ts";

/** The storage protocols the dev server seeds an orbit and a collection for. */
export type StorageKind = "s3" | "azure";

/** A progress report, as the SDK's `onProgress` receives it. */
export interface ProgressEvent {
  phase: "hashing" | "uploading" | "downloading";
  loaded: number;
  total: number;
}

/** The parts of an artifact record the cases look at. */
export interface SuiteArtifact {
  id: string;
  name?: string | null;
  file_name: string;
  size: number;
  status: string;
  collection_id?: string;
  file_hash?: string | null;
  extra_values?: Record<string, unknown> | null;
}

/** The parts of a download result the cases look at. */
export interface SuiteDownloadResult {
  path: string | undefined;
  size: number;
  file_hash: string;
}

/** A download sink, as `artifacts.download({ sink })` takes it. */
export interface SuiteSink {
  write(chunk: Uint8Array, position: number): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** The client surface the cases use: the runtime package's `LumlClient`. */
export interface SuiteClient {
  artifacts: {
    upload(
      input: unknown,
      options?: {
        name?: string;
        tags?: string[];
        onProgress?: (event: ProgressEvent) => void;
        signal?: AbortSignal;
        concurrency?: number;
      },
    ): Promise<SuiteArtifact>;
    list(options?: {
      sortBy?: string;
      order?: "asc" | "desc";
      limit?: number;
      startAfter?: string | null;
    }): Promise<{ items: SuiteArtifact[]; cursor?: string | null }>;
    get(idOrName: string): Promise<SuiteArtifact | null>;
    download(
      artifactId: string,
      options?: { to?: unknown; sink?: SuiteSink; onProgress?: (event: ProgressEvent) => void },
    ): Promise<SuiteDownloadResult>;
    delete(artifactId: string): Promise<void>;
  };
}

/** What the client of one case is created with. */
export interface SuiteClientOptions {
  apiKey: string;
  baseUrl: string;
  organization: string;
  orbit: string;
  collection: string;
}

/** How one runtime plugs into the suite. */
export interface RuntimeAdapter {
  /** The runtime's name, used in case and artifact names (`node 20`, `deno`…). */
  runtime: string;
  /** The dev server to test against. */
  environment: TestEnvironment;
  /** The runtime package's client. */
  createClient(options: SuiteClientOptions): SuiteClient;
  /** What a user of this runtime uploads: a file path on disk, a `File`… */
  makeSource(bytes: Uint8Array, fileName: string): unknown | Promise<unknown>;
  /** A fresh path to download `fileName` to, in runtimes that write files. */
  tempPath?(fileName: string): string;
  /** A sink to download into, in runtimes without files (browsers). */
  createSink?(): SuiteSink;
  /** The downloaded bytes, from the result (its `path`) or the sink it was written to. */
  readDownload(result: SuiteDownloadResult, sink: SuiteSink | undefined): Promise<Uint8Array>;
}

/** One case: a name for the runner and a function that throws on failure. */
export interface RuntimeCase {
  name: string;
  run(): Promise<void>;
}

const mebibyte = 1024 * 1024;
/** Below the suite's 6 MiB multipart threshold: one simple PUT. */
const smallOpsSize = 64 * 1024;
/** Above the threshold: two parts of at most 5 MiB. */
const multipartOpsSize = 7 * mebibyte + 12_345;

/** The suite's cases for `adapter`, for the S3 and then the Azure collection. */
export function defineRuntimeSuite(adapter: RuntimeAdapter): RuntimeCase[] {
  return (["s3", "azure"] as const).flatMap((kind) => {
    const cases = new StorageCases(adapter, kind);
    return [
      {
        name: `${kind}: uploads a small archive (simple PUT), lists, gets, downloads, deletes`,
        run: () => cases.roundTrip("small", smallOpsSize),
      },
      {
        name: `${kind}: uploads a multipart archive, lists, gets, downloads, deletes`,
        run: () => cases.roundTrip("multipart", multipartOpsSize),
      },
      {
        name: `${kind}: an abort mid-upload rejects with its reason and marks upload_failed`,
        run: () => cases.abortMidUpload(),
      },
      {
        name: `${kind}: a part failing once with 503 is retried and the upload succeeds`,
        run: () => cases.retryFailedPart(),
      },
      {
        name: `${kind}: progress is monotonic in every phase and ends at the total`,
        run: () => cases.progress(),
      },
      {
        name: `${kind}: a download into a WritableStream whose reader lags gets exactly the file`,
        run: () => cases.downloadIntoLaggingStream(),
      },
    ];
  });
}

/** The cases against one storage's seeded collection. */
class StorageCases {
  readonly #adapter: RuntimeAdapter;
  readonly #kind: StorageKind;

  constructor(adapter: RuntimeAdapter, kind: StorageKind) {
    this.#adapter = adapter;
    this.#kind = kind;
  }

  /** Uploads, finds (list by metric, id, name, file name), downloads and deletes. */
  async roundTrip(label: string, opsSize: number): Promise<void> {
    const client = this.client();
    const f1 = Math.round(Math.random() * 1000) / 1000;
    const file = await this.#archive(label, opsSize, { F1: f1, accuracy: 0.5 });
    const artifact = await client.artifacts.upload(file.source, {
      name: file.name,
      tags: ["runtime-suite"],
    });
    assertEqual(artifact.status, "uploaded", "status after upload");
    assertEqual(artifact.file_hash, file.hash, "file_hash");
    assertEqual(artifact.size, file.bytes.byteLength, "size");
    assertEqual(artifact.file_name, file.fileName, "file_name");
    assertEqual(artifact.extra_values?.F1, f1, "F1 metric in extra_values");

    for (const order of ["desc", "asc"] as const) {
      await this.#checkSortedByMetric(client, "F1", order, artifact.id);
    }
    for (const key of [artifact.id, file.name, file.fileName]) {
      const found = await client.artifacts.get(key);
      assertEqual(found?.id, artifact.id, `get(${key}) id`);
      assertEqual(found?.file_hash, file.hash, `get(${key}) file_hash`);
    }

    const downloaded = await this.#download(client, artifact);
    assertBytesEqual(downloaded.bytes, file.bytes, "downloaded bytes");
    assertEqual(await sha256Hex(downloaded.bytes), artifact.file_hash, "sha256 of the download");
    assertEqual(downloaded.result.file_hash, artifact.file_hash, "download result file_hash");

    await client.artifacts.delete(artifact.id);
    assertEqual(await client.artifacts.get(artifact.id), null, "get by id after delete");
    assertEqual(await client.artifacts.get(file.name), null, "get by name after delete");
  }

  /** Stalls every part upload, aborts while one is in flight, checks the outcome. */
  async abortMidUpload(): Promise<void> {
    const client = this.client();
    const faults = devFaults(this.#adapter.environment.baseUrl);
    const file = await this.#archive("abort", multipartOpsSize, { F1: 0.1 });
    const rule = await faults.add({
      target: this.#kind,
      method: "PUT",
      path: partUploadPath,
      times: 20,
      action: { delayMs: 5_000 },
    });
    const controller = new AbortController();
    const reason = new Error("stopped by the user");
    let abortedAt = 0;
    // Abort once storage has received a part request: the record exists by then.
    const watcher = waitForRule(faults.list, rule, controller.signal).then((seen) => {
      if (!seen) return;
      abortedAt = Date.now();
      controller.abort(reason);
    });
    try {
      const outcome = await client.artifacts
        .upload(file.source, { name: file.name, signal: controller.signal })
        .then(
          () => "resolved",
          (error: unknown) => error,
        );
      assert(outcome === reason, `upload rejects with the abort reason, got ${String(outcome)}`);
      const delay = Date.now() - abortedAt;
      assert(delay < 4_000, `the upload stops promptly after the abort (took ${delay} ms)`);
    } finally {
      controller.abort(reason);
      await watcher;
      await faults.clear();
    }
    const artifact = await client.artifacts.get(file.name);
    assertEqual(artifact?.status, "upload_failed", "status after the aborted upload");
  }

  /** Fails the second part request once with 503; the upload retries it and succeeds. */
  async retryFailedPart(): Promise<void> {
    const client = this.client();
    const faults = devFaults(this.#adapter.environment.baseUrl);
    const file = await this.#archive("retry", multipartOpsSize, { F1: 0.2 });
    const rule = await faults.add({
      target: this.#kind,
      method: "PUT",
      path: partUploadPath,
      nth: 2,
      action: { status: 503 },
    });
    let artifact: SuiteArtifact;
    try {
      artifact = await client.artifacts.upload(file.source, { name: file.name, concurrency: 1 });
      const fired = (await faults.list()).find((listed) => listed.id === rule)?.fired;
      assertEqual(fired, 1, "times the 503 fault fired");
    } finally {
      await faults.clear();
    }
    assertEqual(artifact.status, "uploaded", "status after the retried part");
    const downloaded = await this.#download(client, artifact);
    assertBytesEqual(downloaded.bytes, file.bytes, "bytes after the retried part");
    await client.artifacts.delete(artifact.id);
  }

  /** Hashing, uploading and downloading progress: monotonic, ending at the file size. */
  async progress(): Promise<void> {
    const client = this.client();
    const file = await this.#archive("progress", multipartOpsSize, { F1: 0.3 });
    const events: ProgressEvent[] = [];
    const artifact = await client.artifacts.upload(file.source, {
      name: file.name,
      concurrency: 2,
      onProgress: (event) => events.push({ ...event }),
    });
    const total = file.bytes.byteLength;
    checkProgress(events, "hashing", total);
    checkProgress(events, "uploading", total);
    const lastHashing = events.findLastIndex((event) => event.phase === "hashing");
    const firstUploading = events.findIndex((event) => event.phase === "uploading");
    assert(lastHashing < firstUploading, "hashing progress ends before uploading starts");

    const downloadEvents: ProgressEvent[] = [];
    await this.#download(client, artifact, (event) => downloadEvents.push({ ...event }));
    checkProgress(downloadEvents, "downloading", total);
    await client.artifacts.delete(artifact.id);
  }

  /**
   * Downloads into a `WritableStream` whose reader takes its time: the stream holds
   * chunks the SDK has moved on from, so those must be the SDK's to give away.
   */
  async downloadIntoLaggingStream(): Promise<void> {
    const client = this.client();
    const file = await this.#archive("stream", multipartOpsSize, { F1: 0.4 });
    const artifact = await client.artifacts.upload(file.source, { name: file.name });
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const download = client.artifacts.download(artifact.id, { to: writable });
    const received = await readLagging(readable);
    const result = await download;
    assertEqual(result.file_hash, file.hash, "download result file_hash");
    assertBytesEqual(received, file.bytes, "bytes the stream's reader got");
    await client.artifacts.delete(artifact.id);
  }

  /** A client whose default collection is this storage's seeded one. */
  client(): SuiteClient {
    const { environment } = this.#adapter;
    const { seeded } = environment;
    return this.#adapter.createClient({
      apiKey: environment.apiKey,
      baseUrl: environment.baseUrl,
      organization: seeded.organization.id,
      orbit: seeded.orbits[this.#kind].id,
      collection: seeded.collections[this.#kind].id,
    });
  }

  async #archive(label: string, opsSize: number, metrics: Record<string, number>) {
    const runtime = this.#adapter.runtime.replace(/[^a-z0-9]+/gi, "");
    const suffix = Math.random().toString(36).slice(2, 8);
    const name = `rt-${runtime}-${this.#kind}-${label}-${suffix}`;
    const fileName = `${name}.fnnx`;
    const bytes = buildModelArchive(opsSize, metrics);
    const source = await this.#adapter.makeSource(bytes, fileName);
    return { name, fileName, bytes, source, hash: await sha256Hex(bytes) };
  }

  async #download(
    client: SuiteClient,
    artifact: SuiteArtifact,
    onProgress?: (event: ProgressEvent) => void,
  ): Promise<{ result: SuiteDownloadResult; bytes: Uint8Array }> {
    const to = this.#adapter.tempPath?.(artifact.file_name);
    const sink = to === undefined ? this.#adapter.createSink?.() : undefined;
    const result = await client.artifacts.download(artifact.id, { to, sink, onProgress });
    return { result, bytes: await this.#adapter.readDownload(result, sink) };
  }

  /** Lists every page sorted by `metric` and checks the order and that `id` is there. */
  async #checkSortedByMetric(
    client: SuiteClient,
    metric: string,
    order: "asc" | "desc",
    id: string,
  ): Promise<void> {
    const items: SuiteArtifact[] = [];
    let startAfter: string | null = null;
    do {
      const page = await client.artifacts.list({ sortBy: metric, order, limit: 3, startAfter });
      items.push(...page.items);
      startAfter = page.cursor ?? null;
    } while (startAfter);
    assert(
      items.some((item) => item.id === id),
      `the uploaded artifact is listed (${order})`,
    );
    const values = items
      .map((item) => item.extra_values?.[metric])
      .filter((value): value is number => typeof value === "number");
    for (let index = 1; index < values.length; index++) {
      const [previous, current] = [values[index - 1] as number, values[index] as number];
      assert(
        order === "desc" ? previous >= current : previous <= current,
        `listed ${order} by ${metric}: ${values.join(", ")}`,
      );
    }
  }
}

/** Checks a phase's events: at least one, `loaded` never decreasing, last at `total`. */
export function checkProgress(
  events: readonly ProgressEvent[],
  phase: ProgressEvent["phase"],
  total: number,
): void {
  const ofPhase = events.filter((event) => event.phase === phase);
  assert(ofPhase.length > 0, `${phase} progress was reported`);
  for (let index = 1; index < ofPhase.length; index++) {
    const [previous, current] = [ofPhase[index - 1], ofPhase[index]] as [
      ProgressEvent,
      ProgressEvent,
    ];
    assert(
      current.loaded >= previous.loaded,
      `${phase} progress went back from ${previous.loaded} to ${current.loaded}`,
    );
    assertEqual(current.total, total, `${phase} progress total`);
  }
  assertEqual(ofPhase.at(-1), { phase, loaded: total, total }, `last ${phase} event`);
}

/** Reads `stream` to its end, pausing after each chunk, and returns every byte read. */
async function readLagging(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  for (const reader = stream.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  // A Blob copies each chunk as it is made: what the reader was given, as it was.
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

/** Polls the fault rules until `ruleId` has matched a request; false if `signal` ends first. */
async function waitForRule(
  list: () => Promise<Array<{ id: string; matched: number }>>,
  ruleId: string,
  signal: AbortSignal,
): Promise<boolean> {
  while (!signal.aborted) {
    const rule = (await list()).find((listed) => listed.id === ruleId);
    if (rule && rule.matched > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
