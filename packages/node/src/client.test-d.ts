// Type tests, checked by `tsc --noEmit` (the typecheck step): what `@luml/node`'s
// client accepts compiles, anything else does not.
// Through the package's public entry, as users import it.
import type { DownloadSink, LumlClient, UploadSource } from "./index";

declare const luml: LumlClient;
declare const source: UploadSource;
declare const sink: DownloadSink;

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

export async function savedPaths(): Promise<void> {
  // Saved to a file (a path, a folder, a file: URL, the current folder): `path` is a string.
  const toPath: string = (await luml.artifacts.download("id", { to: "copy.fnnx" })).path;
  const toUrl: string = (await luml.artifacts.download("id", { to: new URL("file:///m/") })).path;
  const toHere: string = (await luml.artifacts.download("id")).path;
  const withOptions: string = (await luml.artifacts.download("id", { concurrency: 4 })).path;
  // To a stream or a sink there is no file: `path` may be undefined.
  const stream = new WritableStream<Uint8Array>();
  // @ts-expect-error no path for a stream
  const toStream: string = (await luml.artifacts.download("id", { to: stream })).path;
  // @ts-expect-error no path for a sink
  const toSink: string = (await luml.artifacts.download("id", { sink })).path;
  void [toPath, toUrl, toHere, withOptions, toStream, toSink];
}
