import type * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import type {
  Artifact,
  ArtifactDetails,
  artifactDetailsSchema,
  artifactSchema,
  ListedArtifact,
  listedArtifactSchema,
} from "./artifact";
import type {
  Collection,
  CollectionDetails,
  collectionDetailsSchema,
  collectionSchema,
} from "./collection";
import type {
  JsonModelIO,
  jsonModelIOSchema,
  LumlArtifactManifest,
  lumlArtifactManifestSchema,
  ManifestVariable,
  ModelManifest,
  manifestVariableSchema,
  modelManifestSchema,
  NdjsonModelIO,
  ndjsonModelIOSchema,
} from "./manifest";
import type {
  AzureMultipartUploadInfo,
  azureMultipartUploadInfoSchema,
  MultipartUploadInfo,
  multipartUploadInfoSchema,
  S3MultipartUploadInfo,
  s3MultipartUploadInfoSchema,
  UploadPart,
  uploadPartSchema,
} from "./multipart-upload-info";
import type { Orbit, orbitSchema } from "./orbit";
import type { Organization, organizationSchema } from "./organization";
import type { Page, pageSchema } from "./page";
import type {
  CreatedArtifact,
  createdArtifactSchema,
  UploadDetails,
  uploadDetailsSchema,
} from "./upload-details";
import type { UrlResponse, urlResponseSchema } from "./url-response";

// The documented interfaces and the schemas that validate replies are written
// separately; these checks fail as soon as one drifts from the other.

/**
 * A model's known fields, deeply, without the `[key: string]: unknown` that keeps
 * unknown fields: that index signature would make any two models look equal, and
 * an interface is never "identical" to an inferred object type even when every
 * field matches, so both sides are rebuilt the same way before comparing.
 */
type Fields<T> = T extends readonly unknown[]
  ? { [I in keyof T]: Fields<T[I]> }
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: Fields<T[K]> }
    : T;

describe("model interfaces match their schemas", () => {
  it("artifacts", () => {
    expectTypeOf<Fields<v.InferOutput<typeof artifactSchema>>>().toEqualTypeOf<Fields<Artifact>>();
    expectTypeOf<Fields<v.InferOutput<typeof listedArtifactSchema>>>().toEqualTypeOf<
      Fields<ListedArtifact>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof artifactDetailsSchema>>>().toEqualTypeOf<
      Fields<ArtifactDetails>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof createdArtifactSchema>>>().toEqualTypeOf<
      Fields<CreatedArtifact>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof uploadDetailsSchema>>>().toEqualTypeOf<
      Fields<UploadDetails>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof urlResponseSchema>>>().toEqualTypeOf<
      Fields<UrlResponse>
    >();
  });

  it("collections, orbits, organizations and pages", () => {
    expectTypeOf<Fields<v.InferOutput<typeof collectionSchema>>>().toEqualTypeOf<
      Fields<Collection>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof collectionDetailsSchema>>>().toEqualTypeOf<
      Fields<CollectionDetails>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof orbitSchema>>>().toEqualTypeOf<Fields<Orbit>>();
    expectTypeOf<Fields<v.InferOutput<typeof organizationSchema>>>().toEqualTypeOf<
      Fields<Organization>
    >();
    expectTypeOf<
      Fields<v.InferOutput<ReturnType<typeof pageSchema<typeof orbitSchema>>>>
    >().toEqualTypeOf<Fields<Page<Orbit>>>();
  });

  it("multipart upload URLs", () => {
    expectTypeOf<Fields<v.InferOutput<typeof uploadPartSchema>>>().toEqualTypeOf<
      Fields<UploadPart>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof s3MultipartUploadInfoSchema>>>().toEqualTypeOf<
      Fields<S3MultipartUploadInfo>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof azureMultipartUploadInfoSchema>>>().toEqualTypeOf<
      Fields<AzureMultipartUploadInfo>
    >();
    expectTypeOf<Fields<v.InferOutput<typeof multipartUploadInfoSchema>>>().toEqualTypeOf<
      Fields<MultipartUploadInfo>
    >();
  });

  it("manifests, as a create body takes them", () => {
    expectTypeOf<Fields<v.InferInput<typeof jsonModelIOSchema>>>().toEqualTypeOf<
      Fields<JsonModelIO>
    >();
    expectTypeOf<Fields<v.InferInput<typeof ndjsonModelIOSchema>>>().toEqualTypeOf<
      Fields<NdjsonModelIO>
    >();
    expectTypeOf<Fields<v.InferInput<typeof manifestVariableSchema>>>().toEqualTypeOf<
      Fields<ManifestVariable>
    >();
    expectTypeOf<Fields<v.InferInput<typeof modelManifestSchema>>>().toEqualTypeOf<
      Fields<ModelManifest>
    >();
    expectTypeOf<Fields<v.InferInput<typeof lumlArtifactManifestSchema>>>().toEqualTypeOf<
      Fields<LumlArtifactManifest>
    >();
  });

  it("tells a differing field or optionality apart", () => {
    interface NarrowerSize extends Artifact {
      size: 0;
    }
    interface RequiredName extends Artifact {
      name: string | null | undefined;
    }
    type Inferred = Fields<v.InferOutput<typeof artifactSchema>>;
    // @ts-expect-error `size` is any number, not only 0
    expectTypeOf<Inferred>().toEqualTypeOf<Fields<NarrowerSize>>();
    // @ts-expect-error `name` may be left out
    expectTypeOf<Inferred>().toEqualTypeOf<Fields<RequiredName>>();
  });
});

describe("models name only the fields they have", () => {
  it("a misspelt or Python-named field does not compile", () => {
    const read = (artifact: Artifact, listed: ListedArtifact, collection: Collection) => {
      // @ts-expect-error Python's `metrics` is `extra_values` on the wire.
      void artifact.metrics;
      // @ts-expect-error the field is `file_name`.
      void listed.fileName;
      // @ts-expect-error no such field.
      void collection.artifact_count;
      return [artifact.extra_values, listed.file_name, collection.total_artifacts];
    };
    expectTypeOf(read).returns.toBeArray();
  });
});
