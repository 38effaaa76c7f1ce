import { createHash, randomBytes } from "node:crypto";
import { createReadStream, ReadStream } from "node:fs";
import {
  type FileHandle,
  mkdir,
  open,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve, sep } from "node:path";
import type { Readable } from "node:stream";

/** The parts of s3rver's filesystem store this module uses or replaces. */
interface FilesystemStore {
  rootDirectory: string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5: string): Promise<void>;
  getObject(bucket: string, key: string, options?: unknown): Promise<ReadObject | null>;
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

/** An object as s3rver's getObject answers it: its bytes (or the asked range), or none when the range cannot be satisfied. */
interface ReadObject {
  content: Readable | null;
  range?: { start: number; end: number };
}

interface StoredObject {
  bucket: string;
  key: string;
  content: Readable | Buffer;
  metadata: unknown;
}

interface S3rverInstance {
  store: FilesystemStore;
  /** Koa's request handler, the one s3rver's own HTTP server runs. */
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  httpServer?: Server;
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
  /**
   * Serves a request in this process, as s3rver's HTTP server would: for the
   * proxy, which otherwise sends each request over loopback HTTP a second time.
   */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** The object key a pending multipart upload was created for, or `undefined` if no such upload exists. */
  uploadKey(uploadId: string): Promise<string | undefined>;
  /** A stored part of a pending upload, or `undefined` if it was never uploaded. */
  part(uploadId: string, partNumber: number): Promise<StoredPart | undefined>;
  stop(): Promise<void>;
}

/**
 * Bytes gathered before each write. Request bodies arrive in 64 KiB socket reads;
 * one write per read cost the dev server more CPU than the bytes themselves.
 */
const WRITE_BATCH_BYTES = 1024 * 1024;

/** Reads of stored files (objects served, parts joined): large reads, not Node's 64 KiB. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Writes `chunks` to a temporary sibling of `target` in large writes, then renames
 * it into place, showing each chunk to `observe` on the way. Returns the size.
 * Nothing is left behind if `chunks` fails, and the previous file stays in place.
 */
