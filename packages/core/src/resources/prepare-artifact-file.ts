/**
 * What every upload does before a record exists: check the file, index its archive
 * and hash it. `artifacts.upload` runs it and creates the record at once; a page
 * that holds no API key runs it (`prepareUpload` in `@luml/browser`) and hands the
 * result to its server, which creates the record with `artifacts.beginUpload`.
 */
import * as v from "valibot";
import { checkArchiveManifest } from "../archive/check-archive-manifest";
import { indexArchive } from "../archive/index-archive";
import { validateArtifactFile } from "../archive/validate-artifact-file";
import { FileError, InvalidArgumentError } from "../errors";
import { sha256HexPattern } from "../hashing/sha256-hex";
import { type ArtifactManifest, artifactManifestSchema } from "../models/manifest";
import type { Platform, ProgressCallback, UploadSource } from "../platform";
import { hashBlob } from "../storage/hash-blob";
import { byteCountSchema, parseArgument, plainObjectSchema } from "./parse-argument";
import { checkUploadOptions } from "./transfer-options";
import { TransferSignal } from "./transfer-signal";
import { checkFileUrl } from "./validate";

/**
 * What the create call needs to know about an artifact file, computed from the
 * file itself, with the API's field names (it is part of the create body as is).
 */
export interface PreparedUpload {
  /** The file name to record (`model.fnnx`). */
  file_name: string;
  /** The file's size in bytes. */
  size: number;
  /** sha256 (lower-case hex) of the whole file. */
  file_hash: string;
  /** Member path → `[data offset, size]` inside the tar archive. */
  file_index: Record<string, [number, number]>;
  /** The JSON content of the archive's `manifest.json`, in a form the service accepts. */
  manifest: ArtifactManifest;
  /** The artifact's metrics, from `meta.json`. */
  extra_values: Record<string, unknown>;
}

/** Options of {@link prepareArtifactFile}. */
export interface PrepareArtifactFileOptions {
  /** The file name to record, for a `Blob` that has none (a `File`'s own name is used otherwise). */
  fileName?: string | undefined;
  /** Receives `hashing` progress. */
  onProgress?: ProgressCallback | undefined;
  /** Stops reading; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Runs once the file is checked and indexed, before it is hashed: an upload
   * resolves its collection there, so a wrong one fails before a long hash and
   * a bad file still fails before any request.
   */
  beforeHashing?: (() => Promise<unknown>) | undefined;
}

/** A checked, indexed and hashed file, with the source to send its bytes from. */
export interface PreparedArtifactFile {
  /** The opened file; its bytes are read again when they are sent. */
  source: UploadSource;
  /** What the create call needs. */
  prepared: PreparedUpload;
}

/**
 * Checks an artifact file (name, extension, size, archive, manifest) before any request,
 * indexes its archive and hashes it: the one implementation of "validate, index,
 * hash" behind `artifacts.upload` and the key-less `prepareUpload`. A source that
 * can tell (a file on disk) is checked again after hashing, so the hash describes
 * the bytes the file still holds.
 *
 * @param platform - Hashing (and opening paths or handles) for this runtime.
 * @param input - A `Blob`/`File`, an `UploadSource`, or what `platform.openSource` opens.
 */
export async function prepareArtifactFile(
  platform: Platform,
  input: unknown,
  options: PrepareArtifactFileOptions = {},
): Promise<PreparedArtifactFile> {
  checkUploadOptions(options);
  const transfer = new TransferSignal(options.signal);
  const { signal } = transfer;
  try {
    const onProgress = transfer.guard(options.onProgress);
    const source = await openUploadSource(platform, input, options.fileName, signal);
    validateArtifactFile(source.name, source.size);
    const archive = await indexArchive(source.blob, { signal, fileName: source.name });
    // Before hashing, which reads the whole file: the service would refuse this manifest.
    checkArchiveManifest(archive.manifest, source.name);
    await options.beforeHashing?.();
    signal.throwIfAborted();
    const fileHash = await hashBlob(platform, source.blob, { signal, onProgress });
    // The hash must describe the bytes that will be sent: a file edited since it was
    // opened is refused before a record exists.
    await source.check?.();
    signal.throwIfAborted();
    return {
      source,
      prepared: {
        file_name: source.name,
        size: source.size,
        file_hash: fileHash,
        file_index: archive.file_index,
        manifest: archive.manifest,
        extra_values: archive.extra_values,
      },
    };
  } catch (error) {
    // An abort (the caller's, or a throwing callback's error) rejects with its reason.
    if (signal.aborted) throw signal.reason;
    throw error;
  } finally {
    transfer.dispose();
  }
}

