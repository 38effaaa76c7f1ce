#!/usr/bin/env bash
# Uploads the model files a training step left in a folder, then downloads the best
# model of the collection by a metric, for the next step to deploy.
#
#   publish-best.sh [models-folder] [output-folder]     (default: models, best)
#
# `luml` reads LUML_API_KEY, LUML_BASE_URL, LUML_ORGANIZATION, LUML_ORBIT and
# LUML_COLLECTION; METRIC picks the metric (default F1). Any failing command stops
# the job with its exit code and a one-line error.
set -euo pipefail

models="${1:-models}"
out="${2:-best}"
metric="${METRIC:-F1}"

# Fails early, with a readable line, on a wrong key or name.
luml whoami

shopt -s nullglob
files=("$models"/*.fnnx "$models"/*.pyfnx "$models"/*.dfs "$models"/*.luml)
if [ "${#files[@]}" -eq 0 ]; then
  echo "No model files in $models" >&2
  exit 1
fi
for file in "${files[@]}"; do
  # Tagged with the CI run, so a model can be traced back to the job that made it.
  luml upload "$file" --tag ci --tag "run-${GITHUB_RUN_ID:-local}"
done

# The collection's models, best first by the metric; the first one uploaded wins.
luml ls --sort "$metric"
best=$(luml ls --sort "$metric" --limit 20 --json | node -e '
  const items = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  const best = items.find((item) => item.status === "uploaded");
  if (!best) process.exit(1);
  console.log(best.id);
') || {
  echo "No uploaded model in the collection has a $metric" >&2
  exit 1
}

# Verified against its sha256; nothing is left in $out unless it matches.
mkdir -p "$out"
luml download "$best" -o "$out/"

summary=$(luml get "$best" --json | node -e '
  const [metric, out] = process.argv.slice(1);
  const artifact = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  console.log(`Best model by ${metric}: ${artifact.name} (${metric} ${artifact.extra_values?.[metric]}), saved in ${out}/${artifact.file_name}`);
' "$metric" "$out")
echo "$summary"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then echo "$summary" >>"$GITHUB_STEP_SUMMARY"; fi
