import { Hono } from "hono";
import { permissionsOf } from "./access";
import type { ApiEnv, ApiSettings } from "./api-context";
import { requireScope } from "./resolve-scope";

/** `GET /v1/users/me/organizations` and `GET /v1/organizations/{org}/orbits`. */
export function organizationRoutes(settings: ApiSettings): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { db } = settings;

  app.get("/users/me/organizations", (c) => {
    const rows = db
      .prepare(
        `SELECT o.id, o.name, o.logo, o.created_at, o.updated_at, m.role FROM organizations o
         JOIN organization_members m ON m.organization_id = o.id WHERE m.user_id = ? ORDER BY o.created_at, o.id`,
      )
      .all(c.var.userId) as Array<{ role: string } & Record<string, unknown>>;
    return c.json(rows.map((row) => ({ ...row, permissions: permissionsOf(row.role) })));
  });

  app.get("/organizations/:organization_id/orbits", (c) => {
    const { organization } = requireScope(c, settings, ["organization"]);
    const members = db
      .prepare("SELECT COUNT(*) AS n FROM organization_members WHERE organization_id = ?")
      .get(organization.id) as { n: number };
    const rows = db
      .prepare(
        `SELECT o.id, o.name, o.organization_id, o.bucket_secret_id, o.created_at, o.updated_at,
           (SELECT COUNT(*) FROM collections c WHERE c.orbit_id = o.id) AS total_collections,
           (SELECT COUNT(*) FROM artifacts a JOIN collections c ON c.id = a.collection_id WHERE c.orbit_id = o.id) AS total_artifacts
         FROM orbits o WHERE o.organization_id = ? ORDER BY o.created_at, o.id`,
      )
      .all(organization.id) as Array<Record<string, unknown>>;
    return c.json(
      rows.map((row) => ({
        ...row,
        total_members: members.n,
        role: organization.role,
        permissions: permissionsOf(organization.role),
      })),
    );
  });

  return app;
}
