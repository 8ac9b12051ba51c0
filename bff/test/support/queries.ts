import { currentMonthStart, monthFromIndex, monthIndex } from '../../src/contract';
import type { FaultRoute, Simulator } from '../../src/simulator';
import type { Bff } from './stack';

const thisMonth = currentMonthStart(new Date());

const FILTER_KEYS = new Set(['organizations', 'projects', 'clusters', 'services']);

/**
 * A dashboard question (the POST body; the path names the organization) over `first`..`last`
 * (inclusive month starts). `extra` may name filter lists at the top level for brevity
 * (`{ projects: [...], groupBy: 'projects' }`): they go into `filters`; other keys stay as given.
 */
export function question(first: string, last: string, extra: Record<string, unknown> = {}) {
  const filters: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (FILTER_KEYS.has(key)) filters[key] = value;
    else rest[key] = value;
  }
  return {
    period: { kind: 'months', first, last },
    ...(Object.keys(filters).length > 0 && { filters }),
    ...rest,
  };
}

/** A question over `months` closed months ending `endsAgo` months before the current one. */
export function closedMonths(months: number, extra: Record<string, unknown> = {}, endsAgo = 0) {
  const last = monthIndex(thisMonth) - endsAgo - 1;
  return question(monthFromIndex(last - months + 1), monthFromIndex(last), extra);
}

/** A question whose months include the current one (its costs still change). */
export function includingThisMonth(months: number) {
  const last = monthIndex(thisMonth);
  return question(monthFromIndex(last - months + 1), monthFromIndex(last));
}

export async function firstOrgId(bff: Pick<Bff, 'api'>, index = 0): Promise<string> {
  const orgs = (await (await bff.api('/api/orgs')).json()) as { items: Array<{ id: string }> };
  return orgs.items[index]!.id;
}

export function createQuery(
  bff: Pick<Bff, 'api'>,
  orgId: string,
  body: unknown,
  options: { refresh?: boolean } = {},
): Promise<Response> {
  const query = options.refresh ? '?refresh=true' : '';
  return bff.api(`/api/orgs/${orgId}/cost-queries${query}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
}

export async function readQuery(
  bff: Pick<Bff, 'api'>,
  orgId: string,
  id: string,
): Promise<Record<string, unknown> & { status: string }> {
  const res = await bff.api(`/api/orgs/${orgId}/cost-queries/${id}`);
  return (await res.json()) as Record<string, unknown> & { status: string };
}

/** What Atlas (the simulator) saw on one route, in order. */
export function upstreamCalls(simulator: Simulator, route: FaultRoute) {
  return simulator.requests.filter((r) => r.route === route);
}
