import { parseArgs } from "node:util";
import type { DevServerOptions } from "./types";

/** Usage of `luml-dev-server`. */
export const CLI_USAGE = `Usage: luml-dev-server [options]
       luml-dev-server [options] --json              print where it runs as one JSON line
                                                     (over a pipe, closing stdin stops it)
       luml-dev-server [options] -- <command> [args] run a command against it, then stop

  With --json or a command, the port is free and the state fresh unless --port or
  --data-dir say otherwise. The command gets LUML_BASE_URL, LUML_API_KEY and
  LUML_DEV_SERVER (the JSON line: baseUrl, apiKey, seeded, storage).

  --port <n>                 API port (default 8000; 0 picks a free one)
  --host <address>           interface to bind (default 127.0.0.1)
  --data-dir <path>          where state and objects persist (default ./.luml-dev-server)
  --multipart-threshold <n>  files larger than n bytes upload in parts (default 524288000)
  --part-size <n>            multipart part size in bytes (default: the service's table)
  --cors-origin <origin>     allowed origin, repeatable (default any)
  --faults                   enable fault injection at /_dev/faults
  --api-key <key>            API key to seed (default: a fresh dfs_ key, kept in the data dir)
  --api-body-limit <n>       largest API request body in bytes (default 16777216)
  --s3-min-part-size <n>     smallest S3 part but the last, in bytes (default 5242880; 0 any)
  --max-artifacts <n>        artifacts an organization may hold (default no limit)
  --help                     show this help`;

function integer(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Turns CLI flags into `startDevServer` options; `undefined` means help was asked for. */
export function parseCliArguments(argv: string[]): DevServerOptions | undefined {
  // `pnpm run dev-server -- --port 8001` passes the `--` along: one followed by an
  // option (or by nothing) is skipped.
  const args = argv.filter(
    (value, index) => value !== "--" || !(argv[index + 1]?.startsWith("-") ?? true),
  );
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      "multipart-threshold": { type: "string" },
      "part-size": { type: "string" },
      "cors-origin": { type: "string", multiple: true },
      faults: { type: "boolean" },
      "api-key": { type: "string" },
      "api-body-limit": { type: "string" },
      "s3-min-part-size": { type: "string" },
      "max-artifacts": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return undefined;
  const origins = values["cors-origin"];
  return {
    port: integer("port", values.port, 0) ?? 8000,
    host: values.host ?? "127.0.0.1",
    dataDir: values["data-dir"] ?? "./.luml-dev-server",
    multipartThreshold: integer("multipart-threshold", values["multipart-threshold"], 0),
    partSize: integer("part-size", values["part-size"], 1),
    corsOrigins: !origins || origins.includes("*") ? "*" : origins,
    faults: values.faults ?? false,
    apiKey: values["api-key"],
    apiBodyLimit: integer("api-body-limit", values["api-body-limit"], 1),
    s3MinPartSize: integer("s3-min-part-size", values["s3-min-part-size"], 0),
    maxArtifactsPerOrganization: integer("max-artifacts", values["max-artifacts"], 0),
  };
}