async function writeAtomically(
  target: string,
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  observe?: (chunk: Buffer) => void,
): Promise<number> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString("hex")}.partial`;
  let handle: FileHandle | undefined;
  let size = 0;
  try {
    handle = await open(temporary, "w");
    let batch: Buffer[] = [];
    let batched = 0;
    const flush = async () => {
      const { bytesWritten } = await (handle as FileHandle).writev(batch);
      if (bytesWritten !== batched) throw new Error(`s3rver: short write to ${temporary}`);
      batch = [];
      batched = 0;
    };
    for await (const chunk of chunks) {
      observe?.(chunk);
      size += chunk.length;
      batch.push(chunk);
      batched += chunk.length;
      if (batched >= WRITE_BATCH_BYTES) await flush();
    }
    if (batched > 0) await flush();
    await handle.close();
    handle = undefined;
    await rename(temporary, target);
  } catch (error) {
    // An interrupted upload must leave nothing behind (and must not replace the previous object).
    await handle?.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
  return size;
}

/** Writes an object or part as {@link writeAtomically} does, with the md5 S3 gives as its ETag. */
async function writeHashed(
  target: string,
  content: Readable | Buffer,
): Promise<{ size: number; md5: string }> {
  const md5 = createHash("md5");
  const size = await writeAtomically(
    target,
    Buffer.isBuffer(content) ? [content] : content,
    (chunk) => md5.update(chunk),
  );
  return { size, md5: md5.digest("hex") };
}

/** s3rver's upload ids: 16 random bytes in hex. */
const UPLOAD_ID_PATTERN = /^[0-9a-f]{32}$/;

function checkUploadId(uploadId: string): void {
  if (!UPLOAD_ID_PATTERN.test(uploadId)) throw new Error("s3rver: not an upload id");
}

/**
 * Longest last key segment s3rver stores under its own name. It names an object's
 * files after that segment plus a suffix (`._S3rver_metadata.json`, 22 bytes), and
 * most file systems refuse names over 255 bytes, while S3 takes keys of up to
 * 1,024: the segment (unique id, `-`, the artifact's file name) would otherwise fail
 * with 500 above 233 bytes, a file name above 200.
 */
const maxStoredNameBytes = 200;

/**
 * The key s3rver's files are named after: `key` itself, unless its last segment
 * (the artifact's file name) is too long for a file name, which is then replaced
 * by `~` and its sha256. Only a bucket listing would show the replaced name.
 */
function storedKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const slash = key.lastIndexOf("/");
  const name = key.slice(slash + 1);
  if (Buffer.byteLength(name) <= maxStoredNameBytes) return key;
  return `${key.slice(0, slash + 1)}~${createHash("sha256").update(name).digest("hex")}`;
}

/**
 * Keeps every file s3rver touches inside its folder. s3rver joins keys, bucket
 * names and upload ids onto its folder as they come, so a `..` would reach
 * anywhere on disk; the proxy refuses such requests, and this holds even for a
 * request sent to s3rver directly (it then answers 500). Keys with a file name too
 * long for the file system are stored under a shorter one (`storedKey`).
 */
function confineStore(store: FilesystemStore): void {
  const root = resolve(store.rootDirectory);
  const resourcePath = store.getResourcePath.bind(store);
  store.getResourcePath = (bucket, key, resource) => {
    const path = resolve(resourcePath(bucket, storedKey(key), resource));
    if (!path.startsWith(root + sep)) throw new Error("s3rver: path outside its folder");
    return path;
  };
}

/**
 * Replaces s3rver's writers: upstream they report success before the file is
 * flushed and never settle when the client disconnects, leaving partial objects.
 */
function hardenStore(store: FilesystemStore): void {
  store.putObject = async (object) => {
    const target = store.getResourcePath(object.bucket, object.key, "object");
    const result = await writeHashed(target, object.content);
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
    const result = await writeHashed(partial, content);
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
 * Serves objects in large reads: s3rver opens them with Node's default 64 KiB
 * chunks, and the many small buffers cost the dev server twice the CPU per GiB
 * served (most of it in garbage collection). The stream s3rver opened (which
 * proves the object exists) is swapped for one over the same bytes.
 */
function serveInLargeReads(store: FilesystemStore): void {
  const getObject = store.getObject.bind(store);
  store.getObject = async (bucket, key, options) => {
    const object = await getObject(bucket, key, options);
    if (!(object?.content instanceof ReadStream)) return object;
    const path = object.content.path;
    object.content.destroy();
    object.content = createReadStream(path, {
      ...(object.range ?? {}),
      highWaterMark: READ_CHUNK_BYTES,
    });
    return object;
  };
}

/** The part files of an upload, one after the other, in large reads. */
async function* concatenated(parts: readonly string[]): AsyncGenerator<Buffer> {
  for (const part of parts)
    yield* createReadStream(part, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>;
}

/**
 * Completes multipart uploads the way S3 does: the object is the parts in order,
 * and its ETag (in the CompleteMultipartUpload reply and on later GETs and HEADs)
 * is {@link multipartEtag}, where s3rver would answer the md5 of the whole object,
 * which S3 never does for a multipart object. The parts are copied in large reads
 * without hashing them again (s3rver streams them through md5 in 64 KiB chunks):
 * completing a 4 GiB upload took the dev server seconds of CPU.
 */
function completeUploadsAsS3(store: FilesystemStore): void {
  store.putObjectMultipart = async (bucket, uploadId, parts) => {
    checkUploadId(uploadId);
    const uploadDirectory = join(store.getResourcePath(bucket, undefined, "uploads"), uploadId);
    const [key, metadata] = await Promise.all([
      readFile(join(uploadDirectory, "key"), "utf8"),
      readFile(join(uploadDirectory, "metadata"), "utf8").then((text) => JSON.parse(text)),
    ]);
    const ordered = [...(parts as Array<{ number: number; etag: string }>)].sort(
      (first, second) => first.number - second.number,
    );
    const size = await writeAtomically(
      store.getResourcePath(bucket, key, "object"),
      concatenated(ordered.map((part) => join(uploadDirectory, String(part.number)))),
    );
    const etag = multipartEtag(ordered.map((part) => part.etag));
    await store.putMetadata(bucket, key, metadata, etag);
    await rm(uploadDirectory, { recursive: true, force: true });
    return { size, md5: etag };
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
  completeUploadsAsS3(server.store);
  serveInLargeReads(server.store);
  const address = await server.run();
  const uploadsDirectory = server.store.getResourcePath(bucket, undefined, "uploads");

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    address: { host: "127.0.0.1", port: address.port },
    handle: server.callback(),
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
