import { ATLAS_SERVICES } from '../contract';
import type { PickerService } from '../services/pickers';
import type { RouteBindings } from './route-table';

export function pickerRoutes(
  pickers: PickerService,
): RouteBindings<'listOrgs' | 'listProjects' | 'listClusters' | 'listServices'> {
  return {
    listOrgs: async (_input, { viewer }) => {
      const all = await pickers.listOrgs();
      return { body: { items: all.filter((org) => viewer.canSee(org.id)) } };
    },

    listProjects: async ({ params: { orgId } }) => ({
      body: { items: await pickers.listProjects(orgId) },
    }),

    listClusters: async ({ params: { orgId }, query: { projects, includeDeleted } }) => ({
      body: { items: await pickers.listClusters(orgId, projects, { includeDeleted }) },
    }),

    listServices: () => ({ body: { items: ATLAS_SERVICES.map((name) => ({ id: name, name })) } }),
  };
}
