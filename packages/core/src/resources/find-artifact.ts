import { MultipleResourcesFoundError } from "../errors/multiple-resources-found-error";
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
 * every page); `null` when nothing matches. The server searches names only, so
 * a value shaped like a file name that no name matches is looked for among all
 * file names.
 */
export async function findArtifact(
  value: string,
  sources: FindArtifactSources,
): Promise<ArtifactDetails | null> {
  if (looksLikeId(value)) {
    const byId = await sources.details(value);
    if (byId) return byId;
  }
  let matches = await collectMatches(sources.listAll(value), value);
  if (matches.length === 0 && fileNamePattern.test(value)) {
    matches = await collectMatches(sources.listAll(undefined), value);
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
