import { type ProgressCallback, progressBar } from "@luml/node";

let lineOpen = false;

/** @luml/node's progress bar on stderr, remembering whether its line is still being drawn. */
export function progress(): ProgressCallback {
  const draw = progressBar();
  const terminal = process.stderr.isTTY === true;
  return (event) => {
    draw(event);
    lineOpen = terminal && event.loaded < event.total;
  };
}

/** Ends a progress line cut short (Ctrl-C, a failure), so what follows starts on its own line. */
export function endProgressLine(): void {
  if (lineOpen) process.stderr.write("\n");
  lineOpen = false;
}
