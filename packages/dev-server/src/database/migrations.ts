/** One numbered, forward-only schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, as numbered migrations. Applied in order and recorded in
 * `schema_migrations`, so a persistent data folder upgrades in place.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        full_name TEXT NOT NULL,
        email TEXT NOT NULL UNIQUE
      );
      CREATE TABLE api_keys (
        key_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        logo TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT
      );
      CREATE TABLE organization_members (
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (organization_id, user_id)
      );
      CREATE TABLE bucket_secrets (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('s3', 'azure')),
        bucket_name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE orbits (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        bucket_secret_id TEXT NOT NULL REFERENCES bucket_secrets(id),
        created_at TEXT NOT NULL,
        updated_at TEXT
      );
      CREATE TABLE collections (
        id TEXT PRIMARY KEY,
        orbit_id TEXT NOT NULL REFERENCES orbits(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL,
        tags TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT
      );
      CREATE TABLE artifacts (
        id TEXT PRIMARY KEY,
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        extra_values TEXT NOT NULL,
        manifest TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        file_index TEXT NOT NULL,
        bucket_location TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        unique_identifier TEXT NOT NULL,
        tags TEXT,
        status TEXT NOT NULL,
        type TEXT NOT NULL,
        created_by_user TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT
      );
      CREATE INDEX artifacts_collection ON artifacts(collection_id);
      CREATE TABLE artifact_usages (
        id TEXT PRIMARY KEY,
        artifact_id TEXT NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('deployment', 'track')),
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE dev_seed (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        api_key TEXT NOT NULL,
        seeded TEXT NOT NULL
      );
    `,
  },
];
