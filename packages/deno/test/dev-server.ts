/** A dev server in a Node child process, for Deno tests that cross the network. */
export interface TestDevServer {
  baseUrl: string;
  apiKey: string;
  seeded: {
    organization: { name: string };
    orbits: { s3: { name: string }; azure: { name: string } };
    collections: { s3: { name: string }; azure: { name: string } };
  };
  /** Stops the server and waits for its process to end. */
  stop(): Promise<void>;
}

const mebibyte = 1024 * 1024;

/**
 * Starts `luml-dev-server --json` (S3 and Azure orbits, faults on) with Node, which
 * the dev server needs for its SQLite binding, and reads its address.
 */
export async function startTestDevServer(): Promise<TestDevServer> {
  const child = new Deno.Command("node", {
    args: [
      new URL("../../dev-server/dist/cli.js", import.meta.url).pathname,
      "--json",
      "--faults",
      "--multipart-threshold",
      String(6 * mebibyte),
      "--part-size",
      String(5 * mebibyte),
    ],
    cwd: new URL("..", import.meta.url).pathname,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  while (!buffered.includes("\n")) {
    const { done, value } = await reader.read();
    if (done) throw new Error("The dev server ended before it was ready");
    buffered += value;
  }
  // Nothing else is printed; dropping the pipe lets the test end without leaks.
  await reader.cancel();
  const ready = JSON.parse(buffered.slice(0, buffered.indexOf("\n")));
  return {
    ...ready,
    async stop() {
      await child.stdin.close();
      await child.status;
    },
  };
}
