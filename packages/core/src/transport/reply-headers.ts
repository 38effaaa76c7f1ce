/**
 * A reply's headers, as far as the SDK reads them: web `Headers` is one (the
 * `fetch` and XHR paths pass theirs on); Node's `node:http` and socket paths pass
 * a lighter map of their own, since in Node the global `Headers` loads the whole
 * `fetch` implementation.
 */
export interface ReplyHeaders extends Iterable<[string, string]> {
  /** The value of the header `name` (in any case), repeated values joined by `, `; `null` when absent. */
  get(name: string): string | null;
}

/**
 * Reply headers without web `Headers`. In Node, the first touch of the global
 * `Headers` loads Node's whole `fetch` implementation (undici, with `node:http2`,
 * `node:zlib` and more), in a process that sends every request on `node:http` or
 * a bare socket and never needs it: a short command then peaks 4–6 MiB higher and
 * runs 15–25 ms longer. Names are kept in lower case; a repeated header's values
 * are joined by `, `, as `Headers` joins them.
 */
export class HeaderMap implements ReplyHeaders {
  private readonly values = new Map<string, string>();

  /** Adds a value of the header `name`, after any it already has. */
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const had = this.values.get(key);
    this.values.set(key, had === undefined ? value : `${had}, ${value}`);
  }

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.values.entries();
  }
}
