import { displayText, escapeText } from "@luml/core/internal";

/** Whether styling may be written to `stream`: a terminal, and `NO_COLOR` unset. */
export function useColor(
  stream: NodeJS.WriteStream,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/**
 * Text from the API (a name, tag, description, file name or metric key) is printed
 * for people through `displayText`: quoted and escaped when it holds a control
 * character, so a crafted value can neither style nor clear the terminal nor forge
 * a line of output. `escapeText` escapes without quoting (error lines).
 */
export { displayText, escapeText };

/** A column of a table: its heading, how to read a cell, and its alignment. */
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: "left" | "right";
  /** Longest cell; longer ones are cut with "…". */
  max?: number;
}

/** Rows as an aligned, plain-text table (headings in bold on a colour terminal). */
export function formatTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  bold: boolean,
): string {
  const headers = columns.map((column) => displayText(column.header));
  const cells = rows.map((row) =>
    columns.map((column) => cut(displayText(column.value(row)), column.max)),
  );
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...cells.map((line) => (line[index] ?? "").length)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return columns[index]?.align === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const heading = render(headers);
  return [bold ? `\x1b[1m${heading}\x1b[0m` : heading, ...cells.map(render)].join("\n");
}

/** `label  value` lines with the labels aligned; a label without a value ends its line. */
export function formatFields(fields: ReadonlyArray<[string, string]>, bold: boolean): string {
  const lines = fields.map(([label, value]) => [displayText(label), displayText(value)] as const);
  const width = Math.max(...lines.map(([label]) => label.length));
  const style = (text: string) => (bold ? `\x1b[1m${text}\x1b[0m` : text);
  return lines
    .map(([label, value]) =>
      value === "" ? style(label) : `${style(label.padEnd(width))}  ${value}`,
    )
    .join("\n");
}

function cut(text: string, max: number | undefined): string {
  const flat = text.replace(/\s+/g, " ");
  if (max === undefined || flat.length <= max) return flat;
  return `${flat.slice(0, max - 1)}…`;
}

/** `512 B`, `12.3 KiB`, `1.2 GiB`. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return "";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** `2026-11-30 10:03` (UTC) from an ISO timestamp. */
export function formatTime(timestamp: string | null | undefined): string {
  if (!timestamp) return "";
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(timestamp) ? timestamp : `${timestamp}Z`;
  const date = new Date(zoned);
  if (Number.isNaN(date.getTime())) return timestamp;
  return date.toISOString().slice(0, 16).replace("T", " ");
}

/** A metric for a table cell: numbers to 4 significant digits, other values as JSON. */
export function formatMetric(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  }
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** JSON for `--json`: two-space indented, one trailing newline. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
