/**
 * A page that lists a collection's models, best F1 first, and uploads a picked file
 * with a progress bar, through `@luml/browser`.
 *
 * The API key is in the page: Vite puts the `LUML_*` variables of the build's
 * environment into the bundle (see vite.config.mjs). Fine for a tool on your own
 * machine or a local LUML; a public page must not carry a key (see
 * examples/keyless-upload for uploads without one).
 */
import { type Artifact, LumlClient, type ProgressEvent } from "@luml/browser";

const env = import.meta.env;
const luml = new LumlClient({
  apiKey: env.LUML_API_KEY,
  baseUrl: env.LUML_BASE_URL || undefined,
  // The key is visible to this page: acknowledged, as the SDK requires.
  dangerouslyAllowBrowser: true,
  organization: env.LUML_ORGANIZATION,
  orbit: env.LUML_ORBIT,
  collection: env.LUML_COLLECTION,
});

const input = document.querySelector("#file") as HTMLInputElement;
const progress = document.querySelector("#progress") as HTMLProgressElement;
const phase = document.querySelector("#phase") as HTMLElement;
const status = document.querySelector("#status") as HTMLElement;
const caption = document.querySelector("#caption") as HTMLElement;
const rows = document.querySelector("#models") as HTMLElement;

/** Lists the collection, best F1 first (the service sorts by any metric). */
async function refresh(): Promise<void> {
  try {
    const { items } = await luml.artifacts.list({ sortBy: "F1", order: "desc", limit: 50 });
    rows.replaceChildren(...items.map(row));
    caption.textContent = `${items.length} models, best F1 first`;
    caption.dataset.count = String(items.length);
  } catch (error) {
    caption.textContent = `Could not list the models: ${messageOf(error)}`;
    caption.className = "error";
  }
}

function row(artifact: Artifact): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.dataset.id = artifact.id;
  for (const text of [
    artifact.name ?? artifact.file_name,
    String(artifact.extra_values?.F1 ?? "–"),
    artifact.status,
    `${(artifact.size / 1024 / 1024).toFixed(1)} MiB`,
  ]) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

input.addEventListener("change", async () => {
  const file = input.files?.[0];
  if (!file) return;
  input.disabled = true;
  show("");
  try {
    // Hashes the file in a Web Worker, then sends it; a failure marks the record upload_failed.
    const artifact = await luml.artifacts.upload(file, { onProgress: report });
    show(
      `Uploaded ${artifact.name}: F1 ${artifact.extra_values?.F1 ?? "–"}`,
      artifact.id,
      "uploaded",
    );
    await refresh();
  } catch (error) {
    show(`Upload failed: ${messageOf(error)}`, "", "failed");
  } finally {
    input.disabled = false;
    input.value = "";
  }
});

function report({ phase: name, loaded, total }: ProgressEvent): void {
  phase.textContent = name === "hashing" ? "Hashing" : "Uploading";
  progress.value = total === 0 ? 1 : loaded / total;
  progress.dataset.phase = name;
}

function show(message: string, artifactId = "", outcome = ""): void {
  status.textContent = message;
  status.className = outcome === "failed" ? "error" : "";
  status.dataset.artifactId = artifactId;
  status.dataset.outcome = outcome;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

await refresh();
