import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { LumlClientOptions } from "@luml/node";
import { CliError, ExitCode } from "./exit-codes";
import { jsonErrorOffset, positionOf } from "./json-position";

/** The options every command takes (flags of `luml` itself). */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  org?: string;
  orbit?: string;
  collection?: string;
  config?: string;
  json?: boolean;
  debug?: boolean;
}

/** What a config file may hold. */
export interface ConfigFile {
  apiKey?: string;
  baseUrl?: string;
  organization?: string;
  orbit?: string;
  collection?: string;
}

const configKeys = ["apiKey", "baseUrl", "organization", "orbit", "collection"] as const;

/** The settings a command runs with, and where the API key came from (never the key). */
export interface ResolvedConfig {
  client: LumlClientOptions;
  apiKeySource: string | undefined;
  configPath: string | undefined;
}

/** Where the config file is looked for when neither `--config` nor `LUML_CONFIG` names one. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  // HOME first: Deno reads it with --allow-env, homedir() would need --allow-sys too.
  const home = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE) ?? homedir();
  const base = nonEmpty(env.XDG_CONFIG_HOME) ?? join(home, ".config");
  return join(base, "luml", "config.json");
}

/**
 * Settings by precedence: a flag, else a `LUML_*` environment variable, else the
 * config file (`--config`, else `LUML_CONFIG`, else `~/.config/luml/config.json`).
 */
export async function resolveConfig(
  options: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedConfig> {
  const explicitPath = nonEmpty(options.config) ?? nonEmpty(env.LUML_CONFIG);
  const path = explicitPath ?? defaultConfigPath(env);
  const file = await readConfigFile(path, explicitPath !== undefined);
  const pick = (flag: string | undefined, variable: string, key: keyof ConfigFile) => {
    const fromFlag = nonEmpty(flag);
    if (fromFlag !== undefined) return { value: fromFlag, source: `--${flagName(key)}` };
    const fromEnv = nonEmpty(env[variable]);
    if (fromEnv !== undefined) return { value: fromEnv, source: variable };
    const fromFile = nonEmpty(file?.[key]);
    if (fromFile !== undefined) return { value: fromFile, source: path };
    return { value: undefined, source: undefined };
  };
  const apiKey = pick(options.apiKey, "LUML_API_KEY", "apiKey");
  if (apiKey.value === undefined) {
    throw new CliError(
      `No API key: set LUML_API_KEY, pass --api-key, or put "apiKey" in ${path}.`,
      ExitCode.Config,
    );
  }
  return {
    client: {
      apiKey: apiKey.value,
      baseUrl: pick(options.baseUrl, "LUML_BASE_URL", "baseUrl").value,
      organization: pick(options.org, "LUML_ORGANIZATION", "organization").value,
      orbit: pick(options.orbit, "LUML_ORBIT", "orbit").value,
      collection: pick(options.collection, "LUML_COLLECTION", "collection").value,
    },
    apiKeySource: apiKey.source,
    configPath: file ? path : undefined,
  };
}

function flagName(key: keyof ConfigFile): string {
  return {
    apiKey: "api-key",
    baseUrl: "base-url",
    organization: "org",
    orbit: "orbit",
    collection: "collection",
  }[key];
}

async function readConfigFile(path: string, required: boolean): Promise<ConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError(
      `Cannot read the config file ${path}: ${(error as Error).message}`,
      ExitCode.Config,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(
      `The config file ${path} is not valid JSON${whereJsonBreaks(text)}.`,
      ExitCode.Config,
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new CliError(`The config file ${path} must hold a JSON object.`, ExitCode.Config);
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!(configKeys as readonly string[]).includes(key)) {
      throw new CliError(
        `The config file ${path} has an unknown key "${key}"; known keys: ${configKeys.join(", ")}.`,
        ExitCode.Config,
      );
    }
    if (typeof value !== "string") {
      throw new CliError(`In the config file ${path}, "${key}" must be a string.`, ExitCode.Config);
    }
  }
  return parsed as ConfigFile;
}

/**
 * `: … at line 3, column 12` for a file that is not JSON. Never the engine's
 * message: it quotes the text around the error, which may be the API key.
 */
function whereJsonBreaks(text: string): string {
  if (text.trim() === "") return ": the file is empty";
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return "";
  const { line, column } = positionOf(text, offset);
  const what = offset >= text.length ? "it ends too early" : "unexpected character";
  return `: ${what} at line ${line}, column ${column}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
