import { InvalidArgumentError } from "@luml/core";

/**
 * The local path a user's path or `file:` URL names. Another protocol, a `file:`
 * URL with a host (a network share) or an encoded `/` names no local path: an
 * `InvalidArgumentError` about `argument`. Core checks the first two before an
 * upload's or a download's first request; `openDenoFileBlob` is public, so they
 * are checked here as well, rather than taking such a URL's path for a local one.
 */
export function localPath(target: string | URL, argument: string): string {
  if (!(target instanceof URL)) return target;
  const local =
    target.protocol === "file:" &&
    (target.hostname === "" || target.hostname === "localhost") &&
    !/%2f|%5c/i.test(target.pathname);
  if (!local) {
    throw new InvalidArgumentError({
      argument,
      message: `${target.protocol}//${target.host}… names no file on this machine: expected a path or a file:///… URL`,
    });
  }
  const path = decodeURIComponent(target.pathname);
  // file:///C:/models/x.luml is C:/models/x.luml on Windows.
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}
