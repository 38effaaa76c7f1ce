/**
 * Walks the members of an uncompressed tar archive, reading only headers (and
 * the small extended headers that rename or resize members), and reports each
 * member with where its data starts, exactly as Python's `tarfile` does:
 * ustar, old V7, GNU long names/links and old sparse members, pax extended and
 * global headers, base-256 numbers.
 */
import { FileError, type FileErrorCode } from "../errors";
import type { BlobWindow } from "./blob-window";
import { parsePaxInteger, parsePaxRecords } from "./pax-records";
import {
  BLOCK_SIZE,
  blockAlign,
  hasDataBlocks,
  isDirectoryType,
  isRegularType,
  isZeroBlock,
  parseTarHeader,
  type TarHeader,
  TarHeaderError,
  trimTrailingSlashes,
} from "./tar-header";

/** One member of a tar archive. */
export interface TarMember {
  /** The member path as tarfile reports it (`member.name`). */
  name: string;
  /** The link target of links. */
  linkname: string;
  /** The type flag (`"0"` regular, `"5"` directory…). */
  type: string;
  /** Offset of the first data byte (`member.offset_data`). */
  offsetData: number;
  /** The member's size (`member.size`; the expanded size for sparse files). */
  size: number;
  /** Whether the member is a regular file (`member.isreg()`). */
  isRegular: boolean;
}

/** Extended headers are small; anything bigger is a damaged or hostile archive. */
const MAX_EXTENDED_HEADER_SIZE = 16 * 1024 * 1024;

/** The end-of-archive block. */
const END = "end" as const;

/** A member and where the next header starts. */
interface Entry {
  member: TarMember;
  next: number;
}

/** Walks one archive; holds tarfile's state (position, global pax headers). */
class TarWalker {
  private readonly globalPax = new Map<string, string>();

  private readonly label: string;

  constructor(
    private readonly reader: BlobWindow,
    private readonly fileName: string | undefined,
  ) {
    this.label = fileName ?? "the archive";
  }

  async *members(): AsyncGenerator<TarMember> {
    const size = this.reader.size;
    if (size === 0) {
      throw this.error("not_a_tar", `${this.label} is empty: an artifact file is a tar archive`);
    }
    let offset = 0;
    // A file ending exactly at a header boundary without end blocks is accepted, as tar does.
    while (offset < size) {
      const entry = this.readCachedEntry(offset) ?? (await this.readEntry(offset, false));
      if (entry === END) return;
      yield entry.member;
      offset = entry.next;
    }
  }

  /** `members` as a callback per member: no promise per member, for walking big archives. */
  async walk(visit: (member: TarMember) => void): Promise<void> {
    const size = this.reader.size;
    if (size === 0) {
      throw this.error("not_a_tar", `${this.label} is empty: an artifact file is a tar archive`);
    }
    let offset = 0;
    while (offset < size) {
      const entry = this.readCachedEntry(offset) ?? (await this.readEntry(offset, false));
      if (entry === END) return;
      visit(entry.member);
      offset = entry.next;
    }
  }

  /**
   * The plain member (or the end) whose header is at `offset`, decoded without
   * waiting when the window holds its header; `undefined` when `readEntry` must
   * read or the header starts an extended header, a sparse member or an error.
   */
  private readCachedEntry(offset: number): Entry | typeof END | undefined {
    const block = this.reader.cached(offset, BLOCK_SIZE);
    if (block === undefined || block.length < BLOCK_SIZE) return undefined;
    if (isZeroBlock(block)) return END;
    const type = block[156];
    // "L" "K" "S" "x" "g" "X" need more reads.
    if (
      type === 0x4c ||
      type === 0x4b ||
      type === 0x53 ||
      type === 0x78 ||
      type === 0x67 ||
      type === 0x58
    ) {
      return undefined;
    }
    return this.readBuiltin(offset, this.parse(block, offset));
  }

