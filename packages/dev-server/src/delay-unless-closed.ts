import type { Socket } from "node:net";

/**
 * Waits `ms` milliseconds for a `delayMs` fault, or less if the connection
 * closes first (the client gave up, or the server's `stop()` destroyed it): the
 * timer then goes at once instead of outliving the server and resuming a
 * request against stopped storage. Resolves `true` when the delay ran out.
 */
export function delayUnlessClosed(ms: number, socket: Socket): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      socket.off("close", onClose);
      resolve(true);
    }, ms);
    socket.once("close", onClose);
  });
}
