import type { Sha256 } from "../platform";

/** The part of a hasher that `lazySha256` needs: its digest may be sync or async. */
export interface LoadedSha256 {
  update(chunk: Uint8Array): void;
  digest(): string | Promise<string>;
}

/**
 * A SHA-256 whose code is loaded on first use (a dynamic import behind `load`): a
 * page or an edge bundle that never hashes this way does not fetch it. Chunks fed
 * before it is loaded are kept (copied: callers may reuse their buffers) and hashed
 * as soon as it is. A failure to load is reported by `digest()`, not as an
 * unhandled rejection.
 */
export function lazySha256(load: () => Promise<LoadedSha256>): Sha256 {
  let hasher: LoadedSha256 | undefined;
  let pending: Uint8Array[] = [];
  const ready = load().then((created) => {
    for (const chunk of pending) created.update(chunk);
    pending = [];
    hasher = created;
    return created;
  });
  ready.catch(() => {});
  return {
    update(chunk) {
      if (hasher) hasher.update(chunk);
      else pending.push(chunk.slice());
    },
    async digest() {
      return (await ready).digest();
    },
  };
}
