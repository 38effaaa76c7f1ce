import type { UploadPart } from "../models";
import type { Transport } from "../transport/transport";
import { escapeXml } from "./xml";

/** Headers of an Azure `Put Blob` that creates a block blob in one request. */
export const azureBlockBlobHeaders: Readonly<Record<string, string>> = {
  "x-ms-blob-type": "BlockBlob",
};

/**
 * The block id of a part: taken from its URL (`&blockid=`) so it always matches
 * what was staged, else derived the way the service derives it.
 */
export function azureBlockId(part: UploadPart): string {
  const fromUrl = new URL(part.url).searchParams.get("blockid");
  if (fromUrl) return fromUrl;
  return btoa(`block-${String(part.part_number).padStart(8, "0")}`);
}

/** Commits the staged blocks, in part order, with `Put Block List`. */
export async function commitAzureBlockList(
  transport: Transport,
  completeUrl: string,
  parts: readonly UploadPart[],
  signal?: AbortSignal,
): Promise<void> {
  const ordered = [...parts].sort((left, right) => left.part_number - right.part_number);
  const body = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ordered
    .map((part) => `<Latest>${escapeXml(azureBlockId(part))}</Latest>`)
    .join("")}</BlockList>`;
  // Put Block List is idempotent: committing the same list twice gives the same blob.
  await transport.storage({
    method: "PUT",
    url: completeUrl,
    headers: { "Content-Type": "application/xml" },
    body,
    signal,
  });
}
