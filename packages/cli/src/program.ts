import { Command, InvalidArgumentError, Option } from "commander";
import packageJson from "../package.json";
import type { GlobalOptions } from "./config";
import type { Context } from "./context";

/** The commands' code: loaded once a command runs, so `--help` and `--version` stay quick. */
type Commands = typeof import("./commands");

const artifactTypes = ["model", "dataset", "experiment"];
const collectionTypes = [
  "model",
  "dataset",
  "experiment",
  "model_dataset",
  "dataset_experiment",
  "model_experiment",
  "mixed",
];

const environmentHelp = `
Configuration (a flag wins over a variable, a variable over the config file):
  --api-key      LUML_API_KEY        "apiKey"
  --base-url     LUML_BASE_URL       "baseUrl"       default https://api.luml.ai
  --org          LUML_ORGANIZATION   "organization"  id or name; optional with one
  --orbit        LUML_ORBIT          "orbit"         id or name; optional with one
  --collection   LUML_COLLECTION     "collection"    id or name; optional with one
  --config       LUML_CONFIG         the JSON config file, default
                                     $XDG_CONFIG_HOME/luml/config.json or ~/.config/luml/config.json

Exit codes:
  0 ok, 1 error, 2 usage, 3 configuration, 4 API key refused (401/403),
  5 not found, 130 interrupted (Ctrl-C), 141 stdout closed (| head),
  143 terminated (SIGTERM)

Output is plain (no styling) when stdout is not a terminal or NO_COLOR is set;
progress goes to stderr, data to stdout. Errors are one line on stderr; --debug
adds every request and the stack.`;

