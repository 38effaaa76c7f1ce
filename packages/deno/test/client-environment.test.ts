import { assert, assertEquals } from "./assert.ts";

Deno.test("without --allow-env, a missing API key is reported as a denied environment, not an unset one", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--cached-only",
      "--no-prompt",
      "--allow-read",
      "--import-map",
      new URL("./import-map.json", import.meta.url).pathname,
      new URL("./env-denied-child.ts", import.meta.url).pathname,
    ],
    env: { DENO_NO_PACKAGE_JSON: "1", LUML_API_KEY: "dfs_set_but_unreadable" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout).trim();
  const result = JSON.parse(text.split("\n").at(-1) ?? "{}") as { name?: string; message?: string };
  assertEquals(result.name, "ConfigurationError");
  assert(result.message?.includes("--allow-env"), `the message names the flag: ${result.message}`);
  assert(!result.message?.includes("dfs_set_but_unreadable"), "the key never appears");
});
