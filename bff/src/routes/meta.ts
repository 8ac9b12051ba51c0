import type { Meta } from '../contract';
import { openApiDocument } from './openapi-document';
import type { RouteBindings } from './route-table';

export function metaRoutes(
  dataSource: Meta['dataSource'],
  authMode: NonNullable<Meta['user']>['authMode'],
  now: () => Date,
  /** How many months back Atlas serves (ATLAS_HISTORY_MONTHS). */
  retentionMonths: number,
): RouteBindings<'getMeta' | 'getOpenApi'> {
  // The same for every request: generated once, sent as a string.
  let openApiJson: string | undefined;
  return {
    getMeta: (_input, { viewer }) => ({
      body: {
        dataSource,
        now: now().toISOString(),
        retentionMonths,
        user: { id: viewer.id, authMode },
      },
    }),
    getOpenApi: () => {
      openApiJson ??= JSON.stringify(openApiDocument());
      return { json: openApiJson };
    },
  };
}