/** The `luml` command line. */
export function buildProgram(): Command {
  const program = new Command("luml")
    .description("Upload, list, download and delete ML model artifacts in LUML.")
    .version(packageJson.version, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .option("--api-key <key>", "API key (prefer LUML_API_KEY: a flag shows in the process list)")
    .option("--base-url <url>", "API base URL")
    .option("--org <id-or-name>", "organization")
    .option("--orbit <id-or-name>", "orbit")
    .option("--collection <id-or-name>", "collection")
    .option("--config <file>", "config file (JSON)")
    .option("--json", "print JSON instead of a table")
    .option("--debug", "log each request and print the stack of an error")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText("after", environmentHelp);
  program.helpCommand("help [command]", "show help for a command");

  program
    .command("whoami")
    .description("check the API key and show the organization, orbit and collection in use")
    .action(run((commands, context) => commands.whoami(context)));

  program
    .command("orgs")
    .description("list your organizations")
    .action(run((commands, context) => commands.orgs(context)));

  program
    .command("orbits")
    .description("list the orbits of the organization")
    .action(run((commands, context) => commands.orbits(context)));

  program
    .command("collections")
    .description("list the collections of the orbit")
    .option("--search <text>", "name or tag contains this text (case-insensitive)")
    .addOption(
      new Option("--type <type>", "only this type (repeatable)").argParser(
        collect(collectionTypes),
      ),
    )
    .option("--limit <n>", "at most this many", positiveInteger, 100)
    .action(run((commands, context, options) => commands.collections(context, options)));

  program
    .command("ls")
    .description("list the artifacts of the collection, sorted by a column or any metric")
    .option(
      "-s, --sort <key>",
      "created_at (default), name, size, status, type, description, or a metric (F1, accuracy, …)",
    )
    .addOption(new Option("--order <order>", "sort order").choices(["asc", "desc"]).default("desc"))
    .addOption(new Option("--asc", "same as --order asc").conflicts("order"))
    .addOption(
      new Option("--type <type>", "only artifacts of this type (repeatable)").argParser(
        collect(artifactTypes),
      ),
    )
    .option("--search <text>", "name contains this text (case-insensitive)")
    .option("-n, --limit <n>", "at most this many rows", positiveInteger, 50)
    .addHelpText(
      "after",
      "\nExamples:\n  luml ls --sort F1 --limit 5\n  luml ls --type model --search resnet --json",
    )
    .action(
      run((commands, context, options) =>
        commands.ls(context, { ...options, order: options.asc ? "asc" : options.order }),
      ),
    );

  program
    .command("get")
    .description("show an artifact: status, size, sha256, tags, metrics")
    .argument("<name-or-id>", "the artifact's id, name or file name")
    .action(run((commands, context, nameOrId) => commands.get(context, nameOrId)));

  program
    .command("upload")
    .description("upload an artifact file (.fnnx, .pyfnx, .dfs, .luml, .tar)")
    .argument("<file>", "the file to upload")
    .option("--name <name>", "the artifact's name (default: the file name)")
    .option("--description <text>", "a description")
    .option("-t, --tag <tag>", "a tag (repeatable)", collectTags)
    .option("--no-progress", "do not draw the progress bar")
    .addHelpText(
      "after",
      "\nCtrl-C stops the upload (exit 130); a record it already created is marked upload_failed.\n\nExample:\n  luml upload model.fnnx --name churn --tag prod --tag v2",
    )
    .action(run((commands, context, file, options) => commands.upload(context, file, options)));

  program
    .command("download")
    .description("download an artifact's file, verified against its sha256")
    .argument("<name-or-id>", "the artifact's id, name or file name")
    .option(
      "-o, --output <file-or-folder>",
      "where to save (default: the current folder); - writes to stdout",
    )
    .option("--no-progress", "do not draw the progress bar")
    .addHelpText(
      "after",
      "\nThe file is written beside its destination and renamed into place only once\nits sha256 matches; nothing is left behind on failure or Ctrl-C. To stdout (-o -),\na pipe or a device, the bytes stream through, the last ones once verified; a\nmismatch then exits 1 with the output cut short, and messages go to stderr.",
    )
    .action(
      run((commands, context, nameOrId, options) => commands.download(context, nameOrId, options)),
    );

  program
    .command("update")
    .description("change an artifact's name, description or tags")
    .argument("<name-or-id>", "the artifact's id, name or file name")
    .option("--name <name>", "new name")
    .option("--description <text>", "new description ('' removes it)")
    .option("-t, --tag <tag>", "set the tags to these (repeatable)", collectTags)
    .option("--add-tag <tag>", "add a tag (repeatable)", collectTags)
    .option("--remove-tag <tag>", "remove a tag (repeatable)", collectTags)
    .action(
      run((commands, context, nameOrId, options) => commands.update(context, nameOrId, options)),
    );

  program
    .command("rm")
    .description("delete artifacts: their stored files, then their records")
    .argument("<name-or-id...>", "the artifacts' ids, names or file names")
    .option("--force", "delete the record whatever its status, leaving any stored file")
    .addHelpText(
      "after",
      "\nEvery name is looked up first: if one matches no artifact (or several), nothing\nis deleted.\n\nWithout --force: takes a delete URL (the record becomes pending_deletion), deletes\nthe stored file, then confirms; if storage refuses, the record is marked\ndeletion_failed. An artifact used by a deployment cannot be deleted.",
    )
    .action(
      run((commands, context, namesOrIds, options) => commands.rm(context, namesOrIds, options)),
    );

  program
    .command("cleanup")
    .description("mark records of uploads that never finished as upload_failed")
    .option("--pending", "records still pending_upload (required)")
    .option("--older-than <duration>", "only those created before this long ago", "1h")
    .option("--delete", "also delete the records so marked")
    .addHelpText(
      "after",
      "\nDurations: 90s, 30m, 1h, 2d, 1h30m.\n\nExample (a nightly CI job):\n  luml cleanup --pending --older-than 6h",
    )
    .action(run((commands, context, options) => commands.cleanup(context, options)));

  return program;
}

/**
 * Wraps a command: the global flags merged into its options, a context with its
 * Ctrl-C signal and client. Commander calls it with the arguments, then the
 * command's options, then the command. The commands and the SDK are imported
 * here, when one runs: help, usage errors and `--version` never load them.
 */
function run(
  // biome-ignore lint/suspicious/noExplicitAny: commander passes arguments of each command's own shape
  action: (commands: Commands, context: Context, ...args: any[]) => Promise<void>,
) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const options = command.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
    const positional = args.slice(0, -2);
    const [commands, { withContext }] = await Promise.all([
      import("./commands"),
      import("./context"),
    ]);
    await withContext(options, (context) => action(commands, context, ...positional, options));
  };
}

/** A repeatable option's parser: each value is added to the list (checked against `allowed`). */
function collect(allowed?: readonly string[]) {
  return (value: string, previous: string[] | undefined): string[] => {
    if (allowed && !allowed.includes(value)) {
      throw new InvalidArgumentError(`Allowed choices are ${allowed.join(", ")}.`);
    }
    return [...(previous ?? []), value];
  };
}

/** Gathers a repeatable tag option; an empty tag (`--tag "$UNSET"`) is a usage error. */
function collectTags(value: string, previous: string[] | undefined): string[] {
  if (value.trim() === "") throw new InvalidArgumentError("A tag cannot be empty.");
  return [...(previous ?? []), value];
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError("Expected a positive whole number.");
  }
  return number;
}
