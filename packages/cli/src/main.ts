import { CommanderError } from "commander";
import { ExitCode } from "./exit-codes";
import { buildProgram } from "./program";

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
    // Loaded with the SDK's error classes, which only a command that ran can throw.
    const { reportError } = await import("./report");
    return reportError(error, argv.includes("--debug"));
  }
}
