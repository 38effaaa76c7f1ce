/**
 * The browser demo: pick or drop a model file, watch it hash and upload, list the
 * collection sorted by any metric, download or delete an artifact. By default the
 * page holds no API key (the demo's server does); `--key-in-browser` hands it one.
 */
import type { PageConfig } from "../src/page-config.ts";
import type { Artifact, Backend } from "./backend.ts";
import { describeError, formatBytes, formatDate, formatMetric } from "./format.ts";
import { keyInBrowserBackend } from "./key-in-browser-backend.ts";
import { keylessBackend } from "./keyless-backend.ts";

type Phase = "hashing" | "uploading" | "downloading";
/** A table column: sortable when the API can sort by `sort`. */
type Column = { label: string; sort?: string; numeric?: boolean };

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const config: PageConfig = await (await fetch("/config.json")).json();
const state = { sortBy: "created_at", order: "desc" as "asc" | "desc", busy: false };
let backend = connect(config.orbits[0] ?? "");

setUpHeader();
setUpUpload();
await refresh();

/** The calls for the chosen orbit, in the page's mode; names resolve on the first call. */
function connect(orbit: string): Backend {
  document.body.dataset.mode = config.mode;
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
  if (state.busy) return;
  state.busy = true;
  element("progress").hidden = false;
  element("upload-file").textContent = `${file.name} · ${formatBytes(file.size)}`;
  setProgress("hashing", 0);
  setProgress("uploading", 0);
  await attempt(`Could not upload ${file.name}`, async () => {
    const artifact = await backend.upload(file, ({ phase, loaded, total }) =>
      setProgress(phase, total ? loaded / total : 1),
    );
    showStatus(`✔ Uploaded ${artifact.name} (${formatBytes(artifact.size)})`);
    await refresh();
  });
  state.busy = false;
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
  await attempt("Could not list the collection", async () => {
    render(await backend.list(state.sortBy, state.order));
  });
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
    ...metrics.map((metric) => ({ label: metric, sort: metric, numeric: true })),
    { label: "Size", sort: "size", numeric: true },
    { label: "Created", sort: "created_at" },
    { label: "Tags" },
    { label: "" },
  ];
  const row = document.querySelector("#artifacts thead tr") as HTMLTableRowElement;
  row.replaceChildren(...columns.map(headerCell));
}

/** A header cell; the sortable ones sort on click and show the current order. */
function headerCell(column: Column): HTMLTableCellElement {
  const cell = document.createElement("th");
  cell.textContent = column.label;
  if (column.numeric) cell.classList.add("number");
  const key = column.sort;
  if (key === undefined) return cell;
  cell.classList.add("sortable");
  cell.dataset.sort = key;
  if (key === state.sortBy) cell.ariaSort = state.order === "asc" ? "ascending" : "descending";
  cell.addEventListener("click", () => sortBy(key));
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
  text(artifact.name ?? "");
  text(artifact.file_name);
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
  actions.append(
    button("Download", () => download(artifact)),
    " ",
    button("Delete", () => remove(artifact), "danger"),
  );
  return row;
}

/** A header click sorts by that column; a second click flips the order. */
function sortBy(key: string): void {
  if (state.sortBy === key) state.order = state.order === "asc" ? "desc" : "asc";
  else {
    state.sortBy = key;
    state.order = key === "name" ? "asc" : "desc";
  }
  void refresh();
}

function button(label: string, onClick: () => void, className?: string): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  if (className) element.className = className;
  element.addEventListener("click", onClick);
  return element;
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
  const error = element("error");
  error.hidden = true;
  try {
    await run();
  } catch (caught) {
    showStatus("");
    error.textContent = `${action}: ${describeError(caught)}`;
    error.hidden = false;
  }
}

function showStatus(message: string): void {
  element("status").textContent = message;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
