/**
 * The slice of the `Deno` namespace this package uses, declared here so the
 * package compiles with `tsc` (npm build) as well as with `deno check`.
 */

/** An open file, as returned by `Deno.open`. */
export interface DenoFile {
  read(buffer: Uint8Array): Promise<number | null>;
  write(data: Uint8Array): Promise<number>;
  seek(offset: number, whence: number): Promise<number>;
  /** Flushes the file's data to disk (`fdatasync`). */
  syncData(): Promise<void>;
  stat(): Promise<DenoFileInfo>;
  close(): void;
}

/** File information, as returned by `Deno.stat`. */
export interface DenoFileInfo {
  isFile: boolean;
  isDirectory: boolean;
  isSymlink: boolean;
  size: number;
  /** Last modification; `null` where the platform has none. */
  mtime: Date | null;
  /** Last change of the file's data or metadata; `null` where the platform has none. */
  ctime?: Date | null;
  /** Inode number; `null` on Windows. */
  ino: number | null;
  /** The device holding the file. */
  dev: number;
  /** The permission bits and file type; `null` on Windows. */
  mode: number | null;
  /** Whether the file is a named pipe; `null` on Windows. */
  isFifo?: boolean | null;
  /** Whether the file is a socket; `null` on Windows. */
  isSocket?: boolean | null;
  /** Whether the file is a character device; `null` on Windows. */
  isCharDevice?: boolean | null;
  /** Whether the file is a block device; `null` on Windows. */
  isBlockDevice?: boolean | null;
}

/** A Deno error class, such as `Deno.errors.NotFound`. */
type DenoErrorClass = new (...args: never[]) => Error;

/** The `Deno` functions and values used by this package. */
export interface DenoApi {
  open(
    path: string | URL,
    options?: { read?: boolean; write?: boolean; create?: boolean; createNew?: boolean },
  ): Promise<DenoFile>;
  stat(path: string | URL): Promise<DenoFileInfo>;
  /** As `stat`, of a symbolic link itself rather than what it names. */
  lstat(path: string | URL): Promise<DenoFileInfo>;
  /** The absolute path with every symbolic link resolved. */
  realPath(path: string | URL): Promise<string>;
  /** What a symbolic link holds, as written. */
  readLink(path: string | URL): Promise<string>;
  rename(from: string | URL, to: string | URL): Promise<void>;
  remove(path: string | URL): Promise<void>;
  mkdir(path: string | URL, options?: { recursive?: boolean }): Promise<void>;
  /** Sets a file's permission bits (not subject to the umask). */
  chmod(path: string | URL, mode: number): Promise<void>;
  cwd(): string;
  addSignalListener(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
  removeSignalListener(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
  exit(code: number): never;
  SeekMode: { Start: number };
  errors: {
    NotFound: DenoErrorClass;
    PermissionDenied: DenoErrorClass;
    /** A permission flag (`--allow-read`…) is missing; Deno 2 and later. */
    NotCapable?: DenoErrorClass;
    IsADirectory?: DenoErrorClass;
    NotADirectory?: DenoErrorClass;
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
