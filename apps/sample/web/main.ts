/**
 * The browser demo: pick or drop a model file, watch it hash and upload, list the
 * collection sorted by any metric, download or delete an artifact. By default the
 * page holds no API key (the demo's server does); `--key-in-browser` hands it one.
 */
import type { ProgressCallback } from "@luml/browser";
import type { PageConfig } from "../src/page-config.ts";
import type { Artifact, Backend } from "./backend.ts";
import { describeError, formatBytes, formatDate, formatMetric } from "./format.ts";
import { keyInBrowserBackend } from "./key-in-browser-backend.ts";
import { keylessBackend } from "./keyless-backend.ts";

type Phase = "hashing" | "uploading" | "downloading";
/** A table column: sortable when the API can sort by `sort`. */
type Column = { label: string; sort?: string; numeric?: boolean; hidden?: boolean };

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const config: PageConfig = await (await fetch("/config.json")).json();
const state = {
  sortBy: "created_at",
  order: "desc" as "asc" | "desc",
  /** The upload under way: cancelling aborts it. */
  upload: undefined as AbortController | undefined,
  /** Counts table loads: a reply to an older one is dropped. */
  loads: 0,
};
let backend = connect(config.orbits[0] ?? "");

setUpHeader();
setUpUpload();
await refresh();

/** The calls for the chosen orbit, in the page's mode; names resolve on the first call. */
function connect(orbit: string): Backend {
  document.body.dataset.mode = config.mode;
  document.body.dataset.orbit = orbit;
  return config.mode === "key-in-browser"
    ? keyInBrowserBackend(config, orbit)
    : keylessBackend(orbit);
}

function setUpHeader(): void {
  element("organization").textContent = config.organization;
  element("collection").textContent = config.collection;
  const select = element<HTMLSelectElement>("orbit");
  for (const orbit of config.orbits) select.add(new Option(orbit, orbit));
  select.addEventListener("change", () => {
    backend = connect(select.value);
    // A metric of one collection may not exist in the next: sorting by it would be refused.
    state.sortBy = "created_at";
    state.order = "desc";
    void refresh();
  });
}

function setUpUpload(): void {
  const input = element<HTMLInputElement>("file");
  const dropzone = element("dropzone");
  // The button is the way in for the keyboard and screen readers; a click anywhere
  // else on the drop zone does the same for a mouse.
  element("choose").addEventListener("click", () => input.click());
  dropzone.addEventListener("click", (event) => {
    if (event.target === dropzone) input.click();
  });
  element("cancel").addEventListener("click", () => state.upload?.abort());
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = ""; // lets the same file be picked again
    if (file) void upload(file);
  });
  dropzone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropzone.classList.add("over");
  });
  dropzone.addEventListener("dragleave", () => dropzone.classList.remove("over"));
  dropzone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropzone.classList.remove("over");
    const file = event.dataTransfer?.files[0];
    if (file) void upload(file);
  });
}

async function upload(file: File): Promise<void> {
  if (state.upload) return;
  const cancel = new AbortController();
  state.upload = cancel;
  clearMessages();
  resetProgress();
  element("progress").hidden = false;
  element("upload-file").textContent = `${file.name} · ${formatBytes(file.size)}`;
  const announced = { phase: "", quarter: -1 };
  const onProgress: ProgressCallback = ({ phase, loaded, total }) => {
    const fraction = total ? loaded / total : 1;
    setProgress(phase, fraction);
    // The live region hears of each phase and each quarter, not of every chunk.
    const quarter = Math.floor(fraction * 4);
    if (phase === announced.phase && quarter === announced.quarter) return;
    Object.assign(announced, { phase, quarter });
    const doing = phase === "hashing" ? "Hashing" : "Uploading";
    showStatus(`${doing} ${file.name}… ${percent(quarter / 4)}`);
  };
  const cancelButton = element<HTMLButtonElement>("cancel");
  cancelButton.hidden = false;
  element("choose").setAttribute("aria-disabled", "true");
  try {
    const artifact = await backend.upload(file, onProgress, cancel.signal);
    showStatus(`✔ Uploaded ${artifact.name} (${formatBytes(artifact.size)})`);
  } catch (caught) {
    // Nothing of a failed or cancelled upload stays on screen but its message.
    resetProgress();
    if (cancel.signal.aborted) showStatus(`Cancelled the upload of ${file.name}`);
    else showError(`Could not upload ${file.name}`, caught);
  } finally {
    state.upload = undefined;
    // Cancel goes away with the upload; the keyboard lands on the button that starts the next.
    const hadFocus = document.activeElement === cancelButton;
    cancelButton.hidden = true;
    element("choose").removeAttribute("aria-disabled");
    if (hadFocus) element("choose").focus();
  }
  await refresh();
}

