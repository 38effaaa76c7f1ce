import { assert, assertEquals } from "./assert.ts";

/** Runs a child script with these flags and variables; resolves with the JSON line it printed last. */
async function runChild(
  script: string,
  flags: string[],
  env: Record<string, string>,
  args: string[] = [],
  // biome-ignore lint/suspicious/noExplicitAny: each child prints its own JSON shape.
): Promise<any> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--cached-only",
      "--no-prompt",
      "--allow-read",
      ...flags,
      "--import-map",
      new URL("./import-map.json", import.meta.url).pathname,
      new URL(script, import.meta.url).pathname,
      ...args,
    ],
    env: { DENO_NO_PACKAGE_JSON: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout).trim();
  return JSON.parse(text.split("\n").at(-1) ?? "{}");
}

/** Runs env-denied-child.ts with these env permissions, variables and client options. */
function clientIn(options: {
  allowEnv?: string;
  env: Record<string, string>;
  clientOptions?: Record<string, unknown>;
}): Promise<{ name?: string; message?: string; created?: boolean; baseUrl?: string }> {
  return runChild(
    "./env-denied-child.ts",
    options.allowEnv ? [`--allow-env=${options.allowEnv}`] : [],
    options.env,
    options.clientOptions ? [JSON.stringify(options.clientOptions)] : [],
  );
}

Deno.test("without --allow-env, a missing API key is reported as a denied environment, not an unset one", async () => {
  const result = await clientIn({ env: { LUML_API_KEY: "dfs_set_but_unreadable" } });
  assertEquals(result.name, "ConfigurationError");
  assert(result.message?.includes("--allow-env"), `the message names the flag: ${result.message}`);
  assert(!result.message?.includes("dfs_set_but_unreadable"), "the key never appears");
});

Deno.test("a LUML_BASE_URL the runtime hides is an error, not the LUML service's URL", async () => {
  const result = await clientIn({
    allowEnv: "LUML_API_KEY",
    env: { LUML_API_KEY: "dfs_local_key", LUML_BASE_URL: "http://127.0.0.1:9" },
    clientOptions: {},
  });
  assertEquals(result.name, "ConfigurationError", JSON.stringify(result));
  assert(result.message?.includes("LUML_BASE_URL"), `the message names it: ${result.message}`);
  assert(result.message?.includes("--allow-env"), `and the flag: ${result.message}`);
  assert(!result.message?.includes("dfs_local_key"), "the key never appears");
});

Deno.test("with LUML_BASE_URL readable, or a baseUrl given, the client uses it", async () => {
  const env = { LUML_API_KEY: "dfs_local_key", LUML_BASE_URL: "http://127.0.0.1:9" };
  const readable = await clientIn({
    allowEnv: "LUML_API_KEY,LUML_BASE_URL",
    env,
    clientOptions: {},
  });
  assertEquals(readable.baseUrl, "http://127.0.0.1:9");
  const given = await clientIn({
    allowEnv: "LUML_API_KEY",
    env,
    clientOptions: { baseUrl: "http://127.0.0.1:10" },
  });
  assertEquals(given.baseUrl, "http://127.0.0.1:10");
});

Deno.test("without --allow-net, a request is a ConfigurationError naming the flag, not retried", async () => {
  const result = await runChild("./net-denied-child.ts", ["--allow-env"], {});
  assertEquals(result.name, "ConfigurationError", JSON.stringify(result));
  assertEquals(result.isRetryable, false);
  assert(result.message.includes("--allow-net"), result.message);
  assert(result.message.includes("127.0.0.1:47"), result.message);
  assert(!result.message.includes("dfs_not_sent"), "the key never appears");
});
