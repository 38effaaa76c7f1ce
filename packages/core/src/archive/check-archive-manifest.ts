import { FileError } from "../errors";
import { type ArtifactManifest, manifestProblem } from "../models/manifest";

/**
 * Refuses an archive whose `manifest.json` the service would refuse (a `422`),
 * before any request: a `FileError` with code `invalid_manifest` that names what
 * is wrong (a missing `variant`, a `producer_tags` that is not a list, …).
 *
 * @param manifest the archive's parsed `manifest.json`
 * @param fileName the archive's name, for the message
 */
export function checkArchiveManifest(
  manifest: unknown,
  fileName: string,
): asserts manifest is ArtifactManifest {
  const problem = manifestProblem(manifest);
  if (problem === undefined) return;
  throw new FileError({
    code: "invalid_manifest",
    fileName,
    message: `manifest.json in ${fileName} is ${problem}.`,
  });
}
