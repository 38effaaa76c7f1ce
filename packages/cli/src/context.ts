import { abortOnInterrupt, LumlClient } from "@luml/node";
import { type GlobalOptions, type ResolvedConfig, resolveConfig } from "./config";
import { CliError, ExitCode } from "./exit-codes";
import { useColor } from "./output";
import { rememberSecret } from "./report";

/** What a command runs with: its options, output, Ctrl-C signal and a client. */
export interface Context {
  readonly options: GlobalOptions;
  readonly json: boolean;
  /** Bold headings: stdout is a terminal and `NO_COLOR` is unset. */
  readonly color: boolean;
  /** Aborted by the first Ctrl-C (SIGINT) or SIGTERM. */
  readonly signal: AbortSignal;
  /** Writes a line (or lines) to stdout. */
  out(text: string): void;
  /** Writes a line to stderr (notes for people, never data). */
  note(text: string): void;
  /** The settings, from flags, `LUML_*` variables and the config file. */
  config(): Promise<ResolvedConfig>;
  /** A client for these settings; defaults are resolved when first needed. */
  client(): Promise<LumlClient>;
}

/** Runs `work` with a context; Ctrl-C aborts its signal, and is let go of afterwards. */
export async function withContext(
  options: GlobalOptions,
  work: (context: Context) => Promise<void>,
): Promise<void> {
  const interrupt = abortOnInterrupt({
    // The first signal's clean-up (marking a record upload_failed) is cut short.
    onForcedExit: (signal) => {
      process.stderr.write(
        `luml: stopped at once (second ${signal}): what the first was finishing is left undone; a record left pending_upload is marked upload_failed by luml cleanup --pending once it is an hour old (--older-than sets the age)\n`,
      );
    },
  });
  let config: Promise<ResolvedConfig> | undefined;
  let client: Promise<LumlClient> | undefined;
  const context: Context = {
    options,
    json: options.json === true,
    color: useColor(process.stdout),
    signal: interrupt.signal,
    out: (text) => {
      process.stdout.write(`${text}\n`);
    },
    note: (text) => {
      process.stderr.write(`${text}\n`);
    },
    config() {
      config ??= resolveConfig(options).then((resolved) => {
        rememberSecret(resolved.client.apiKey);
        return resolved;
      });
      return config;
    },
    client() {
      client ??= context.config().then(
        (resolved) =>
          new LumlClient({
            ...resolved.client,
            logger: options.debug
              ? { debug: (line) => process.stderr.write(`${line}\n`) }
              : undefined,
          }),
      );
      return client;
    },
  };
  try {
    await work(context);
  } finally {
    interrupt.dispose();
  }
}

/** The default organization's id, or a configuration error naming how to set it. */
export async function requireOrganization(context: Context): Promise<string> {
  const luml = await context.client();
  const { client } = await context.config();
  const ids = await luml.setupConfig({ organization: client.organization, signal: context.signal });
  if (ids.organizationId) return ids.organizationId;
  const names = (await luml.organizations.list({ signal: context.signal })).map((o) => o.name);
  throw new CliError(
    names.length === 0
      ? "This API key's user belongs to no organization."
      : `No organization chosen and there are several (${names.join(", ")}): pass --org or set LUML_ORGANIZATION.`,
    ExitCode.Config,
  );
}

/** The default organization and orbit ids, or a configuration error naming how to set them. */
export async function requireOrbit(
  context: Context,
): Promise<{ organizationId: string; orbitId: string }> {
  const organizationId = await requireOrganization(context);
  const luml = await context.client();
  const { client } = await context.config();
  const ids = await luml.setupConfig({
    organization: organizationId,
    orbit: client.orbit,
    signal: context.signal,
  });
  if (ids.orbitId) return { organizationId, orbitId: ids.orbitId };
  const names = (await luml.orbits.list({ organizationId, signal: context.signal })).map(
    (o) => o.name,
  );
  throw new CliError(
    names.length === 0
      ? "This organization has no orbit."
      : `No orbit chosen and there are several (${names.join(", ")}): pass --orbit or set LUML_ORBIT.`,
    ExitCode.Config,
  );
}
