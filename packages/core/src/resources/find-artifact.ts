import { MultipleResourcesFoundError } from "../errors";
import type { ArtifactDetails, ListedArtifact } from "../models/artifact";
import { fileNamePattern } from "./artifact-inputs";
import { looksLikeId } from "./validate";

/** How `findArtifact` reaches the API. */
export interface FindArtifactSources {
  /** The artifact's details, or `null` on 404. */
  details(id: string): Promise<ArtifactDetails | null>;
  /** Every artifact whose name contains `search`, or every artifact without one. */
  listAll(search: string | undefined): AsyncIterable<ListedArtifact>;
}

/**
 * An artifact by id, else by exact name or file name (case-sensitive, across
 * every page); `null` when nothing matches, `MultipleResourcesFoundError` when
 * several do, whichever field they match by. The server searches names only, so
 * a value shaped like a file name is matched against every artifact: one named
 * `model.fnnx` and two others whose file is `model.fnnx` are three matches.
 */
export async function findArtifact(
  value: string,
  sources: FindArtifactSources,
): Promise<ArtifactDetails | null> {
  if (looksLikeId(value)) {
    const byId = await sources.details(value);
    if (byId) return byId;
  }
  // Only a value the service would accept as a file name can be one.
  const candidates = fileNamePattern.test(value)
    ? sources.listAll(undefined)
    : sources.listAll(value);
  const matches = await collectMatches(candidates, value);
  if (matches.length > 1) {
    throw new MultipleResourcesFoundError({
      resource: "Artifact",
      name: value,
      ids: matches.map((artifact) => artifact.id),
    });
  }
  const [match] = matches;
  return match ? sources.details(match.id) : null;
}

async function collectMatches(
  artifacts: AsyncIterable<ListedArtifact>,
  value: string,
): Promise<ListedArtifact[]> {
  const matches: ListedArtifact[] = [];
  for await (const artifact of artifacts) {
    if (artifact.name === value || artifact.file_name === value) matches.push(artifact);
  }
  return matches;
}
