import { Hono } from "hono";
import { cors } from "hono/cors";
import type { ApiEnv, ApiSettings } from "./api-context";
import { artifactRoutes } from "./artifact-routes";
import { authMiddleware } from "./auth-middleware";
import { bodySizeLimit } from "./body-size-limit";
import { bucketSecretRoutes } from "./bucket-secret-routes";
import { collectionRoutes } from "./collection-routes";
import { devRoutes } from "./dev-routes";
import { faultMiddleware } from "./fault-middleware";
import { HttpError, RequestValidationError } from "./http-error";
import { organizationRoutes } from "./organization-routes";

/** The API: `/v1/*` routes of the LUML contract plus the dev-only `/_dev/*` routes. */
export function createApiApp(settings: ApiSettings): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use(
    "*",
    cors({
      origin: settings.corsOrigins === "*" ? "*" : settings.corsOrigins,
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
      exposeHeaders: ["Retry-After", "Content-Length"],
      maxAge: 600,
    }),
  );
  // After the faults, so a stalled request is never read; before every route, so none reads too much.
  app.use("*", faultMiddleware(settings.faults));
  app.use("*", bodySizeLimit(settings.maxBodySize));

  const v1 = new Hono<ApiEnv>();
  v1.use("*", authMiddleware(settings.db));
  v1.get("/auth/api-keys/validate", (c) => c.body(null, 204));
  v1.route("/", organizationRoutes(settings));
  v1.route("/", collectionRoutes(settings));
  v1.route("/", artifactRoutes(settings));
  v1.route("/", bucketSecretRoutes(settings));
  app.route("/v1", v1);
  app.route("/_dev", devRoutes(settings));

  app.notFound((c) => c.json({ detail: "Not Found" }, 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json({ detail: error.detail }, error.status);
    if (error instanceof RequestValidationError) return c.json({ detail: error.issues }, 422);
    console.error(
      "luml-dev-server: unexpected error:",
      error instanceof Error ? error.message : error,
    );
    return c.json({ detail: "Internal Server Error" }, 500);
  });
  return app;
}
