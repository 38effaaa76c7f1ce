import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "./migrations";
import { migrate, openDatabase } from "./open-database";

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(
    folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })),
  );
});

describe("openDatabase", () => {
  it("records every migration in schema_migrations and applies each once", async () => {
    const folder = await mkdtemp(join(tmpdir(), "luml-db-"));
    folders.push(folder);
    const db = openDatabase(folder);
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
    expect(versions).toEqual(migrations.map((migration) => ({ version: migration.version })));
    db.prepare("INSERT INTO users (id, full_name, email) VALUES ('u1', 'A', 'a@x')").run();
    db.close();

    const reopened = openDatabase(folder);
    expect(reopened.prepare("SELECT full_name FROM users WHERE id = 'u1'").get()).toEqual({
      full_name: "A",
    });
    const next = [
      ...migrations,
      { version: 99, name: "add a column", sql: "ALTER TABLE users ADD COLUMN nickname TEXT" },
    ];
    expect(migrate(reopened, next)).toEqual([99]);
    expect(migrate(reopened, next)).toEqual([]);
    expect(reopened.prepare("SELECT nickname FROM users WHERE id = 'u1'").get()).toEqual({
      nickname: null,
    });
    reopened.close();
  });

  it("rolls a failing migration back entirely", () => {
    const db = openDatabase();
    const broken = [
      ...migrations,
      { version: 2, name: "broken", sql: "CREATE TABLE t (x); INSERT INTO nope VALUES (1);" },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 2").get(),
    ).toEqual({ n: 0 });
    db.close();
  });
});
