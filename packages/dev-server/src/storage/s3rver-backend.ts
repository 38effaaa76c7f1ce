import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** The parts of s3rver's filesystem store this module uses or replaces. */
interface FilesystemStore {
  rootDirectory: string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5: string): Promise<void>;
  putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
  putPart(
    bucket: string,
    uploadId: string,
    partNumber: string | number,
    content: Readable,
  ): Promise<{ size: number; md5: string }>;
  putObjectMultipart(
    bucket: string,
    uploadId: string,
    parts: unknown[],
  ): Promise<{ size: number; md5: string }>;
}

interface StoredObject {
  bucket: string;
  key: string;
  content: Readable | Buffer;
  metadata: unknown;
}

interface S3rverInstance {
  store: FilesystemStore;
  httpServer?: import("node:http").Server;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

/** A part of a multipart upload as s3rver holds it. */
export interface StoredPart {
  /** md5 hex of the part's bytes (its ETag without quotes). */
  etag: string;
  /** Byte length of the part. */
  size: number;
}

/** An s3rver running in this process on an ephemeral port. */
export interface S3rverBackend {
  /** `http://127.0.0.1:PORT`. */
  endpoint: string;
  /** Host and port to forward to. */
  address: { host: string; port: number };
  /** The object key a pending multipart upload was created for, or `undefined` if no such upload exists. */
  uploadKey(uploadId: string): Promise<string | undefined>;
  /** A stored part of a pending upload, or `undefined` if it was never uploaded. */
  part(uploadId: string, partNumber: number): Promise<StoredPart | undefined>;
  stop(): Promise<void>;
}

/** Writes a stream to a temporary sibling, then renames it into place, hashing as it goes. */
async function writeAtomically(
  target: string,
  content: Readable | Buffer,
): Promise<{ size: number; md5: string }> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString("hex")}.partial`;
  const md5 = createHash("md5");
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
  try {
    await pipeline(source, hashing, createWriteStream(temporary));
    await rename(temporary, target);
  } catch (error) {
    // An interrupted upload must leave nothing behind (and must not replace the previous object).
    await rm(temporary, { force: true });
    throw error;
  }
  return { size, md5: md5.digest("hex") };
}

/** s3rver's upload ids: 16 random bytes in hex. */
const UPLOAD_ID_PATTERN = /^[0-9a-f]{32}$/;

function checkUploadId(uploadId: string): void {
  if (!UPLOAD_ID_PATTERN.test(uploadId)) throw new Error("s3rver: not an upload id");
}

/**
 * Keeps every file s3rver touches inside its folder. s3rver joins keys, bucket
 * names and upload ids onto its folder as they come, so a `..` would reach
 * anywhere on disk; the proxy refuses such requests, and this holds even for a
 * request sent to s3rver directly (it then answers 500).
 */
function confineStore(store: FilesystemStore): void {
  const root = resolve(store.rootDirectory);
  const resourcePath = store.getResourcePath.bind(store);
  store.getResourcePath = (bucket, key, resource) => {
    const path = resolve(resourcePath(bucket, key, resource));
    if (!path.startsWith(root + sep)) throw new Error("s3rver: path outside its folder");
    return path;
  };
  const putObjectMultipart = store.putObjectMultipart.bind(store);
  store.putObjectMultipart = (bucket, uploadId, parts) => {
    checkUploadId(uploadId);
    return putObjectMultipart(bucket, uploadId, parts);
  };
}

/**
 * Replaces s3rver's writers: upstream they report success before the file is
 * flushed and never settle when the client disconnects, leaving partial objects.
 */
function hardenStore(store: FilesystemStore): void {
  store.putObject = async (object) => {
    const target = store.getResourcePath(object.bucket, object.key, "object");
    const result = await writeAtomically(target, object.content);
    await store.putMetadata(object.bucket, object.key, object.metadata, result.md5);
    return result;
  };
  store.putPart = async (bucket, uploadId, partNumber, content) => {
    checkUploadId(uploadId);
    if (!/^\d{1,5}$/.test(String(partNumber))) throw new Error("s3rver: not a part number");
    const target = join(
      store.getResourcePath(bucket, undefined, "uploads"),
      uploadId,
      String(partNumber),
    );
    const partial = `${target}.incoming`;
    const result = await writeAtomically(partial, content);
    await writeFile(`${target}.md5`, result.md5);
    await rename(partial, target);
    return result;
  };
}

/**
 * The ETag S3 gives an object assembled from parts: the md5 of the concatenated
 * binary md5s of its parts, then `-` and the number of parts.
 */
export function multipartEtag(partEtags: readonly string[]): string {
  const md5 = createHash("md5");
  for (const etag of partEtags) md5.update(Buffer.from(etag.replace(/"/g, ""), "hex"));
  return `${md5.digest("hex")}-${partEtags.length}`;
}

/**
 * Gives objects completed from parts S3's multipart ETag (see {@link multipartEtag}),
 * in the CompleteMultipartUpload reply and on later GETs and HEADs; s3rver would
 * answer the md5 of the whole object, which S3 never does for a multipart object.
 */
function useMultipartEtags(store: FilesystemStore): void {
  const putObjectMultipart = store.putObjectMultipart.bind(store);
  store.putObjectMultipart = async (bucket, uploadId, parts) => {
    checkUploadId(uploadId);
    const uploadDirectory = join(store.getResourcePath(bucket, undefined, "uploads"), uploadId);
    // Read before completing: s3rver removes the upload's folder once the object exists.
    const key = await readFile(join(uploadDirectory, "key"), "utf8");
    const result = await putObjectMultipart(bucket, uploadId, parts);
    const etag = multipartEtag(
      [...(parts as Array<{ number: number; etag: string }>)]
        .sort((first, second) => first.number - second.number)
        .map((part) => part.etag),
    );
    await writeFile(store.getResourcePath(bucket, key, "object.md5"), etag);
    return { ...result, md5: etag };
  };
}

/** Starts s3rver on 127.0.0.1 with `bucket` created, storing under `directory`. */
export async function startS3rver(directory: string, bucket: string): Promise<S3rverBackend> {
  const require = createRequire(import.meta.url);
  const S3rver = require("s3rver") as S3rverConstructor;
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  confineStore(server.store);
  hardenStore(server.store);
  useMultipartEtags(server.store);
  const address = await server.run();
  const uploadsDirectory = server.store.getResourcePath(bucket, undefined, "uploads");

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    address: { host: "127.0.0.1", port: address.port },
    async uploadKey(uploadId) {
      if (!UPLOAD_ID_PATTERN.test(uploadId)) return undefined;
      return readFile(join(uploadsDirectory, uploadId, "key"), "utf8").catch(() => undefined);
    },
    async part(uploadId, partNumber) {
      if (!UPLOAD_ID_PATTERN.test(uploadId)) return undefined;
      const partPath = join(uploadsDirectory, uploadId, String(partNumber));
      try {
        const [etag, info] = await Promise.all([
          readFile(`${partPath}.md5`, "utf8"),
          stat(partPath),
        ]);
        return { etag: etag.trim(), size: info.size };
      } catch {
        return undefined;
      }
    },
    async stop() {
      const closing = server.close();
      // Kept-alive connections would otherwise hold the port open.
      server.httpServer?.closeAllConnections();
      await closing;
    },
  };
}
