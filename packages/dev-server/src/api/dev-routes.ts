import { Hono } from "hono";
import { faultActionProblem } from "../fault-action";
import type { FaultRule } from "../types";
import type { ApiEnv, ApiSettings } from "./api-context";
import { addArtifactUsage } from "./artifact-usage";
import { authMiddleware } from "./auth-middleware";
import { HttpError, throwIfInvalid, type ValidationIssue } from "./http-error";
import { readJsonValue } from "./read-json-body";
import { checkUuid, isRecord } from "./validate";

const TARGETS = ["api", "s3", "azure"];

/**
 * Dev-only routes: fault rules (`/_dev/faults`, only when faults are enabled,
 * without auth so test code in any runtime or page can drive them) and, with an
 * API key of a member of the artifact's organization, marking an artifact as
 * used by a deployment or a track.
 */
export function devRoutes(settings: ApiSettings): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { faults } = settings;

  app.use("/faults", async (_c, next) => {
    if (!faults.enabled)
      throw new HttpError(404, "Fault injection is off: start the dev server with faults enabled");
    await next();
  });
  app.get("/faults", (c) => c.json(faults.list()));
  app.delete("/faults", (c) => {
    faults.clear();
    return c.body(null, 204);
  });
  app.post("/faults", async (c) => {
    const issues: ValidationIssue[] = [];
    const rule = await readJsonValue(c, issues);
    // Malformed JSON gets the 400 below; a too deep body is a 422 like on /v1.
    throwIfInvalid(issues.filter((issue) => issue.type !== "json_invalid"));
    if (!isFaultRule(rule)) {
      throw new HttpError(
        400,
        "Expected a fault rule: {target, path, action, method?, nth?, times?}",
      );
    }
    try {
      new RegExp(rule.path);
    } catch {
      throw new HttpError(400, "path is not a valid regular expression");
    }
    const problem = faultActionProblem(rule.action);
    if (problem) throw new HttpError(400, `Invalid fault action: ${problem}`);
    return c.json({ id: faults.add(rule) }, 201);
  });

  app.use("/artifacts/*", authMiddleware(settings.db));
  app.post("/artifacts/:artifact_id/:kind{deployments|tracks}", async (c) => {
    const issues: ValidationIssue[] = [];
    const artifactId = checkUuid(c.req.param("artifact_id"), ["path", "artifact_id"], issues);
    throwIfInvalid(issues);
    // The body is optional: only a too deep one is refused.
    const body = await readJsonValue(c, issues);
    throwIfInvalid(issues.filter((issue) => issue.type !== "json_invalid"));
    const kind = c.req.param("kind") === "tracks" ? "track" : "deployment";
    const name = isRecord(body) && typeof body.name === "string" ? body.name : `dev-${kind}`;
    return c.json(addArtifactUsage(settings, c.var.userId, artifactId, kind, name), 201);
  });

  return app;
}

function isFaultRule(value: unknown): value is FaultRule {
  return (
    isRecord(value) &&
    typeof value.target === "string" &&
    TARGETS.includes(value.target) &&
    typeof value.path === "string" &&
    isRecord(value.action)
  );
}
