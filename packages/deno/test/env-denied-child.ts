// Builds a client with no `apiKey` option, as a script run without --allow-env does,
// and prints the error it gets as JSON.
import { LumlClient } from "../src/index.ts";

try {
  new LumlClient({ baseUrl: "http://127.0.0.1:1" });
  console.log(JSON.stringify({ created: true }));
} catch (error) {
  console.log(JSON.stringify({ name: (error as Error).name, message: (error as Error).message }));
}
