import { faultActionProblem } from "./fault-action";
import type { FaultAction, FaultController, FaultRule } from "./types";

interface ActiveRule extends FaultRule {
  id: string;
  pattern: RegExp;
  matched: number;
  fired: number;
}

/**
 * Fault rules shared by the API server and the storage proxies. A rule fires on
 * its `nth` matching request and the `times - 1` matching requests after it.
 */
export class FaultEngine implements FaultController {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  constructor(readonly enabled: boolean) {}

  add(rule: FaultRule): string {
    if (!this.enabled)
      throw new Error("fault injection is off: start the dev server with faults: true");
    const problem = faultActionProblem(rule.action);
    if (problem) throw new TypeError(`invalid fault action: ${problem}`);
    const id = `fault-${this.nextId++}`;
    this.rules.push({ ...rule, id, pattern: new RegExp(rule.path), matched: 0, fired: 0 });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { id: string; matched: number; fired: number }> {
    return this.rules.map(({ pattern: _pattern, ...rule }) => ({ ...rule }));
  }

  /** The action to apply to this request, if a rule fires on it. */
  match(
    target: FaultRule["target"],
    method: string,
    pathAndQuery: string,
  ): FaultAction | undefined {
    if (!this.enabled) return undefined;
    for (const rule of this.rules) {
      if (rule.target !== target) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!rule.pattern.test(pathAndQuery)) continue;
      rule.matched += 1;
      const first = rule.nth ?? 1;
      const last = first + (rule.times ?? 1) - 1;
      if (rule.matched >= first && rule.matched <= last) {
        rule.fired += 1;
        return rule.action;
      }
    }
    return undefined;
  }
}