/** Turns what the user passed into an upload source, without reading the file. */
async function openUploadSource(
  platform: Platform,
  input: unknown,
  fileName: string | undefined,
  signal: AbortSignal,
): Promise<UploadSource> {
  if (isUploadSource(input)) {
    // The record takes `size` while the index and the hash read `blob`: two sizes
    // would make an `uploaded` record whose download can never be verified.
    if (input.size !== input.blob.size) {
      throw new InvalidArgumentError({
        argument: "input.size",
        message: `an UploadSource's size (${input.size}) must equal its blob's size (${input.blob.size})`,
      });
    }
    return input;
  }
  if (input instanceof Blob) {
    const name = fileName ?? (input as Partial<File>).name;
    if (!name) {
      throw new FileError({
        code: "invalid_name",
        message: "This Blob has no file name: pass `fileName` (for example model.fnnx)",
      });
    }
    return { name, size: input.size, blob: input };
  }
  if (platform.openSource) {
    if (input === "") {
      throw new InvalidArgumentError({
        argument: "input",
        message: "expected a file path, got an empty string",
      });
    }
    checkFileUrl(input, "input");
    const source = await platform.openSource(input, { signal });
    return fileName ? { ...source, name: fileName } : source;
  }
  throw new InvalidArgumentError({
    argument: "input",
    message:
      typeof input === "string"
        ? "a file path needs a runtime with files: import LumlClient from @luml/node (Node, Bun) or @luml/deno; here, pass a Blob or a File"
        : "expected a Blob, a File or an UploadSource",
  });
}

function isUploadSource(input: unknown): input is UploadSource {
  if (typeof input !== "object" || input === null || input instanceof Blob) return false;
  const candidate = input as Partial<UploadSource>;
  return (
    typeof candidate.name === "string" &&
    typeof candidate.size === "number" &&
    candidate.blob instanceof Blob
  );
}

const preparedUploadSchema = v.object({
  file_name: v.string(),
  size: v.pipe(byteCountSchema, v.minValue(1, "Invalid size: an artifact archive is never empty")),
  file_hash: v.pipe(
    v.string(),
    v.regex(sha256HexPattern, "Invalid sha256: expected 64 hexadecimal digits"),
    v.toLowerCase(),
  ),
  file_index: v.pipe(
    plainObjectSchema,
    v.record(v.string(), v.tuple([byteCountSchema, byteCountSchema])),
  ),
  manifest: artifactManifestSchema,
  extra_values: plainObjectSchema,
});

/**
 * Checks a `PreparedUpload` that arrived as JSON (from a page) with the checks
 * `artifacts.upload` makes of a file: its fields and their types (the manifest in
 * a form the service accepts), then the file name, extension and size. Only the prepared fields are kept: anything else the
 * sender added is dropped, never passed on to the create call.
 *
 * @throws InvalidArgumentError for a missing or mistyped field (`prepared.file_hash`);
 *   FileError for a file name, extension or size the service would refuse.
 */
export function checkPreparedUpload(value: unknown): PreparedUpload {
  const prepared = parseArgument(preparedUploadSchema, value, "prepared") as PreparedUpload;
  validateArtifactFile(prepared.file_name, prepared.size);
  return prepared;
}
