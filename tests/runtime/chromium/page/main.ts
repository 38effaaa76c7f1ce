/**
 * The behaviour suite in a web page: `@luml/browser`'s client uploads `File`s and
 * downloads into Blobs, against a dev server on another origin (real CORS). The
 * Node side drives it through `window.lumlSuite`.
 */
import { LumlClient, LumlError, saveArtifact } from "../../../../packages/browser/dist/index.js";
import { createBlobSink } from "../../../../packages/core/dist/internal.js";
import { assert, assertEqual } from "../../suite/assert.ts";
import {
  checkProgress,
  defineRuntimeSuite,
  type ProgressEvent,
  type RuntimeAdapter,
  type RuntimeCase,
  type StorageKind,
  type SuiteClient,
  type SuiteSink,
} from "../../suite/define-runtime-suite.ts";
import { buildModelArchive, sha256Hex } from "../../suite/tar-archive.ts";
import type { TestEnvironment } from "../../suite/test-environment.ts";
import "./fault-page.ts";
import type { PickedUploadReport } from "./picked-upload-report.ts";

/** What the Node side calls in the page. */
export interface LumlSuitePage {
  /** Sets the dev server to test against; must come first. */
  configure(environment: TestEnvironment): void;
  /** Runs the suite's case called `name`; rejects with the failure. */
  run(name: string): Promise<void>;
  /** Uploads the file chosen in `#picker` to `kind`'s collection and checks it. */
  uploadPicked(kind: StorageKind, expectedHash: string): Promise<PickedUploadReport>;
  /**
   * Uploads a file through a `FileSystemFileHandle` (the origin's private file system)
   * and edits it once the upload is under way; reports how the upload ended and the
   * status the record was left in.
   */
  uploadEditedHandle(kind: StorageKind): Promise<EditedUploadReport>;
  /**
   * Saves an uploaded artifact with `saveArtifact`, given its record and then its id,
   * through a save dialog that answers with an origin-private file; reports the
   * names the dialog was offered and whether each saved file hashes right.
   */
  saveThroughDialog(kind: StorageKind): Promise<{ offered: unknown[]; verified: boolean[] }>;
  /** Uploads a small file to `kind`'s collection; reports its name and how it ended. */
  uploadSmall(kind: StorageKind): Promise<SmallUploadReport>;
  /** Builds a client with the API key but without the browser opt-in; reports what it threw. */
  clientWithoutOptIn(): { name: string; message: string; serialized: string } | undefined;
}

/** How `uploadSmall` ended. */
export interface SmallUploadReport {
  /** The artifact name it was uploaded under. */
  name: string;
  uploaded: boolean;
  error?: { name: string; message: string; isLumlError: boolean; isRetryable: unknown };
}

declare global {
  interface Window {
    lumlSuite: LumlSuitePage;
  }
}

let cases: RuntimeCase[] = [];
let environment: TestEnvironment | undefined;

function createClient(options: Parameters<RuntimeAdapter["createClient"]>[0]): SuiteClient {
  // The page holds a test key on purpose; real pages get a short-lived one.
  return new LumlClient({ ...options, dangerouslyAllowBrowser: true });
}

function adapterFor(testEnvironment: TestEnvironment): RuntimeAdapter {
  return {
    runtime: "chromium",
    environment: testEnvironment,
    createClient,
    makeSource: (bytes, fileName) => new File([bytes as Uint8Array<ArrayBuffer>], fileName),
    createSink: () => createBlobSink(),
    async readDownload(_result, sink) {
      const blobSink = sink as ReturnType<typeof createBlobSink> | undefined;
      if (!blobSink) throw new Error("The download had no sink");
      return new Uint8Array(await blobSink.blob().arrayBuffer());
    },
  };
}

/** A client of `kind`'s seeded collection, as a page configures one. */
function clientFor(testEnvironment: TestEnvironment, kind: StorageKind): SuiteClient {
  const { seeded } = testEnvironment;
  return createClient({
    apiKey: testEnvironment.apiKey,
    baseUrl: testEnvironment.baseUrl,
    organization: seeded.organization.id,
    orbit: seeded.orbits[kind].id,
    collection: seeded.collections[kind].id,
  });
}

async function uploadPicked(kind: StorageKind, expectedHash: string): Promise<PickedUploadReport> {
  if (!environment) throw new Error("configure() first");
  const picker = document.querySelector<HTMLInputElement>("#picker");
  const file = picker?.files?.[0];
  assert(file, "a file was chosen in the picker");
  const client = clientFor(environment, kind);
  const events: ProgressEvent[] = [];
  const name = `rt-chromium-${kind}-picked-${Math.random().toString(36).slice(2, 8)}`;
  const artifact = await client.artifacts.upload(file, {
    name,
    onProgress: (event) => events.push({ ...event }),
  });
  assertEqual(artifact.status, "uploaded", "status after upload");
  assertEqual(artifact.file_hash, expectedHash, "file_hash of the picked file");
  checkProgress(events, "hashing", file.size);
  checkProgress(events, "uploading", file.size);

  const sink = createBlobSink() as SuiteSink & ReturnType<typeof createBlobSink>;
  // How long the page's own tasks (a 1 ms timer) wait while the download is verified.
  const ticks: number[] = [performance.now()];
  const timer = setInterval(() => ticks.push(performance.now()), 1);
  await client.artifacts.download(artifact.id, { sink });
  clearInterval(timer);
  ticks.push(performance.now());
  const downloadMs = (ticks.at(-1) as number) - (ticks[0] as number);
  const downloadLongestGap = Math.max(
    ...ticks.slice(1).map((tick, index) => tick - (ticks[index] as number)),
  );
  const downloadedHash = await sha256Hex(sink.blob());
  assertEqual(downloadedHash, expectedHash, "sha256 of the download");
  await client.artifacts.delete(artifact.id);
  assertEqual(await client.artifacts.get(artifact.id), null, "get after delete");
  return {
    fileName: file.name,
    size: file.size,
    uploadingEvents: events.filter((event) => event.phase === "uploading").length,
    downloadedHash,
    downloadMs,
    downloadLongestGap,
  };
}

