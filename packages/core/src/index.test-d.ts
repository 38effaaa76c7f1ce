import { describe, expectTypeOf, it } from "vitest";
import {
  type Artifact,
  type ArtifactDetails,
  ArtifactStatus,
  type CollectionType,
  type CreatedArtifact,
  type ListArtifactsOptions,
  type ListedArtifact,
  LumlClient,
  LumlError,
  type MultipartUploadInfo,
  NotFoundError,
  type Page,
  type Transport,
  type UploadSource,
  type UrlResponse,
} from "./index";

describe("public types", () => {
  it("types resource results from the wire schemas", () => {
    const luml = new LumlClient({ apiKey: "k" });
    expectTypeOf(luml.artifacts.get("x")).resolves.toEqualTypeOf<ArtifactDetails | null>();
    expectTypeOf(luml.artifacts.list()).resolves.toEqualTypeOf<Page<ListedArtifact>>();
    expectTypeOf(luml.artifacts.listAll()).toMatchTypeOf<AsyncIterable<ListedArtifact>>();
    expectTypeOf(luml.artifacts.downloadUrl("x")).resolves.toEqualTypeOf<UrlResponse>();
    expectTypeOf(
      luml.artifacts.update("x", { status: "uploaded" }),
    ).resolves.toEqualTypeOf<Artifact>();
    expectTypeOf<CreatedArtifact["upload_details"]["type"]>().toEqualTypeOf<"s3" | "azure">();
    expectTypeOf<Artifact["status"]>().toEqualTypeOf<ArtifactStatus>();
    expectTypeOf<MultipartUploadInfo["type"]>().toEqualTypeOf<"s3" | "azure">();
  });

  it("keeps wire names on models and camelCase on options", () => {
    expectTypeOf<Artifact>().toHaveProperty("file_index");
    expectTypeOf<Artifact>().toHaveProperty("extra_values");
    expectTypeOf<ListArtifactsOptions>().toHaveProperty("startAfter");
    expectTypeOf<ListArtifactsOptions["order"]>().toEqualTypeOf<"asc" | "desc" | undefined>();
    expectTypeOf(ArtifactStatus.Uploaded).toEqualTypeOf<"uploaded">();
    expectTypeOf<"mixed">().toMatchTypeOf<CollectionType>();
  });

  it("rejects bad options at compile time", () => {
    const luml = new LumlClient({ apiKey: "k" });
    // @ts-expect-error only settable statuses are accepted
    luml.artifacts.update("x", { status: "pending_deletion" });
    // @ts-expect-error types are artifact types
    luml.artifacts.list({ types: ["weights"] });
    // @ts-expect-error options are camelCase
    luml.artifacts.list({ sort_by: "F1" });
  });

  it("narrows errors with isInstance and builds transports", () => {
    const error: unknown = new Error();
    if (NotFoundError.isInstance(error)) expectTypeOf(error.status).toBeNumber();
    if (LumlError.isInstance(error)) expectTypeOf(error.isRetryable).toBeBoolean();
    expectTypeOf(new LumlClient({}).artifacts.transport).toEqualTypeOf<Transport>();
    expectTypeOf(LumlClient.create({})).resolves.toEqualTypeOf<LumlClient>();
  });

  it("types what core's client uploads and where it saves", () => {
    const luml = new LumlClient({});
    expectTypeOf(luml.artifacts.upload).parameter(0).toEqualTypeOf<Blob | UploadSource>();
    // @ts-expect-error core has no file paths
    luml.artifacts.upload("model.fnnx");
    // @ts-expect-error a number is not a file
    luml.artifacts.upload(42);
    // @ts-expect-error an arbitrary object is not a source
    luml.artifacts.upload({ foo: 1 });
    // @ts-expect-error core saves to a stream or a Blob, not a path
    luml.artifacts.download("id", { to: "copy.fnnx" });
  });
});
