import type { ValidationIssue } from "./http-error";
import { isRecord } from "./validate";

/** Where an issue is, FastAPI-style: `["body", "manifest", "Manifest", "inputs", 0, …]`. */
type Location = Array<string | number>;

/** The `dtype` an NDJSON input or output must have. */
const NDJSON_DTYPE_PATTERN = /^(Array\[.+\]|NDContainer\[.+\])$/;

/**
 * Checks a create body's `manifest` the way the service types it: the
 * LUML-artifact form (tried first), else the model form. Returns the manifest
 * normalised as the service stores it (unknown keys dropped, absent optional keys
 * `null`, keys in the service's order), or records every issue of both forms and
 * returns `undefined`, as a union that matched neither does.
 */
export function parseManifest(
  value: unknown,
  location: Location,
  issues: ValidationIssue[],
): Record<string, unknown> | undefined {
  const artifactIssues: ValidationIssue[] = [];
  const artifact = new ShapeChecker(artifactIssues).artifactManifest(value, [
    ...location,
    "LumlArtifactManifest",
  ]);
  if (artifactIssues.length === 0) return artifact;
  const modelIssues: ValidationIssue[] = [];
  const model = new ShapeChecker(modelIssues).modelManifest(value, [...location, "Manifest"]);
  if (modelIssues.length === 0) return model;
  issues.push(...artifactIssues, ...modelIssues);
  return undefined;
}

/** Field checks of nested JSON, each recording a pydantic-style issue on failure. */
class ShapeChecker {
  constructor(private readonly issues: ValidationIssue[]) {}

  artifactManifest(value: unknown, at: Location): Record<string, unknown> | undefined {
    const object = this.model(value, at, "LumlArtifactManifest");
    if (!object) return undefined;
    return {
      artifact_type: this.string(object, "artifact_type", at),
      variant: this.string(object, "variant", at),
      name: this.optionalString(object, "name", at),
      description: this.optionalString(object, "description", at),
      version: this.optionalString(object, "version", at),
      producer_name: this.string(object, "producer_name", at),
      producer_version: this.string(object, "producer_version", at),
      producer_tags: this.stringList(object, "producer_tags", at),
      payload: this.dictionary(object, "payload", at),
    };
  }

  modelManifest(value: unknown, at: Location): Record<string, unknown> | undefined {
    const object = this.model(value, at, "Manifest");
    if (!object) return undefined;
    return {
      variant: this.string(object, "variant", at),
      name: this.optionalString(object, "name", at),
      version: this.optionalString(object, "version", at),
      description: this.optionalString(object, "description", at),
      producer_name: this.string(object, "producer_name", at),
      producer_version: this.string(object, "producer_version", at),
      producer_tags: this.stringList(object, "producer_tags", at),
      inputs: this.list(object, "inputs", at, (item, where) => this.io(item, where)),
      outputs: this.list(object, "outputs", at, (item, where) => this.io(item, where)),
      dynamic_attributes: this.list(object, "dynamic_attributes", at, (item, where) =>
        this.variable(item, where),
      ),
      env_vars: this.list(object, "env_vars", at, (item, where) => this.variable(item, where)),
    };
  }

  /** An input or output: the NDJSON form, else the JSON form (pydantic's union of both). */
  private io(value: unknown, at: Location): Record<string, unknown> | undefined {
    const ndjsonIssues: ValidationIssue[] = [];
    const ndjson = new ShapeChecker(ndjsonIssues).ndjsonIo(value, [...at, "NDJSON"]);
    if (ndjsonIssues.length === 0) return ndjson;
    const jsonIssues: ValidationIssue[] = [];
    const json = new ShapeChecker(jsonIssues).jsonIo(value, [...at, "JSON"]);
    if (jsonIssues.length === 0) return json;
    this.issues.push(...ndjsonIssues, ...jsonIssues);
    return undefined;
  }

  private ndjsonIo(value: unknown, at: Location): Record<string, unknown> | undefined {
    const object = this.model(value, at, "NDJSON");
    if (!object) return undefined;
    const dtype = this.string(object, "dtype", at);
    if (typeof dtype === "string" && !NDJSON_DTYPE_PATTERN.test(dtype)) {
      this.issues.push({
        loc: [...at, "dtype"],
        msg: `String should match pattern '${NDJSON_DTYPE_PATTERN.source}'`,
        type: "string_pattern_mismatch",
        input: dtype,
      });
    }
    return {
      name: this.string(object, "name", at),
      content_type: this.literal(object, "content_type", "NDJSON", at),
      dtype,
      tags: this.optionalStringList(object, "tags", at),
      shape: this.list(object, "shape", at, (item, where) => this.stringOrInteger(item, where)),
    };
  }

