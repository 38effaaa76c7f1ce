import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import {
  BlobSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from "@azure/storage-blob";
import type { StorageInfo } from "../types";

/** Presigns S3 requests against the signature-verifying proxy. */
export class S3Presigner {
  private readonly client: S3Client;

  /**
   * @param info Where the proxy is and which credentials it checks.
   * @param expiresIn URL lifetime in seconds.
   */
  constructor(
    private readonly info: StorageInfo["s3"],
    private readonly expiresIn: number,
  ) {
    // The client only signs URLs locally, never calls AWS: its notice about
    // future Node versions would be noise in every test run and demo.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    this.client = new S3Client({
      endpoint: info.endpoint,
      region: info.region,
      forcePathStyle: true,
      credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
      // Presigned URLs must not demand checksums the uploader cannot know in advance.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  /** Presigned `PUT <object>`. */
  putObject(key: string): Promise<string> {
    return getSignedUrl(this.client, new PutObjectCommand({ Bucket: this.info.bucket, Key: key }), {
      expiresIn: this.expiresIn,
    });
  }

  /** Presigned `POST <object>?uploads`. */
  createMultipartUpload(key: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new CreateMultipartUploadCommand({ Bucket: this.info.bucket, Key: key }),
      { expiresIn: this.expiresIn },
    );
  }

  /** Presigned `PUT <object>?partNumber=n&uploadId=…`. */
  uploadPart(key: string, uploadId: string, partNumber: number): Promise<string> {
    return getSignedUrl(
      this.client,
      new UploadPartCommand({
        Bucket: this.info.bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
      }),
      { expiresIn: this.expiresIn },
    );
  }

  /** Presigned `POST <object>?uploadId=…` (the body is the CompleteMultipartUpload XML). */
  completeMultipartUpload(key: string, uploadId: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new CompleteMultipartUploadCommand({
        Bucket: this.info.bucket,
        Key: key,
        UploadId: uploadId,
      }),
      { expiresIn: this.expiresIn },
    );
  }

  /** Presigned `GET <object>`. */
  getObject(key: string): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.info.bucket, Key: key }), {
      expiresIn: this.expiresIn,
    });
  }

  /** Presigned `DELETE <object>`. */
  deleteObject(key: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new DeleteObjectCommand({ Bucket: this.info.bucket, Key: key }),
      { expiresIn: this.expiresIn },
    );
  }

  /** Releases the client's connections. */
  destroy(): void {
    this.client.destroy();
  }
}

/** The block id Azure multipart uploads use for a part: base64 of `block-%08d`. */
export function azureBlockId(partNumber: number): string {
  return Buffer.from(`block-${String(partNumber).padStart(8, "0")}`, "utf8").toString("base64");
}

/** Builds SAS URLs on the proxy for blobs of the dev container. */
export class AzureSasSigner {
  private readonly credential: StorageSharedKeyCredential;

  /**
   * @param info Where the proxy is, the account and the container.
   * @param expiresIn URL lifetime in seconds.
   */
  constructor(
    private readonly info: StorageInfo["azure"],
    private readonly expiresIn: number,
  ) {
    this.credential = new StorageSharedKeyCredential(info.accountName, info.accountKey);
  }

  /** `{proxy}/{container}/{blob}?{sas}` with the given permissions (`r`, `cw`, `d`). */
  blobUrl(key: string, permissions: string): string {
    const now = Date.now();
    const sas = generateBlobSASQueryParameters(
      {
        containerName: this.info.container,
        blobName: key,
        permissions: BlobSASPermissions.parse(permissions),
        // A little slack for clocks that differ between the signer and the emulator.
        startsOn: new Date(now - 5 * 60 * 1000),
        expiresOn: new Date(now + this.expiresIn * 1000),
      },
      this.credential,
    ).toString();
    const path = key.split("/").map(encodeURIComponent).join("/");
    return `${this.info.endpoint}/${this.info.container}/${path}?${sas}`;
  }

  /** SAS URL for `PUT` of one block of a multipart upload. */
  blockUrl(key: string, partNumber: number): string {
    return `${this.blobUrl(key, "cw")}&comp=block&blockid=${encodeURIComponent(azureBlockId(partNumber))}`;
  }

  /** SAS URL for the `PUT …&comp=blocklist` that commits the blocks. */
  blockListUrl(key: string): string {
    return `${this.blobUrl(key, "cw")}&comp=blocklist`;
  }
}
