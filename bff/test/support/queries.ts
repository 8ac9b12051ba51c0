import { currentMonthStart, monthFromIndex, monthIndex } from '../../src/contract';
import type { FaultRoute, Simulator } from '../../src/simulator';
import type { Bff } from './stack';

const thisMonth = currentMonthStart(new Date());

/** A body for `months` closed months ending `endsAgo` months before the current one. */
export function closedMonths(months: number, extra: Record<string, unknown> = {}, endsAgo = 0) {
  const end = monthFromIndex(monthIndex(thisMonth) - endsAgo);
  return { startDate: monthFromIndex(monthIndex(end) - months), endDate: end, ...extra };
}

/** A body whose range includes the current month (its costs still change). */
export function includingThisMonth(months: number) {
  const end = monthFromIndex(monthIndex(thisMonth) + 1);
  return { startDate: monthFromIndex(monthIndex(end) - months), endDate: end };
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
