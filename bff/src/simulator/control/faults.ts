import type { FaultAction, FaultRoute, FaultRule, SimRoute } from '../types';
import { FAULT_ROUTES } from '../types';

interface ActiveRule {
  rule: FaultRule;
  remaining: number | 'always';
}

/** Fault rules, consumed in the order they were added; the first matching rule answers. */
export class FaultStore {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    const problem = faultRuleProblem(rule);
    if (problem) throw new TypeError(`Invalid fault rule: ${problem}`);
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The action for this request, consuming one use of the matching rule. */
  take(route: SimRoute, orgId: string | undefined): FaultAction | undefined {
    const index = this.rules.findIndex(({ rule }) => matches(rule, route, orgId));
    const active = this.rules[index];
    if (!active) return undefined;
    if (active.remaining !== 'always') {
      active.remaining -= 1;
      if (active.remaining <= 0) this.rules.splice(index, 1);
    }
    return active.rule.action;
  }
}

function matches(rule: FaultRule, route: SimRoute, orgId: string | undefined): boolean {
  if (rule.route !== 'any' && rule.route !== route) return false;
  return rule.orgId === undefined || rule.orgId === orgId;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Checks JSON from the control plane (and programmer input) before it can break a request. */
export function faultRuleProblem(input: unknown): string | undefined {
  if (!isRecord(input)) return 'must be an object';
  if (!FAULT_ROUTES.includes(input.route as FaultRoute))
    return `route must be one of ${FAULT_ROUTES.join(', ')}`;
  if (
    input.times !== undefined &&
    input.times !== 'always' &&
    !(isCount(input.times) && Number(input.times) > 0)
  ) {
    return 'times must be a positive integer or "always"';
  }
  if (input.orgId !== undefined && typeof input.orgId !== 'string') return 'orgId must be a string';
  const action = input.action;
  if (!isRecord(action)) return 'action must be an object';
  switch (action.kind) {
    case 'status':
      if (!isCount(action.status) || Number(action.status) < 200 || Number(action.status) > 599) {
        return 'action.status must be an HTTP status 200..599';
      }
      if (action.headers !== undefined && !isRecord(action.headers))
        return 'action.headers must be an object';
      return undefined;
    case 'delay':
      return isCount(action.ms) ? undefined : 'action.ms must be a non-negative integer';
    case 'redirect':
      if (typeof action.location !== 'string') return 'action.location must be a string';
      if (
        action.status !== undefined &&
        ![301, 302, 303, 307, 308].includes(Number(action.status))
      ) {
        return 'action.status must be a redirect status';
      }
      return undefined;
    case 'hang':
    case 'reset':
    case 'reset-mid-body':
    case 'malformed-json':
      return undefined;
    default:
      return 'action.kind must be status, delay, hang, reset, reset-mid-body, malformed-json or redirect';
  }
}
