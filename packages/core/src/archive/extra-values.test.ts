import { describe, expect, it } from "vitest";
import { computeExtraValues } from "./extra-values";

const tabularManifest = {
  producer_tags: [
    "falcon.beastbyte.ai::tabular_regression:v1",
    "dataforce.studio::tabular_regression:v1",
  ],
};
const report = (performance: Record<string, unknown>) => ({
  producer_tags: ["falcon.beastbyte.ai::tabular_regression_metrics:v1"],
  payload: { metrics: { performance } },
});
const registry = (metrics: unknown) => ({
  producer_tags: ["dataforce.studio::registry_metrics:v1"],
  payload: { metrics },
});

describe("computeExtraValues", () => {
  it("takes a tabular model's hold-out metrics without N_SAMPLES", () => {
    const meta = [
      { producer_tags: ["x::card:v1"], payload: {} },
      report({
        eval_holdout: { R2: 0.84, MAE: 2753.9, N_SAMPLES: 268 },
        eval_cv: { R2: 0.8, N_SAMPLES: 1000 },
      }),
    ];
    expect(computeExtraValues(tabularManifest, meta)).toEqual({ R2: 0.84, MAE: 2753.9 });
  });

  it("falls back to cross-validation metrics without a hold-out set", () => {
    const manifest = { producer_tags: ["dataforce.studio::tabular_classification:v1"] };
    const meta = [
      {
        producer_tags: ["falcon.beastbyte.ai::tabular_classification_metrics:v1"],
        payload: { metrics: { performance: { eval_cv: { F1: 0.7, N_SAMPLES: 50 } } } },
      },
    ];
    expect(computeExtraValues(manifest, meta)).toEqual({ F1: 0.7 });
  });

  it("uses only the first tabular report", () => {
    const meta = [report({ eval_holdout: { R2: 1 } }), report({ eval_holdout: { R2: 2 } })];
    expect(computeExtraValues(tabularManifest, meta)).toEqual({ R2: 1 });
  });

  it("lets a tabular report with a performance object decide, even when it leaves nothing", () => {
    const onlySamples = [report({ eval_holdout: { N_SAMPLES: 3 } }), registry({ loss: 0.1 })];
    expect(computeExtraValues(tabularManifest, onlySamples)).toEqual({});
    const noSets = [report({}), registry({ loss: 0.1 })];
    expect(computeExtraValues(tabularManifest, noSets)).toEqual({});
  });

  it("falls back to registry metrics when the tabular report has no performance object", () => {
    const noPerformance = {
      producer_tags: ["falcon.beastbyte.ai::tabular_regression_metrics:v1"],
      payload: { metrics: { performance: [1] } },
    };
    expect(computeExtraValues(tabularManifest, [noPerformance, registry({ loss: 0.1 })])).toEqual({
      loss: 0.1,
    });
  });

  it("ignores tabular reports of a model that is not tabular", () => {
    const meta = [
      report({ eval_holdout: { R2: 1 } }),
      registry({ F1: 0.9 }),
      registry({ F1: 0.1 }),
    ];
    expect(computeExtraValues({ artifact_type: "model" }, meta)).toEqual({ F1: 0.9 });
  });

  it("is empty without metrics, and for a meta.json that is not an array", () => {
    expect(computeExtraValues(tabularManifest, [])).toEqual({});
    expect(computeExtraValues(tabularManifest, { producer_tags: [] })).toEqual({});
    expect(computeExtraValues({}, [registry(["not", "an", "object"])])).toEqual({});
    expect(computeExtraValues({}, [null, 3, registry({ a: 1 })])).toEqual({ a: 1 });
  });
});
