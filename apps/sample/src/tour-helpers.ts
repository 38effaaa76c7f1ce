/**
 * Console output and checks shared by the Node, Bun and Deno tours. Only
 * `console` and `node:` modules, so every runtime runs it as is.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

let stepNumber = 0;
// Colour only on a terminal, and never when NO_COLOR asks not to.
const colour = Boolean(process.stdout?.isTTY) && !process.env.NO_COLOR;

/** Prints the next numbered step with a check mark: `✔ 3. Listed 3 models`. */
export function step(message: string): void {
  stepNumber += 1;
  const mark = colour ? "\u001b[32m✔\u001b[0m" : "✔";
  console.log(`${mark} ${stepNumber}. ${message}`);
}

/** The artifact fields the tours print. */
export interface ArtifactRow {
  name?: string | null;
  size: number;
  tags?: string[] | null;
  extra_values?: Record<string, unknown> | null;
}

/** Prints artifacts as a small table with their metrics. */
export function printTable(artifacts: ArtifactRow[], metrics: string[]): void {
  const header = ["name", ...metrics, "size", "tags"];
  const rows = artifacts.map((artifact) => [
    artifact.name ?? "",
    ...metrics.map((metric) => formatValue(artifact.extra_values?.[metric])),
    `${(artifact.size / 1024 / 1024).toFixed(1)} MiB`,
    (artifact.tags ?? []).join(", "),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `     ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")}`;
  console.log(line(header));
  console.log(line(widths.map((width) => "─".repeat(width))));
  for (const row of rows) console.log(line(row));
}

/** Lower-case hex sha256 of a file, read as a stream. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Uint8Array);
  return hash.digest("hex");
}

function formatValue(value: unknown): string {
  return typeof value === "number" ? value.toFixed(3) : String(value ?? "–");
}

/** What {@link removeEarlierRun} needs of a client: either runtime's `LumlClient`. */
export interface TourClient {
  artifacts: {
    listAll(options: {
      search: string;
    }): AsyncIterable<{ id: string; name?: string | null; tags?: string[] | null }>;
    delete(id: string): Promise<void>;
  };
}

/**
 * Deletes what an earlier run of this runtime's tour kept on a server that
 * persists (`--persist`): the tour finds its best model by name, and a second
 * model of that name would make the name ambiguous.
 */
export async function removeEarlierRun(luml: TourClient, runtime: string): Promise<void> {
  const earlier: Array<{ id: string; name?: string | null }> = [];
  for await (const artifact of luml.artifacts.listAll({ search: `-${runtime}` })) {
    if (artifact.tags?.includes("demo") && artifact.tags.includes(runtime)) earlier.push(artifact);
  }
  for (const artifact of earlier) {
    await luml.artifacts.delete(artifact.id);
    console.log(`     removed ${artifact.name}, kept by an earlier run`);
  }
}