  private jsonIo(value: unknown, at: Location): Record<string, unknown> | undefined {
    const object = this.model(value, at, "JSON");
    if (!object) return undefined;
    return {
      name: this.string(object, "name", at),
      content_type: this.literal(object, "content_type", "JSON", at),
      dtype: this.string(object, "dtype", at),
      tags: this.optionalStringList(object, "tags", at),
    };
  }

  /** A dynamic attribute or an environment variable: `{name, description, tags?}`. */
  private variable(value: unknown, at: Location): Record<string, unknown> | undefined {
    const object = this.model(value, at, "Var");
    if (!object) return undefined;
    return {
      name: this.string(object, "name", at),
      description: this.string(object, "description", at),
      tags: this.optionalStringList(object, "tags", at),
    };
  }

  private model(value: unknown, at: Location, title: string): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    this.issues.push({
      loc: at,
      msg: `Input should be a valid dictionary or instance of ${title}`,
      type: "model_type",
      input: value,
    });
    return undefined;
  }

  private present(object: Record<string, unknown>, key: string, at: Location): boolean {
    if (Object.hasOwn(object, key)) return true;
    this.issues.push({ loc: [...at, key], msg: "Field required", type: "missing" });
    return false;
  }

  private string(object: Record<string, unknown>, key: string, at: Location): unknown {
    if (!this.present(object, key, at)) return undefined;
    return this.stringValue(object[key], [...at, key]);
  }

  private optionalString(object: Record<string, unknown>, key: string, at: Location): unknown {
    const value = Object.hasOwn(object, key) ? object[key] : null;
    return value === null ? null : this.stringValue(value, [...at, key]);
  }

  private stringValue(value: unknown, at: Location): unknown {
    if (typeof value === "string") return value;
    this.issues.push({
      loc: at,
      msg: "Input should be a valid string",
      type: "string_type",
      input: value,
    });
    return undefined;
  }

  private literal(
    object: Record<string, unknown>,
    key: string,
    expected: string,
    at: Location,
  ): unknown {
    if (!this.present(object, key, at)) return undefined;
    if (object[key] === expected) return expected;
    this.issues.push({
      loc: [...at, key],
      msg: `Input should be '${expected}'`,
      type: "literal_error",
      input: object[key],
    });
    return undefined;
  }

  private stringList(object: Record<string, unknown>, key: string, at: Location): unknown {
    if (!this.present(object, key, at)) return undefined;
    return this.listValue(object[key], [...at, key], (item, where) =>
      this.stringValue(item, where),
    );
  }

  private optionalStringList(object: Record<string, unknown>, key: string, at: Location): unknown {
    const value = Object.hasOwn(object, key) ? object[key] : null;
    if (value === null) return null;
    return this.listValue(value, [...at, key], (item, where) => this.stringValue(item, where));
  }

  private dictionary(object: Record<string, unknown>, key: string, at: Location): unknown {
    if (!this.present(object, key, at)) return undefined;
    if (isRecord(object[key])) return object[key];
    this.issues.push({
      loc: [...at, key],
      msg: "Input should be a valid dictionary",
      type: "dict_type",
      input: object[key],
    });
    return undefined;
  }

  private stringOrInteger(value: unknown, at: Location): unknown {
    if (typeof value === "string" || Number.isInteger(value)) return value;
    this.issues.push({
      loc: at,
      msg: "Input should be a valid string or a valid integer",
      type: "union_type",
      input: value,
    });
    return undefined;
  }

  private list(
    object: Record<string, unknown>,
    key: string,
    at: Location,
    item: (value: unknown, at: Location) => unknown,
  ): unknown {
    if (!this.present(object, key, at)) return undefined;
    return this.listValue(object[key], [...at, key], item);
  }

  private listValue(
    value: unknown,
    at: Location,
    item: (value: unknown, at: Location) => unknown,
  ): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.issues.push({
        loc: at,
        msg: "Input should be a valid list",
        type: "list_type",
        input: value,
      });
      return undefined;
    }
    return value.map((entry, index) => item(entry, [...at, index]));
  }
}
