/**
 * The metrics (`extra_values`) of an artifact, derived from its manifest and
 * its `meta.json` exactly as the LUML service and the official client do.
 */

/** Manifest producer tags of tabular models, whose metrics come from a tabular report. */
const TABULAR_MODEL_TAGS = [
  "dataforce.studio::tabular_classification:v1",
  "dataforce.studio::tabular_regression:v1",
];
/** Meta item producer tags of tabular metric reports. */
const TABULAR_METRICS_TAGS = [
  "falcon.beastbyte.ai::tabular_classification_metrics:v1",
  "falcon.beastbyte.ai::tabular_regression_metrics:v1",
];
/** Meta item producer tag of free-form registry metrics. */
const REGISTRY_METRICS_TAG = "dataforce.studio::registry_metrics:v1";

/**
 * Computes an artifact's `extra_values` (its metrics):
 * 1. for a tabular model (manifest `producer_tags`) whose first tabular metrics
 *    report in `meta` has a `payload.metrics.performance` object: its
 *    `eval_holdout`, else `eval_cv`, without `N_SAMPLES`. That report decides,
 *    even when nothing is left (`{}`), as the official client does;
 * 2. else the `payload.metrics` of the first registry-metrics item of `meta`;
 * 3. else `{}`.
 *
 * @param manifest the parsed `manifest.json`
 * @param meta the parsed `meta.json` (an array of `{producer_tags, payload}`);
 *   anything that is not an array counts as `[]`
 */
export function computeExtraValues(
  manifest: Record<string, unknown>,
  meta: unknown,
): Record<string, unknown> {
  const items = Array.isArray(meta) ? meta.filter(isRecord) : [];
  if (hasAnyTag(manifest, TABULAR_MODEL_TAGS)) {
    const report = items.find((item) => hasAnyTag(item, TABULAR_METRICS_TAGS));
    const performance =
      report === undefined ? undefined : recordAt(report, ["payload", "metrics", "performance"]);
    if (performance !== undefined) return tabularMetrics(performance);
  }
  const registry = items.find((item) => hasAnyTag(item, [REGISTRY_METRICS_TAG]));
  if (registry !== undefined) {
    const metrics = recordAt(registry, ["payload", "metrics"]);
    return metrics === undefined ? {} : { ...metrics };
  }
  return {};
}

/**
 * Hold-out metrics (else cross-validation ones) of a tabular report's
 * `performance`, minus the sample count; `{}` when neither set has a metric.
 */
function tabularMetrics(performance: Record<string, unknown>): Record<string, unknown> {
  const chosen =
    nonEmpty(recordAt(performance, ["eval_holdout"])) ?? recordAt(performance, ["eval_cv"]) ?? {};
  const { N_SAMPLES: _samples, ...metrics } = chosen;
  return metrics;
}

function hasAnyTag(value: Record<string, unknown>, tags: readonly string[]): boolean {
  const producerTags = value.producer_tags;
  return Array.isArray(producerTags) && producerTags.some((tag) => tags.includes(tag));
}

function recordAt(value: Record<string, unknown>, path: readonly string[]) {
  let current: unknown = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return isRecord(current) ? current : undefined;
}

function nonEmpty(value: Record<string, unknown> | undefined) {
  return value !== undefined && Object.keys(value).length > 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