  /** Reads the member whose header is at `offset`; `END` at the end-of-archive block. */
  private async readEntry(offset: number, subsequent: false): Promise<Entry | typeof END>;
  private async readEntry(offset: number, subsequent: true): Promise<Entry>;
  private async readEntry(offset: number, subsequent: boolean): Promise<Entry | typeof END> {
    const block = await this.reader.read(offset, BLOCK_SIZE);
    if (block.length < BLOCK_SIZE) {
      if (offset === 0) throw this.notATar(block, "it is shorter than one 512-byte header");
      throw this.error(
        "truncated",
        `${this.label} is truncated: the header at byte ${offset} needs ${BLOCK_SIZE} bytes but the file ends at ${this.reader.size}. Re-create or re-download the file.`,
      );
    }
    if (isZeroBlock(block)) {
      if (!subsequent) return END;
      throw this.damaged(offset, "an extended header is not followed by its member");
    }
    const header = this.parse(block, offset);
    switch (header.type) {
      case "L":
      case "K":
        return this.readGnuLong(offset, header);
      case "S":
        return this.readOldSparse(offset, header);
      case "x":
      case "g":
      case "X":
        return this.readPax(offset, header);
      default:
        return this.readBuiltin(offset, header);
    }
  }

  private parse(block: Uint8Array, offset: number): TarHeader {
    try {
      return parseTarHeader(block);
    } catch (error) {
      if (!(error instanceof TarHeaderError)) throw error;
      if (offset === 0) throw this.notATar(block, `${error.message} at byte 0`);
      throw this.damaged(offset, `${error.message} at byte ${offset}`);
    }
  }

  /** A plain member (`tarfile._proc_builtin`). */
  private readBuiltin(offset: number, header: TarHeader): Entry {
    const offsetData = offset + BLOCK_SIZE;
    const member = this.member(header, offsetData, header.size);
    const next = this.checkData(member, offsetData, header.size, header.type);
    // Global pax headers apply to every later member, after its data was skipped.
    this.applyPax(member, this.globalPax);
    if (isDirectoryType(member.type)) member.name = trimTrailingSlashes(member.name);
    return { member, next };
  }

