import {
  apiRoutes,
  PRESET_PAGE_MAX,
  type PresetInput,
  type PresetResponse,
} from '@ace/bff/contract';
import { callApi, fetchApi } from '../../../lib/api-client';

/** A preset with the ETag of the version it is: writes send it back as `If-Match`. */
export interface VersionedPreset {
  preset: PresetResponse;
  etag: string;
}

/**
 * The BFF's strong ETag for a version (`"<version>"`, see the contract's `version`). The list
 * carries versions, not ETags: a rename from the list must name the version the user saw.
 */
export const etagOfVersion = (version: number) => `"${version}"`;

function versioned(preset: PresetResponse, headers: Headers): VersionedPreset {
  return { preset, etag: headers.get('ETag') ?? etagOfVersion(preset.version) };
}

/**
 * All of the viewer's presets, most recently changed first (the BFF's order). The BFF answers a
 * page at a time; the list is searched in the page, so every page is fetched (a person keeps at
 * most a few hundred).
 */
export async function fetchPresets(signal?: AbortSignal): Promise<PresetResponse[]> {
  const items: PresetResponse[] = [];
  let cursor: string | undefined;
  do {
    const data = await fetchApi(
      apiRoutes.listPresets,
      { query: { limit: PRESET_PAGE_MAX, cursor } },
      { signal },
    );
    items.push(...data.items);
    cursor = data.nextCursor;
  } while (cursor);
  return items;
}

export async function fetchPreset(id: string, signal?: AbortSignal): Promise<VersionedPreset> {
  const { data, headers } = await callApi(apiRoutes.getPreset, { params: { id } }, { signal });
  return versioned(data, headers);
}

export async function createPreset(input: PresetInput): Promise<VersionedPreset> {
  const { data, headers } = await callApi(apiRoutes.createPreset, { body: input });
  return versioned(data, headers);
}

export interface PresetWrite {
  id: string;
  /** The ETag of the version being replaced: a 412 says someone saved in between. */
  etag: string;
}

export async function updatePreset({
  id,
  etag,
  input,
}: PresetWrite & { input: PresetInput }): Promise<VersionedPreset> {
  const { data, headers } = await callApi(apiRoutes.replacePreset, {
    params: { id },
    ifMatch: etag,
    body: input,
  });
  return versioned(data, headers);
}

export async function deletePreset({ id, etag }: PresetWrite): Promise<void> {
  await callApi(apiRoutes.deletePreset, { params: { id }, ifMatch: etag });
}
