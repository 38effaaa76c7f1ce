import { CommanderError } from "commander";
import { ExitCode } from "./exit-codes";
import { buildProgram } from "./program";
import { reportError } from "./report";

/** Runs `luml` with `argv` (the arguments after the command) and returns its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  for (const command of [program, ...program.commands]) {
    const name = command === program ? "luml" : `luml ${command.name()}`;
    command.configureOutput({
      outputError: (text, write) =>
        write(`luml: ${text.replace(/^error: /, "").trim()} (see \`${name} --help\`)\n`),
    });
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    return reportError(error, argv.includes("--debug"));
  }
}
