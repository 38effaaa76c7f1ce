/**
 * The slice of the `Deno` namespace this package uses, declared here so the
 * package compiles with `tsc` (npm build) as well as with `deno check`.
 */

/** An open file, as returned by `Deno.open`. */
export interface DenoFile {
  read(buffer: Uint8Array): Promise<number | null>;
  write(data: Uint8Array): Promise<number>;
  seek(offset: number, whence: number): Promise<number>;
  close(): void;
}

/** File information, as returned by `Deno.stat`. */
export interface DenoFileInfo {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
}

/** The `Deno` functions and values used by this package. */
export interface DenoApi {
  open(
    path: string | URL,
    options?: { read?: boolean; write?: boolean; create?: boolean; createNew?: boolean },
  ): Promise<DenoFile>;
  stat(path: string | URL): Promise<DenoFileInfo>;
  rename(from: string | URL, to: string | URL): Promise<void>;
  remove(path: string | URL): Promise<void>;
  cwd(): string;
  SeekMode: { Start: number };
  errors: {
    NotFound: new (...args: never[]) => Error;
    PermissionDenied: new (...args: never[]) => Error;
  };
}

/** The running Deno, or an error naming the runtime this package needs. */
export function getDeno(): DenoApi {
  const deno = (globalThis as { Deno?: DenoApi }).Deno;
  if (deno === undefined) {
    throw new Error("@luml/deno runs only in Deno; use @luml/node or @luml/browser elsewhere.");
  }
  return deno;
}
