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
 * 1. for a tabular model (manifest `producer_tags`), the first tabular metrics
 *    report in `meta`: `payload.metrics.performance.eval_holdout`, else
 *    `eval_cv`, without `N_SAMPLES`, if that leaves any metric;
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
    const metrics = report === undefined ? undefined : tabularMetrics(report);
    if (metrics !== undefined) return metrics;
  }
  const registry = items.find((item) => hasAnyTag(item, [REGISTRY_METRICS_TAG]));
  if (registry !== undefined) {
    const metrics = recordAt(registry, ["payload", "metrics"]);
    return metrics === undefined ? {} : { ...metrics };
  }
  return {};
}

/** Hold-out metrics (else cross-validation ones) of a tabular report, minus the sample count. */
function tabularMetrics(report: Record<string, unknown>): Record<string, unknown> | undefined {
  const performance = recordAt(report, ["payload", "metrics", "performance"]);
  if (performance === undefined) return undefined;
  const holdout = nonEmpty(recordAt(performance, ["eval_holdout"]));
  const chosen = holdout ?? recordAt(performance, ["eval_cv"]);
  if (chosen === undefined) return undefined;
  const { N_SAMPLES: _samples, ...metrics } = chosen;
  return nonEmpty(metrics);
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
