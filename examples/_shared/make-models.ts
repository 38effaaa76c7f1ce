/**
 * Writes the demo's three sample models (`churn-baseline`, `churn-tuned`,
 * `churn-boosted`, with accuracy and F1 metrics) into a folder, to try the examples:
 *
 *   ../../node_modules/.bin/bun ../_shared/make-models.ts models/
 */
import { makeSampleModels } from "../../apps/sample/src/make-sample-model.ts";

const folder = process.argv[2] ?? "models";
for (const model of await makeSampleModels(folder)) console.log(model.path);