async function download(artifact: Artifact): Promise<void> {
  await attempt(`Could not download ${artifact.name}`, async () => {
    showStatus(`Downloading ${artifact.file_name}…`);
    // Its sha256 is checked before the file is complete (by the SDK, in the page or
    // on the demo's server). `saveArtifact` streams very large ones to a file instead.
    const blob = await backend.download(artifact, ({ loaded, total }) =>
      showStatus(`Downloading ${artifact.file_name}… ${percent(total ? loaded / total : 1)}`),
    );
    save(blob, artifact.file_name);
    showStatus(`✔ Downloaded ${artifact.file_name} (sha256 verified)`);
  });
}

async function remove(artifact: Artifact): Promise<void> {
  if (!confirm(`Delete ${artifact.name}? Its file is removed from storage too.`)) return;
  await attempt(`Could not delete ${artifact.name}`, async () => {
    await backend.remove(artifact);
    showStatus(`✔ Deleted ${artifact.name}`);
    await refresh();
  });
}

/** Reloads the table with the current sort, asking the API to do the sorting. */
async function refresh(): Promise<void> {
  const load = ++state.loads;
  const table = element("artifacts");
  table.setAttribute("aria-busy", "true");
  try {
    const artifacts = await backend.list(state.sortBy, state.order);
    // An orbit switch or a sort click while this load was under way wins.
    if (load === state.loads) render(artifacts);
  } catch (caught) {
    if (load === state.loads) showError("Could not list the collection", caught);
  } finally {
    if (load === state.loads) table.setAttribute("aria-busy", "false");
  }
}

function render(artifacts: Artifact[]): void {
  const metrics = [
    ...new Set(artifacts.flatMap((artifact) => Object.keys(artifact.extra_values ?? {}))),
  ];
  renderHeader(metrics);
  const body = document.querySelector("#artifacts tbody") as HTMLTableSectionElement;
  body.replaceChildren(...artifacts.map((artifact) => renderRow(artifact, metrics)));
  element("empty").hidden = artifacts.length > 0;
}

function renderHeader(metrics: string[]): void {
  const columns: Array<Column> = [
    { label: "Name", sort: "name" },
    { label: "File" },
    { label: "Status" },
    ...metrics.map((metric) => ({ label: metric, sort: metric, numeric: true })),
    { label: "Size", sort: "size", numeric: true },
    { label: "Created", sort: "created_at" },
    { label: "Tags" },
    { label: "Actions", hidden: true },
  ];
  const row = document.querySelector("#artifacts thead tr") as HTMLTableRowElement;
  row.replaceChildren(...columns.map(headerCell));
}

/** A header cell; a sortable one holds a button that sorts, and says the current order. */
function headerCell(column: Column): HTMLTableCellElement {
  const cell = document.createElement("th");
  cell.scope = "col";
  if (column.numeric) cell.classList.add("number");
  const key = column.sort;
  if (key === undefined) {
    // A column without a visible title still has one for screen readers.
    if (column.hidden) {
      const title = document.createElement("span");
      title.className = "visually-hidden";
      title.textContent = column.label;
      cell.append(title);
    } else cell.textContent = column.label;
    return cell;
  }
  cell.dataset.sort = key;
  if (key === state.sortBy) cell.ariaSort = state.order === "asc" ? "ascending" : "descending";
  const sort = button(column.label, () => sortBy(key), "sort");
  cell.append(sort);
  return cell;
}

