import { MultipleResourcesFoundError } from "../errors/multiple-resources-found-error";
import type { ArtifactDetails, ListedArtifact } from "../models/artifact";
import { looksLikeId } from "./validate";

/** How `findArtifact` reaches the API. */
export interface FindArtifactSources {
  /** The artifact's details, or `null` on 404. */
  details(id: string): Promise<ArtifactDetails | null>;
  /** Every artifact whose name contains `search`. */
  listAll(search: string): AsyncIterable<ListedArtifact>;
}

/**
 * An artifact by id, else by exact name or file name among the search results
 * (case-sensitive, across every page); `null` when nothing matches.
 */
export async function findArtifact(
  value: string,
  sources: FindArtifactSources,
): Promise<ArtifactDetails | null> {
  if (looksLikeId(value)) {
    const byId = await sources.details(value);
    if (byId) return byId;
  }
  const matches: ListedArtifact[] = [];
  for await (const artifact of sources.listAll(value)) {
    if (artifact.name === value || artifact.file_name === value) matches.push(artifact);
  }
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