  /** A GNU long name or long link header, then the member it names. */
  private async readGnuLong(offset: number, header: TarHeader): Promise<Entry> {
    const data = await this.readExtended(offset, header);
    const entry = await this.readEntry(offset + BLOCK_SIZE + blockAlign(header.size), true);
    const end = data.indexOf(0);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      end === -1 ? data : data.subarray(0, end),
    );
    if (header.type === "L") entry.member.name = text;
    else entry.member.linkname = text;
    if (isDirectoryType(entry.member.type) && entry.member.name.endsWith("/")) {
      entry.member.name = entry.member.name.slice(0, -1);
    }
    return entry;
  }

  /** An old GNU sparse member: extension blocks, then the stored data. */
  private async readOldSparse(offset: number, header: TarHeader): Promise<Entry> {
    let position = offset + BLOCK_SIZE;
    let extended = header.sparseExtended;
    while (extended) {
      const block = await this.reader.read(position, BLOCK_SIZE);
      if (block.length < BLOCK_SIZE) {
        throw this.truncated(header.name, BLOCK_SIZE, position);
      }
      extended = block[504] !== 0;
      position += BLOCK_SIZE;
    }
    const member = this.member(header, position, header.sparseRealSize);
    return { member, next: this.checkData(member, position, header.size, header.type) };
  }

  /** A pax extended (`x`, `X`) or global (`g`) header, then the member it describes. */
  private async readPax(offset: number, header: TarHeader): Promise<Entry> {
    const data = await this.readExtended(offset, header);
    // A global header updates the archive-wide headers in place; a local one a copy.
    const pax = header.type === "g" ? this.globalPax : new Map(this.globalPax);
    if (!parsePaxRecords(data, pax))
      throw this.damaged(offset, `invalid pax header at byte ${offset}`);
    const entry = await this.readEntry(offset + BLOCK_SIZE + blockAlign(header.size), true);
    if (pax.get("GNU.sparse.major") === "1" && pax.get("GNU.sparse.minor") === "0") {
      if (!pax.has("GNU.sparse.map") && !pax.has("GNU.sparse.size")) {
        entry.member.offsetData = await this.skipSparseMap(entry.member);
      }
    }
    if (header.type === "g") return entry;
    this.applyPax(entry.member, pax);
    if (pax.has("size")) {
      const member = entry.member;
      entry.next = this.checkData(member, member.offsetData, member.size, member.type);
    }
    return entry;
  }

  /** Skips the sparse map that opens a GNU 1.0 sparse member's data. */
  private async skipSparseMap(member: TarMember): Promise<number> {
    let position = member.offsetData;
    let text = "";
    const decoder = new TextDecoder("ascii");
    const readBlock = async () => {
      const block = await this.reader.read(position, BLOCK_SIZE);
      if (block.length < BLOCK_SIZE) throw this.truncated(member.name, BLOCK_SIZE, position);
      position += BLOCK_SIZE;
      text += decoder.decode(block);
    };
    await readBlock();
    const lines = () => text.split("\n");
    const count = parsePaxInteger(lines()[0] ?? "");
    if (count === undefined || count < 0)
      throw this.damaged(member.offsetData, "invalid sparse map");
    // The map is the count line then 2 × count number lines, padded to whole blocks.
    while (lines().length - 1 < 1 + count * 2) await readBlock();
    return position;
  }

  /** tarfile's `_apply_pax_info`: pax keys that override header fields. */
  private applyPax(member: TarMember, pax: Map<string, string>): void {
    // Most archives have no global header: no iterator per member for them.
    if (pax.size === 0) return;
    for (const [keyword, value] of pax) {
      if (keyword === "GNU.sparse.name") member.name = value;
      else if (keyword === "GNU.sparse.size" || keyword === "GNU.sparse.realsize") {
        const size = parsePaxInteger(value);
        if (size === undefined) throw this.damaged(member.offsetData, `invalid ${keyword}`);
        member.size = size;
      } else if (keyword === "path") member.name = trimTrailingSlashes(value);
      else if (keyword === "linkpath") member.linkname = value;
      else if (keyword === "size") member.size = parsePaxInteger(value) ?? 0;
    }
  }

  private member(header: TarHeader, offsetData: number, size: number): TarMember {
    return {
      name: header.name,
      linkname: header.linkname,
      type: header.type,
      offsetData,
      size,
      isRegular: isRegularType(header.type),
    };
  }

  /**
   * Checks the member's stored data lies within the file; returns where the next
   * header starts (after the padded data, or right away for data-less types).
   */
  private checkData(member: TarMember, offsetData: number, storedSize: number, type: string) {
    if (!hasDataBlocks(type)) return offsetData;
    if (storedSize < 0) throw this.damaged(offsetData, `negative size for member ${member.name}`);
    if (offsetData + storedSize > this.reader.size) {
      throw this.truncated(member.name, storedSize, offsetData);
    }
    return offsetData + blockAlign(storedSize);
  }

  /** Reads the data of a GNU long-name or pax header. */
  private async readExtended(offset: number, header: TarHeader): Promise<Uint8Array> {
    if (header.size > MAX_EXTENDED_HEADER_SIZE) {
      throw this.damaged(
        offset,
        `the extended header at byte ${offset} claims ${header.size} bytes`,
      );
    }
    const start = offset + BLOCK_SIZE;
    if (start + header.size > this.reader.size) {
      throw this.truncated(`(extended header at byte ${offset})`, header.size, start);
    }
    return (await this.reader.read(start, header.size)).slice();
  }

  private notATar(block: Uint8Array, reason: string): FileError {
    const gzip = block[0] === 0x1f && block[1] === 0x8b;
    const hint = gzip
      ? "it looks gzip-compressed; upload the uncompressed tar archive"
      : "artifact files (.fnnx, .pyfnx, .dfs, .luml, .tar) are uncompressed tar archives";
    return this.error("not_a_tar", `${this.label} is not a tar archive (${reason}): ${hint}.`);
  }

  private damaged(offset: number, reason: string): FileError {
    return this.error(
      "not_a_tar",
      `${this.label} is a damaged tar archive (${reason}; the header at byte ${offset} cannot be read). Re-create or re-download the file.`,
    );
  }

  private truncated(name: string, size: number, offset: number): FileError {
    return this.error(
      "truncated",
      `${this.label} is truncated: member ${name} needs ${size} bytes at ${offset} but the file ends at ${this.reader.size}. Re-create or re-download the file.`,
    );
  }

  private error(code: FileErrorCode, message: string): FileError {
    return new FileError({ code, message, fileName: this.fileName });
  }
}

/**
 * Yields the members of the tar archive read through `reader`, in archive
 * order, stopping at the end-of-archive block. Throws `FileError` (`not_a_tar`,
 * `truncated`) for a file that is not a tar archive or is cut short.
 *
 * @param fileName how messages name the file (`model.fnnx`), when known
 */
export function readTarMembers(reader: BlobWindow, fileName?: string): AsyncGenerator<TarMember> {
  return new TarWalker(reader, fileName).members();
}

/**
 * `readTarMembers` with a callback: calls `visit` with each member in archive
 * order, without a promise per member (headers already in the window are decoded
 * at once).
 */
export function walkTarMembers(
  reader: BlobWindow,
  fileName: string | undefined,
  visit: (member: TarMember) => void,
): Promise<void> {
  return new TarWalker(reader, fileName).walk(visit);
}
