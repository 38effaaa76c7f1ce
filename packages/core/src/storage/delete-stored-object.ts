import type { Transport } from "../transport/transport";

/**
 * Deletes an artifact's stored object through its presigned DELETE URL (S3
 * answers 204, Azure 202). An object that is already gone (404) counts as
 * deleted, so a repeated delete after a partial failure can finish the job.
 */
export async function deleteStoredObject(
  transport: Transport,
  url: string,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await transport.storage({ method: "DELETE", url, signal });
  } catch (error) {
    if (statusOf(error) === 404) return;
    throw error;
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === "number" ? status : undefined;
}
