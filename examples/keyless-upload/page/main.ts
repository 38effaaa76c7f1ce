/**
 * Uploads a picked artifact file with no API key in the page:
 * prepare (here) → begin (server) → send (here) → complete (server).
 */
import { type ProgressEvent, prepareUpload, sendUpload, type UploadPlan } from "@luml/browser";

const input = document.querySelector<HTMLInputElement>("#file") as HTMLInputElement;
const progress = document.querySelector<HTMLProgressElement>("#progress") as HTMLProgressElement;
const phase = document.querySelector("#phase") as HTMLElement;
const cancel = document.querySelector<HTMLButtonElement>("#cancel") as HTMLButtonElement;
const status = document.querySelector("#status") as HTMLElement;

input.addEventListener("change", () => {
  const file = input.files?.[0];
  if (file) void upload(file);
});

async function upload(file: File): Promise<void> {
  const controller = new AbortController();
  const { signal } = controller;
  cancel.onclick = () => controller.abort(new DOMException("Cancelled", "AbortError"));
  cancel.disabled = false;
  input.disabled = true;
  show("");
  let plan: UploadPlan | undefined;
  try {
    // 1. Check, index and hash the file here (a Web Worker hashes it).
    const prepared = await prepareUpload(file, { onProgress: report, signal });
    // 2. The server creates the record and answers where the bytes go.
    plan = await post<UploadPlan>("/uploads", { prepared }, signal);
    // 3. Send the bytes straight to storage, parts in parallel, retried on their own.
    const sent = await sendUpload(file, plan, { onProgress: report, signal });
    // 4. The server completes the upload and marks the record uploaded.
    const artifact = await post<{ id: string; name: string }>(
      `/uploads/${plan.artifactId}/complete`,
      sent,
    );
    show(`Uploaded ${artifact.name}`, { artifactId: artifact.id, outcome: "uploaded" });
  } catch (error) {
    // Once a record exists, a failure or a cancel is reported, so it is marked upload_failed.
    if (plan) await post(`/uploads/${plan.artifactId}/abort`, {}).catch(() => undefined);
    const cancelled = signal.aborted;
    show(cancelled ? "Cancelled" : `Upload failed: ${messageOf(error)}`, {
      artifactId: plan?.artifactId,
      outcome: cancelled ? "cancelled" : "failed",
    });
  } finally {
    cancel.disabled = true;
    input.disabled = false;
    input.value = "";
  }
}

function report({ phase: name, loaded, total }: ProgressEvent): void {
  phase.textContent = name === "hashing" ? "Hashing" : "Uploading";
  progress.value = total === 0 ? 1 : loaded / total;
  progress.dataset.phase = name;
}

/** Posts JSON to this page's server; a refusal becomes an error with the server's message. */
async function post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  const reply = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(reply.error ?? `The server answered ${response.status}`);
  return reply as T;
}

function show(message: string, details: { artifactId?: string; outcome?: string } = {}): void {
  status.textContent = message;
  status.className = details.outcome === "failed" ? "error" : "";
  status.dataset.artifactId = details.artifactId ?? "";
  status.dataset.outcome = details.outcome ?? "";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
