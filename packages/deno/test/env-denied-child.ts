// Builds a client with the options given as JSON in the first argument (default: a
// base URL and no `apiKey`), as a script run without --allow-env does, and prints
// the error it gets (or the base URL it will use) as JSON.
import { LumlClient } from "../src/index.ts";

try {
  const luml = new LumlClient(JSON.parse(Deno.args[0] ?? '{"baseUrl":"http://127.0.0.1:1"}'));
  console.log(JSON.stringify({ created: true, baseUrl: luml.baseUrl }));
} catch (error) {
  console.log(JSON.stringify({ name: (error as Error).name, message: (error as Error).message }));
}
