/**
 * What a runner of the storage fault suite writes after every case: one JSON file
 * per runtime (`.tmp/fault-results/<id>.json`), which `tests/runtime/fault-table.mjs`
 * renders as `docs/storage-faults.md`.
 */

/** How one case went in one runtime. `not run`: the runner stopped before it. */
export type FaultOutcome = "passed" | "failed" | "n/a" | "not run";

/** A case of the catalogue, as the table describes it. */
export interface FaultCaseInfo {
  /** Stable id, one row of the table per storage (`upload.part-cut-mid-body`). */
  id: string;
  /** One line: what is checked. */
  title: string;
  /** The fault injected and what must hold, for the table's legend. */
  does: string;
}

/** One row of a runtime's results. */
export interface FaultResult {
  case: string;
  /** `s3`, `azure`, or `-` for a case that involves no storage. */
  storage: string;
  outcome: FaultOutcome;
  /** Why it failed, or why it does not apply. */
  reason?: string;
  /** How long the case took, in milliseconds. */
  ms?: number;
}

/** A runtime's results file. */
export interface FaultResultsFile {
  /** File-name id: `node-20`, `node-20-fetch`, `bun`, `deno`, `chromium`. */
  runtime: string;
  /** Column heading: `Node 20`, `Bun`… */
  label: string;
  /** The package under test. */
  package: string;
  /** Which storage requests the client makes in this runtime. */
  storagePath: string;
  updatedAt: string;
  catalogue: FaultCaseInfo[];
  results: FaultResult[];
}

/** The part of a case the recorder needs. */
export interface RecordedCase {
  id: string;
  storage: string;
  notApplicable?: string;
  run(): Promise<void>;
}

/** Where a runtime's results go and what the table says about it. */
export interface FaultRuntimeInfo {
  runtime: string;
  label: string;
  package: string;
  storagePath: string;
}

/**
 * Keeps a runtime's results and saves them after every case, so a runner that
 * stops half-way still leaves what it learnt (the rest shows as `not run`).
 */
export class FaultRecorder {
  readonly #file: FaultResultsFile;
  readonly #save: (json: string) => void | Promise<void>;

  constructor(
    info: FaultRuntimeInfo,
    catalogue: readonly FaultCaseInfo[],
    cases: readonly RecordedCase[],
    save: (json: string) => void | Promise<void>,
  ) {
    this.#save = save;
    this.#file = {
      ...info,
      updatedAt: new Date().toISOString(),
      catalogue: [...catalogue],
      results: cases.map((runtimeCase) =>
        runtimeCase.notApplicable === undefined
          ? { case: runtimeCase.id, storage: runtimeCase.storage, outcome: "not run" }
          : {
              case: runtimeCase.id,
              storage: runtimeCase.storage,
              outcome: "n/a",
              reason: runtimeCase.notApplicable,
            },
      ),
    };
  }

  /** Writes the results as they stand (every case `not run` or `n/a` at first). */
  async start(): Promise<void> {
    await this.#write();
  }

  /** Records `outcome` for a case (for runners that run the case elsewhere, like a page). */
  async record(
    runtimeCase: RecordedCase,
    outcome: "passed" | "failed",
    ms: number,
    error?: unknown,
  ): Promise<void> {
    const row = this.#file.results.find(
      (result) => result.case === runtimeCase.id && result.storage === runtimeCase.storage,
    );
    if (!row) throw new Error(`No case ${runtimeCase.id} (${runtimeCase.storage}) to record`);
    row.outcome = outcome;
    row.ms = Math.round(ms);
    if (outcome === "failed") row.reason = describeError(error);
    else delete row.reason;
    await this.#write();
  }

  /** The case's `run`, recording and saving its outcome; it still throws on failure. */
  recorded(runtimeCase: RecordedCase): () => Promise<void> {
    return async () => {
      const started = Date.now();
      try {
        await runtimeCase.run();
      } catch (error) {
        await this.record(runtimeCase, "failed", Date.now() - started, error);
        throw error;
      }
      await this.record(runtimeCase, "passed", Date.now() - started);
    };
  }

  async #write(): Promise<void> {
    this.#file.updatedAt = new Date().toISOString();
    await this.#save(`${JSON.stringify(this.#file, null, 2)}\n`);
  }
}

/** `Name: message`, with the chain of causes, for a failure report. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 4; depth++) {
    parts.push(
      current instanceof Error
        ? `${current.name}: ${current.message}`
        : typeof current === "string"
          ? current
          : safeJson(current),
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" ← caused by ");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
