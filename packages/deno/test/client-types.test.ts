// Type tests, checked by `deno test`'s type check: what `@luml/deno`'s client accepts
// compiles, anything else does not.
// Through the package's public entry, as users import it.
import type { LumlClient, UploadSource } from "../src/index.ts";

export function acceptedInputs(luml: LumlClient, source: UploadSource): void {
  luml.artifacts.upload("model.fnnx");
  luml.artifacts.upload(new URL("file:///models/model.fnnx"));
  luml.artifacts.upload(new File([], "model.fnnx"));
  luml.artifacts.upload(source);
  luml.artifacts.download("id", { to: "copy.fnnx" });
  luml.artifacts.download("id", { to: new WritableStream<Uint8Array>() });
}

export function refusedInputs(luml: LumlClient): void {
  // @ts-expect-error a number is not a file
  luml.artifacts.upload(42);
  // @ts-expect-error an arbitrary object is not a source
  luml.artifacts.upload({ foo: 1 });
  // @ts-expect-error a number is not a destination
  luml.artifacts.download("id", { to: 42 });
}

Deno.test("the client's accepted inputs are checked at compile time", () => {
  // The checks above run when this file is type-checked; nothing to run.
});
