/**
 * The dev server's fault rules over HTTP (`/_dev/faults`), so a case in any
 * runtime, a web page included, can make storage requests fail or stall.
 */

import type { FaultRule } from "@luml/dev-server";

export type { FaultRule };

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
