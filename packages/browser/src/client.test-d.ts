// Type tests, checked by `tsc --noEmit` (the typecheck step): what `@luml/browser`'s
// client accepts compiles, anything else does not.
// Through the package's public entry, as users import it.
import type { LumlClient, UploadSource } from "./index";

declare const luml: LumlClient;
declare const source: UploadSource;
declare const handle: FileSystemFileHandle;

export function acceptedInputs(): void {
  luml.artifacts.upload(new File([], "model.fnnx"));
  luml.artifacts.upload(new Blob([]), { fileName: "model.fnnx" });
  luml.artifacts.upload({ file: new Blob([]), name: "model.fnnx" });
  luml.artifacts.upload(handle);
  luml.artifacts.upload(source);
  luml.artifacts.download("id");
  luml.artifacts.download("id", { to: handle });
  luml.artifacts.download("id", { to: new WritableStream<Uint8Array>() });
}

export function refusedInputs(): void {
  // @ts-expect-error a number is not a file
  luml.artifacts.upload(42);
  // @ts-expect-error an arbitrary object is not a source
  luml.artifacts.upload({ foo: 1 });
  // @ts-expect-error a page has no file paths
  luml.artifacts.upload("model.fnnx");
  // @ts-expect-error a page has no file paths to save to
  luml.artifacts.download("id", { to: "copy.fnnx" });
}
