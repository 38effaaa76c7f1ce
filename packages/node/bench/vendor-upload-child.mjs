// One upload of a file with a storage vendor's own SDK, straight to the dev server's
// emulator (s3rver or azurite: its signature-checking proxy only takes presigned
// URLs), in its own process like the SDK's: prints {seconds, maxRssBytes} as JSON.
// The object is deleted afterwards (untimed).
//
// partSize 0 means one request (as the SDK's simple PUT below the multipart
// threshold): S3 PutObject with the file streamed, Azure uploadFile in one shot.
// Otherwise the file goes in parts of partSize, `concurrency` at a time: S3 with
// @aws-sdk/lib-storage's Upload, Azure with BlockBlobClient.uploadFile.
//
//   node vendor-upload-child.mjs s3 '<storage.s3 JSON>' <path> <partSize> <concurrency>
//   node vendor-upload-child.mjs azure '<storage.azure JSON>' <path> <partSize> <concurrency>
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

// The AWS SDK's notice that releases from 2027 need Node 22 would land in every report.
process.removeAllListeners("warning");

const [kind, storageJson, path, partSizeText, concurrencyText] = process.argv.slice(2);
const storage = JSON.parse(storageJson);
const partSize = Number(partSizeText);
const concurrency = Number(concurrencyText);
const { size } = await stat(path);
const key = `vendor-bench/${process.pid}-${Date.now()}.fnnx`;

let seconds;
if (kind === "s3") {
  const { DeleteObjectCommand, PutObjectCommand, S3Client } = await import("@aws-sdk/client-s3");
  const { Upload } = await import("@aws-sdk/lib-storage");
  const client = new S3Client({
    endpoint: storage.backendEndpoint,
    region: storage.region,
    forcePathStyle: true,
    // s3rver's own fixed credentials (the dev server's keys are checked by its proxy).
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    // The emulator takes plain bodies; the SDK's default CRC32 trailers need aws-chunked.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const started = performance.now();
  if (partSize === 0) {
    await client.send(
      new PutObjectCommand({
        Bucket: storage.bucket,
        Key: key,
        Body: createReadStream(path),
        ContentLength: size,
      }),
    );
  } else {
    await new Upload({
      client,
      params: { Bucket: storage.bucket, Key: key, Body: createReadStream(path) },
      partSize,
      queueSize: concurrency,
    }).done();
  }
  seconds = (performance.now() - started) / 1000;
  await client.send(new DeleteObjectCommand({ Bucket: storage.bucket, Key: key }));
} else if (kind === "azure") {
  const { BlobServiceClient, StorageSharedKeyCredential } = await import("@azure/storage-blob");
  const service = new BlobServiceClient(
    storage.backendEndpoint,
    new StorageSharedKeyCredential(storage.accountName, storage.accountKey),
  );
  const blob = service.getContainerClient(storage.container).getBlockBlobClient(key);
  const started = performance.now();
  await blob.uploadFile(path, {
    blockSize: partSize || undefined,
    concurrency,
    maxSingleShotSize: partSize === 0 ? size : 0,
  });
  seconds = (performance.now() - started) / 1000;
  await blob.delete();
} else {
  throw new Error(`unknown storage ${kind}`);
}
// resourceUsage().maxRSS is in kibibytes.
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
