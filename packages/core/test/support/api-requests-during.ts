import type { DevServer } from "@luml/dev-server";

/**
 * Counts the API requests `action` makes, with a fault rule that matches every
 * request and never fires. Clears the server's fault rules before and after.
 */
export async function apiRequestsDuring(
  server: DevServer,
  action: () => Promise<unknown>,
): Promise<number> {
  server.faults.clear();
  server.faults.add({ target: "api", path: ".", nth: 1_000_000, action: { delayMs: 0 } });
  await action().catch(() => undefined);
  const matched = server.faults.list()[0]?.matched ?? 0;
  server.faults.clear();
  return matched;
}
