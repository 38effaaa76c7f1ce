import { ExitCode } from "./exit-codes";
import { main } from "./main";

// When the reader of stdout has gone (`luml ls | head -1`), nothing more can be
// said to it: stop quietly with the code a shell gives a command SIGPIPE ended,
// not with an unhandled EPIPE stack. Any other failure to write stdout (a full
// disk under `> list.txt`) is one line on stderr, as every error is.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(ExitCode.BrokenPipe);
  process.stderr.write(`luml: cannot write to stdout: ${error.code ?? error.message}\n`);
  process.exit(ExitCode.Error);
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Let stdout and stderr drain, but do not wait on idle connections kept for reuse.
setTimeout(() => process.exit(code), 2000).unref();
