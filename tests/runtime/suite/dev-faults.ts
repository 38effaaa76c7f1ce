/**
 * The dev server's fault rules over HTTP (`/_dev/faults`), so a case in any
 * runtime, a web page included, can make storage requests fail or stall.
 */

/** What a fault rule does to a matching request (see `FaultAction` in @luml/dev-server). */
export type FaultAction =
  /** Answers with this status (and `Retry-After`, and this body) instead of serving it. */
  | { status: number; retryAfter?: number; body?: string }
  /** Waits this long, then serves the request. */
  | { delayMs: number }
  /** Serves the request as over a link of this many bytes per second (an API reply is held back). */
  | { bytesPerSecond: number }
  /** Sends the status, the headers and about half the body, then drops the connection. */
  | { cut: "mid-body" }
  /** Drops the connection before any response. */
  | { cut: "before-response" }
  /** Flips a byte of the response body. */
  | { corrupt: true }
  /** Sends the status and headers, then no body byte, leaving the connection open. */
  | { stall: "after-headers" }
  /** Sends the status, the headers and half the body, then nothing, leaving the connection open. */
  | { stall: "mid-body" }
  /** Stops reading the request body and never answers, leaving the connection open. */
  | { stall: "request" };

/** A fault rule (see `FaultRule` in @luml/dev-server). */
export interface FaultRule {
  target: "api" | "s3" | "azure";
  method?: string;
  /** Regular expression source tested against the request's path and query. */
  path: string;
  /** The first matching request it fires on (1-based). Default 1. */
  nth?: number;
  /** How many matching requests in a row it fires on. Default 1. */
  times?: number;
  action: FaultAction;
}

/** A rule as listed, with how many requests it matched and fired on. */
export interface ListedFaultRule extends FaultRule {
  id: string;
  matched: number;
  fired: number;
}

/** The path of a part upload in either storage: an S3 part or an Azure block. */
export const partUploadPath = "(partNumber=\\d|comp=block&)";

/** Fault rules of the dev server at `baseUrl`. */
export interface DevFaults {
  add(rule: FaultRule): Promise<string>;
  list(): Promise<ListedFaultRule[]>;
  /** The rule `id` as listed now (how often it matched and fired). */
  get(id: string): Promise<ListedFaultRule>;
  clear(): Promise<void>;
}

/** A client of `{baseUrl}/_dev/faults`. */
export function devFaults(baseUrl: string): DevFaults {
  const url = `${baseUrl}/_dev/faults`;
  const send = async (init: RequestInit): Promise<Response> => {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`${init.method ?? "GET"} /_dev/faults: ${response.status}`);
    return response;
  };
  return {
    async add(rule) {
      const response = await send({
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(rule),
      });
      return ((await response.json()) as { id: string }).id;
    },
    async list() {
      return (await (await send({ method: "GET" })).json()) as ListedFaultRule[];
    },
    async get(id) {
      const rules = (await (await send({ method: "GET" })).json()) as ListedFaultRule[];
      const rule = rules.find((listed) => listed.id === id);
      if (!rule) throw new Error(`No fault rule ${id} (cleared?)`);
      return rule;
    },
    async clear() {
      await (await send({ method: "DELETE" })).body?.cancel();
    },
  };
}
