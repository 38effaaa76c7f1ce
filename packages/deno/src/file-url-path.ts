/**
 * The local path a user's path or `file:` URL names (core has refused other
 * protocols and `file:` URLs with a host).
 */
export function localPath(target: string | URL): string {
  if (!(target instanceof URL)) return target;
  const path = decodeURIComponent(target.pathname);
  // file:///C:/models/x.luml is C:/models/x.luml on Windows.
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}
