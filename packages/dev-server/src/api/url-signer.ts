/**
 * What the API needs from the storage backend: presigned URLs. The storage
 * backend started by `startDevServer` satisfies it.
 */
export interface UrlSigner {
  simpleUploadUrl(kind: "s3" | "azure", key: string): Promise<string>;
  s3CreateMultipartUrl(key: string): Promise<string>;
  multipartUrls(
    kind: "s3" | "azure",
    key: string,
    uploadId: string | null,
    partNumbers: number[],
  ): Promise<{ parts: string[]; completeUrl: string }>;
  downloadUrl(kind: "s3" | "azure", key: string): Promise<string>;
  deleteUrl(kind: "s3" | "azure", key: string): Promise<string>;
}
