import type { Db } from "./database/open-database";
import { hashApiKey } from "./hash-api-key";
import { createApiKey, createId, timestamp } from "./ids";
import type { Seeded } from "./types";

/** What seeding produced: the resources plus the main user's API key. */
export interface SeedResult {
  apiKey: string;
  seeded: Seeded;
}

/** The bucket (S3) and container (Azure) the seeded bucket secrets name. */
export interface SeedBuckets {
  s3: string;
  azure: string;
}

/**
 * Seeds the demo world once per database: reuses it from a persistent data folder,
 * adding `apiKey` to the main user when a different one is asked for.
 */
export function seed(db: Db, buckets: SeedBuckets, apiKey?: string): SeedResult {
  const existing = db.prepare("SELECT api_key, seeded FROM dev_seed WHERE id = 1").get() as
    | { api_key: string; seeded: string }
    | undefined;
  if (existing) {
    const seeded = JSON.parse(existing.seeded) as Seeded & { userId: string };
    if (apiKey && apiKey !== existing.api_key) addApiKey(db, seeded.userId, apiKey);
    const { userId: _userId, ...rest } = seeded;
    return { apiKey: apiKey ?? existing.api_key, seeded: rest };
  }
  return db.transaction(() => createSeed(db, buckets, apiKey ?? createApiKey()))();
}

function addApiKey(db: Db, userId: string, apiKey: string): void {
  db.prepare("INSERT OR IGNORE INTO api_keys (key_hash, user_id, created_at) VALUES (?, ?, ?)").run(
    hashApiKey(apiKey),
    userId,
    timestamp(),
  );
}

function insertUser(db: Db, fullName: string, email: string): string {
  const id = createId();
  db.prepare("INSERT INTO users (id, full_name, email) VALUES (?, ?, ?)").run(id, fullName, email);
  return id;
}

function insertOrganization(db: Db, name: string, members: Array<[string, string]>): string {
  const id = createId();
  db.prepare("INSERT INTO organizations (id, name, logo, created_at) VALUES (?, ?, NULL, ?)").run(
    id,
    name,
    timestamp(),
  );
  for (const [userId, role] of members) {
    db.prepare(
      "INSERT INTO organization_members (organization_id, user_id, role) VALUES (?, ?, ?)",
    ).run(id, userId, role);
  }
  return id;
}

function insertOrbit(
  db: Db,
  organizationId: string,
  name: string,
  kind: "s3" | "azure",
  bucket: string,
) {
  const bucketSecretId = createId();
  db.prepare(
    "INSERT INTO bucket_secrets (id, organization_id, type, bucket_name, created_at) VALUES (?, ?, ?, ?, ?)",
  ).run(bucketSecretId, organizationId, kind, bucket, timestamp());
  const id = createId();
  db.prepare(
    "INSERT INTO orbits (id, organization_id, name, bucket_secret_id, created_at) VALUES (?, ?, ?, ?, ?)",
  ).run(id, organizationId, name, bucketSecretId, timestamp());
  return { id, name, bucket_secret_id: bucketSecretId };
}

function insertCollection(db: Db, orbitId: string, name: string, description: string) {
  const id = createId();
  db.prepare(
    "INSERT INTO collections (id, orbit_id, name, description, type, tags, created_at) VALUES (?, ?, ?, ?, 'mixed', ?, ?)",
  ).run(id, orbitId, name, description, JSON.stringify(["demo"]), timestamp());
  return { id, name };
}

function createSeed(db: Db, buckets: SeedBuckets, apiKey: string): SeedResult {
  const userId = insertUser(db, "Demo User", "demo@luml.local");
  const outsiderId = insertUser(db, "Outside User", "outsider@luml.local");
  addApiKey(db, userId, apiKey);
  const noRightsApiKey = createApiKey();
  addApiKey(db, outsiderId, noRightsApiKey);

  const organizationName = "Demo Org";
  const organizationId = insertOrganization(db, organizationName, [[userId, "owner"]]);
  const otherName = "Research Lab";
  const otherId = insertOrganization(db, otherName, [[userId, "member"]]);
  insertOrganization(db, "Outside Org", [[outsiderId, "owner"]]);

  const s3 = insertOrbit(db, organizationId, "S3 Orbit", "s3", buckets.s3);
  const azure = insertOrbit(db, organizationId, "Azure Orbit", "azure", buckets.azure);
  insertOrbit(db, otherId, "Research Orbit", "s3", buckets.s3);

  const seeded: Seeded = {
    organization: { id: organizationId, name: organizationName },
    otherOrganization: { id: otherId, name: otherName },
    orbits: { s3, azure },
    collections: {
      s3: insertCollection(db, s3.id, "Models", "Models stored in S3"),
      azure: insertCollection(db, azure.id, "Models", "Models stored in Azure Blob"),
    },
    noRightsApiKey,
  };
  db.prepare("INSERT INTO dev_seed (id, api_key, seeded) VALUES (1, ?, ?)").run(
    apiKey,
    JSON.stringify({ ...seeded, userId }),
  );
  return { apiKey, seeded };
}
