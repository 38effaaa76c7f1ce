import type { Sha256 } from "../platform";

/** The part of a hasher that `lazySha256` needs: its digest may be sync or async. */
export interface LoadedSha256 {
  update(chunk: Uint8Array): void;
  digest(): string | Promise<string>;
}

/**
 * A SHA-256 whose code is loaded on first use (a dynamic import behind `load`): a
 * page or an edge bundle that never hashes this way does not fetch it. An update
 * that comes before it is loaded returns a promise that settles once the chunk is
 * hashed, so the caller waits (a download stops reading) rather than bytes piling
 * up in memory to be hashed in one long, page-freezing run. A failure to load
 * rejects that promise and `digest()`, never as an unhandled rejection.
 */
export function lazySha256(load: () => Promise<LoadedSha256>): Sha256 {
  let hasher: LoadedSha256 | undefined;
  const ready = load().then((created) => {
    hasher = created;
    return created;
  });
  ready.catch(() => {});
  return {
    update(chunk) {
      if (hasher) hasher.update(chunk);
      else return ready.then((loaded) => loaded.update(chunk));
    },
    async digest() {
      return (await ready).digest();
    },
  };
}