function renderRow(artifact: Artifact, metrics: string[]): HTMLTableRowElement {
  const row = document.createElement("tr");
  row.dataset.id = artifact.id;
  row.dataset.name = artifact.name ?? "";
  const text = (value: string, className?: string) => {
    const cell = row.insertCell();
    cell.textContent = value;
    if (className) cell.className = className;
    return cell;
  };
  row.dataset.status = artifact.status;
  text(artifact.name ?? "");
  text(artifact.file_name);
  const status = row.insertCell();
  status.dataset.column = "status";
  const badge = document.createElement("span");
  badge.className = artifact.status === "uploaded" ? "state" : "state state-warn";
  badge.textContent = describeStatus(artifact.status);
  status.append(badge);
  for (const metric of metrics)
    text(formatMetric(artifact.extra_values?.[metric]), "number").dataset.metric = metric;
  text(formatBytes(artifact.size), "number");
  text(formatDate(artifact.created_at));
  const tags = row.insertCell();
  for (const tag of artifact.tags ?? []) {
    const badge = document.createElement("span");
    badge.className = "tag";
    badge.textContent = tag;
    tags.append(badge);
  }
  const actions = row.insertCell();
  actions.className = "actions";
  const label = artifact.name ?? artifact.file_name;
  // Only an uploaded record has a file to download.
  if (artifact.status === "uploaded") {
    actions.append(button("Download", () => download(artifact), undefined, `Download ${label}`));
  }
  actions.append(button("Delete", () => remove(artifact), "danger", `Delete ${label}`));
  return row;
}

/** A header click sorts by that column; a second click flips the order. */
function sortBy(key: string): void {
  if (state.sortBy === key) state.order = state.order === "asc" ? "desc" : "asc";
  else {
    state.sortBy = key;
    state.order = key === "name" ? "asc" : "desc";
  }
  void refresh().then(() => {
    // The header was drawn anew: keep the keyboard on the column just sorted.
    document.querySelector<HTMLButtonElement>(`th[data-sort="${CSS.escape(key)}"] button`)?.focus();
  });
}

function button(
  label: string,
  onClick: () => void,
  className?: string,
  accessibleName?: string,
): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  if (className) element.className = className;
  if (accessibleName) element.ariaLabel = accessibleName;
  element.addEventListener("click", onClick);
  return element;
}

/** Empty bars, hidden until the next upload, with its Cancel button ready. */
function resetProgress(): void {
  element("progress").hidden = true;
  element("upload-file").textContent = "";
  setProgress("hashing", 0);
  setProgress("uploading", 0);
}

function setProgress(phase: Phase, fraction: number): void {
  if (phase === "downloading") return;
  element<HTMLProgressElement>(phase).value = fraction;
  element(`${phase}-percent`).textContent = percent(fraction);
}

/** Saves a blob the way a browser saves any download. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  link.click();
  // The click starts the download synchronously; the URL can go once it has.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Runs an action, turning any failure into a readable message on the page. */
async function attempt(action: string, run: () => Promise<void>): Promise<void> {
  clearMessages();
  try {
    await run();
  } catch (caught) {
    showError(action, caught);
  }
}

/** One readable line for a failure; the status line is cleared so nothing stale stays. */
function showError(action: string, caught: unknown): void {
  showStatus("");
  const error = element("error");
  error.textContent = `${action}: ${describeError(caught)}`;
  error.hidden = false;
}

function clearMessages(): void {
  showStatus("");
  element("error").hidden = true;
  element("error").textContent = "";
}

function showStatus(message: string): void {
  element("status").textContent = message;
}

/** `pending_upload` → `Pending upload`. */
function describeStatus(status: string): string {
  const words = status.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
