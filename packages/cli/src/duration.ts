import { CliError, ExitCode } from "./exit-codes";

const unitMs: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `90s`, `30m`, `1h`, `2d`, `1h30m`, `0` → milliseconds; anything else is a usage error. */
export function parseDuration(text: string, option: string): number {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "0") return 0;
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    if (match.index !== consumed) break;
    total += Number(match[1]) * (unitMs[match[2] ?? ""] ?? Number.NaN);
    consumed += match[0].length;
  }
  if (consumed === 0 || consumed !== trimmed.length || !Number.isFinite(total)) {
    throw new CliError(
      `Invalid ${option} "${text}": expected a duration such as 90s, 30m, 1h, 2d or 1h30m.`,
      ExitCode.Usage,
    );
  }
  return total;
}
