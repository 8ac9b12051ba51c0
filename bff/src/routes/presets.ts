import type { PresetResponse } from '../contract';
import type { PresetService } from '../services/presets';
import type { RouteBindings } from './route-table';

/** A strong ETag of the version: every save bumps it, so equal tags mean equal presets. */
const etagOf = (version: number) => `"${version}"`;

const withEtag = (preset: PresetResponse) => ({
  body: preset,
  headers: { ETag: etagOf(preset.version) },
});

export function presetRoutes(
  presets: PresetService,
): RouteBindings<'listPresets' | 'createPreset' | 'getPreset' | 'replacePreset' | 'deletePreset'> {
  return {
    listPresets: async ({ query }, { viewer }) => ({ body: await presets.list(viewer, query) }),

    createPreset: async ({ body }, { viewer }) => {
      const created = await presets.create(viewer, body);
      const reply = withEtag(created);
      return { ...reply, headers: { ...reply.headers, Location: `/api/presets/${created.id}` } };
    },

    getPreset: async ({ params: { id } }, { viewer }) => withEtag(await presets.get(viewer, id)),

    replacePreset: async ({ params: { id }, ifMatch, body }, { viewer }) =>
      withEtag(await presets.replace(viewer, id, ifMatch, body)),

    deletePreset: async ({ params: { id }, ifMatch }, { viewer }) => {
      await presets.remove(viewer, id, ifMatch);
      return {};
    },
  };
}
