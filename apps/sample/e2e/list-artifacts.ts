/**
 * Reads a dev-server orbit's artifacts straight from the API, so the tests check
 * what the SDK did independently of the SDK.
 */
import type { DevServer } from "@luml/dev-server";

/** The artifact fields the tests look at. */
export interface ListedArtifact {
  id: string;
  name: string;
  status: string;
  tags: string[] | null;
  extra_values: Record<string, unknown>;
}

/** Every artifact of the seeded S3 or Azure orbit (first page of up to 100). */
export async function listArtifacts(
  server: DevServer,
  storage: "s3" | "azure",
): Promise<ListedArtifact[]> {
  const { organization, orbits } = server.seeded;
  const url = `${server.baseUrl}/v1/organizations/${organization.id}/orbits/${orbits[storage].id}/artifacts?limit=100`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${server.apiKey}` } });
  if (!response.ok) throw new Error(`Listing artifacts failed with ${response.status}`);
  const page = (await response.json()) as { items: ListedArtifact[] };
  return page.items;
}
