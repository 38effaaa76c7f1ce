import type { MiddlewareHandler } from "hono";
import type { Db } from "../database/open-database";
import { hashApiKey } from "../hash-api-key";
import type { ApiEnv } from "./api-context";
import { HttpError } from "./http-error";

/**
 * Authenticates `Authorization: Bearer <key>`; 401 when missing, malformed or
 * unknown. Messages never echo the key.
 */
export function authMiddleware(db: Db): MiddlewareHandler<ApiEnv> {
  const findKey = db.prepare("SELECT user_id FROM api_keys WHERE key_hash = ?");
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) throw new HttpError(401, "Not authenticated");
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1])
      throw new HttpError(401, "Invalid authorization header: expected 'Bearer <api key>'");
    const row = findKey.get(hashApiKey(match[1])) as { user_id: string } | undefined;
    if (!row) throw new HttpError(401, "Invalid API key");
    c.set("userId", row.user_id);
    await next();
  };
}
