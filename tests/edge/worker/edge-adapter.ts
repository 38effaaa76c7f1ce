/**
 * The behaviour suite's adapter inside an edge runtime: the `LumlClient` a Worker's
 * author imports from `@luml/core` (its default web platform), uploads from `File`s
 * and downloads with no `to`, which resolve with the verified file as a `Blob`.
 */
import { LumlClient } from "@luml/core";
import { AssertionError } from "../../runtime/suite/assert.ts";
import type {
  RuntimeAdapter,
  SuiteClient,
  SuiteDownloadResult,
} from "../../runtime/suite/define-runtime-suite.ts";
import type { TestEnvironment } from "../../runtime/suite/test-environment.ts";

/** The adapter for `runtime` (`workerd`, `edge-runtime`) against `environment`. */
export function createEdgeAdapter(runtime: string, environment: TestEnvironment): RuntimeAdapter {
  return {
    runtime,
    environment,
    createClient: (options): SuiteClient => new LumlClient(options) as unknown as SuiteClient,
    makeSource: (bytes, fileName) => new File([bytes as Uint8Array<ArrayBuffer>], fileName),
    async readDownload(result) {
      const { blob } = result as SuiteDownloadResult & { blob?: Blob };
      if (!(blob instanceof Blob)) throw new AssertionError("a download with no `to` has a `blob`");
      return new Uint8Array(await blob.arrayBuffer());
    },
  };
}
