import type { DashboardQueryInput } from '../../src/contract';

/**
 * A preset body (POST/PUT /api/presets): `query` fields given here override a default question
 * (the last three complete months of `orgId`, no filters); other keys (name, description) too.
 */
export function presetBody(
  orgId: string,
  query: Partial<DashboardQueryInput> = {},
  extra: Record<string, unknown> = {},
) {
  return {
    name: 'A preset',
    ...extra,
    query: {
      orgId,
      period: { kind: 'relative', period: 'last-3-complete-months' },
      ...query,
    },
  };
}
