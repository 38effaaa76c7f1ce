// Type tests, checked by `tsc --noEmit` (the typecheck step): what `@luml/node`'s
// client accepts compiles, anything else does not.
// Through the package's public entry, as users import it.
import type { LumlClient, UploadSource } from "./index";

declare const luml: LumlClient;
declare const source: UploadSource;

export function acceptedInputs(): void {
  luml.artifacts.upload("model.fnnx");
  luml.artifacts.upload(new URL("file:///models/model.fnnx"));
  luml.artifacts.upload(new Blob([]), { fileName: "model.fnnx" });
  luml.artifacts.upload(new File([], "model.fnnx"));
  luml.artifacts.upload(source);
  luml.artifacts.download("id", { to: "copy.fnnx" });
  luml.artifacts.download("id", { to: new URL("file:///models/") });
  luml.artifacts.download("id", { to: new WritableStream<Uint8Array>() });
}

export function refusedInputs(): void {
  // @ts-expect-error a number is not a file
  luml.artifacts.upload(42);
  // @ts-expect-error an arbitrary object is not a source
  luml.artifacts.upload({ foo: 1 });
  // @ts-expect-error a number is not a destination
  luml.artifacts.download("id", { to: 42 });
  // @ts-expect-error options are camelCase
  luml.artifacts.upload("model.fnnx", { file_name: "x.fnnx" });
}