/** How an upload from a handle edited mid-upload ended. */
export interface EditedUploadReport {
  uploaded: boolean;
  errorName?: string;
  errorCode?: string;
  /** The statuses of the records with the upload's name (none if none was created). */
  statuses: string[];
}

async function uploadEditedHandle(kind: StorageKind): Promise<EditedUploadReport> {
  if (!environment) throw new Error("configure() first");
  const client = clientFor(environment, kind);
  const folder = await navigator.storage.getDirectory();
  const name = `rt-chromium-${kind}-edited-${Math.random().toString(36).slice(2, 8)}`;
  const handle = await folder.getFileHandle(`${name}.fnnx`, { create: true });
  const writing = await handle.createWritable();
  await writing.write(buildModelArchive(8 * 1024 * 1024, { F1: 0.5 }) as Uint8Array<ArrayBuffer>);
  await writing.close();
  let edit: Promise<void> | undefined;
  const editOnce = () => {
    edit ??= (async () => {
      const editing = await handle.createWritable({ keepExistingData: true });
      // Appended: the size differs whatever the file system's clock resolution.
      const size = (await handle.getFile()).size;
      await editing.write({ type: "write", position: size, data: new Uint8Array(512) });
      await editing.close();
    })();
  };
  const report: EditedUploadReport = { uploaded: false, statuses: [] };
  try {
    await client.artifacts.upload(handle, {
      name,
      onProgress: (event) => {
        if (event.phase === "uploading" && event.loaded > 0) editOnce();
      },
    });
    report.uploaded = true;
  } catch (error) {
    const failure = error as Error & { code?: string };
    report.errorName = failure.name;
    if (failure.code !== undefined) report.errorCode = failure.code;
  }
  await edit;
  const listing = (client as unknown as LumlClient).artifacts;
  const page = await listing.list({ search: name, limit: 10 });
  report.statuses = page.items.filter((item) => item.name === name).map((item) => item.status);
  await folder.removeEntry(handle.name);
  return report;
}

async function saveThroughDialog(
  kind: StorageKind,
): Promise<{ offered: unknown[]; verified: boolean[] }> {
  if (!environment) throw new Error("configure() first");
  const client = clientFor(environment, kind) as unknown as LumlClient;
  const bytes = buildModelArchive(256 * 1024, { F1: 0.5 }) as Uint8Array<ArrayBuffer>;
  const name = `rt-chromium-${kind}-saved-${Math.random().toString(36).slice(2, 8)}`;
  const artifact = await client.artifacts.upload(new File([bytes], `${name}.fnnx`));
  const folder = await navigator.storage.getDirectory();
  const offered: unknown[] = [];
  const verified: boolean[] = [];
  // The real dialog needs a person; this one answers with a file of the origin's own.
  const dialog = async (options: { suggestedName?: string }) => {
    offered.push(options.suggestedName);
    return folder.getFileHandle(`saved-${offered.length}.fnnx`, { create: true });
  };
  const scope = window as unknown as { showSaveFilePicker?: typeof dialog };
  const original = scope.showSaveFilePicker;
  scope.showSaveFilePicker = dialog;
  try {
    for (const given of [artifact, artifact.id]) {
      await saveArtifact(client, given);
      const saved = await folder.getFileHandle(`saved-${offered.length}.fnnx`);
      verified.push((await sha256Hex(await saved.getFile())) === artifact.file_hash);
      await folder.removeEntry(saved.name);
    }
  } finally {
    scope.showSaveFilePicker = original;
    await client.artifacts.delete(artifact.id);
  }
  return { offered, verified };
}

async function uploadSmall(kind: StorageKind): Promise<SmallUploadReport> {
  if (!environment) throw new Error("configure() first");
  const client = clientFor(environment, kind) as unknown as LumlClient;
  const name = `rt-chromium-${kind}-small-${Math.random().toString(36).slice(2, 8)}`;
  const bytes = buildModelArchive(64 * 1024, { F1: 0.5 }) as Uint8Array<ArrayBuffer>;
  const report: SmallUploadReport = { name, uploaded: false };
  try {
    await client.artifacts.upload(new File([bytes], `${name}.fnnx`), { name });
    report.uploaded = true;
  } catch (error) {
    const failure = error as Error & { isRetryable?: unknown };
    report.error = {
      name: failure.name,
      message: failure.message,
      isLumlError: LumlError.isInstance(failure),
      isRetryable: failure.isRetryable,
    };
  }
  return report;
}

window.lumlSuite = {
  configure(testEnvironment) {
    environment = testEnvironment;
    cases = defineRuntimeSuite(adapterFor(testEnvironment));
  },
  async run(name) {
    const runtimeCase = cases.find((candidate) => candidate.name === name);
    if (!runtimeCase) throw new Error(`No case named ${JSON.stringify(name)}: configure() first`);
    await runtimeCase.run();
  },
  uploadPicked,
  uploadEditedHandle,
  saveThroughDialog,
  uploadSmall,
  clientWithoutOptIn() {
    if (!environment) throw new Error("configure() first");
    try {
      new LumlClient({ apiKey: environment.apiKey, baseUrl: environment.baseUrl });
      return undefined;
    } catch (error) {
      const failure = error as Error;
      return { name: failure.name, message: failure.message, serialized: JSON.stringify(failure) };
    }
  },
};
