import {
  PRESET_PAGE_MAX,
  presetListSchema,
  presetResponseSchema,
  type PresetInput,
  type PresetResponse,
} from '@ace/bff/contract';
import { apiRequest, apiSend } from '../../../lib/api-client';

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

const presetPath = (id: string) => `/presets/${encodeURIComponent(id)}`;

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
    const query = `?limit=${PRESET_PAGE_MAX}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { data } = await apiRequest(`/presets${query}`, presetListSchema, { signal });
    items.push(...data.items);
    cursor = data.nextCursor;
  } while (cursor);
  return items;
}

export async function fetchPreset(id: string, signal?: AbortSignal): Promise<VersionedPreset> {
  const { data, headers } = await apiRequest(presetPath(id), presetResponseSchema, { signal });
  return versioned(data, headers);
}

export async function createPreset(input: PresetInput): Promise<VersionedPreset> {
  const { data, headers } = await apiRequest('/presets', presetResponseSchema, {
    method: 'POST',
    body: input,
  });
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
  const { data, headers } = await apiRequest(presetPath(id), presetResponseSchema, {
    method: 'PUT',
    body: input,
    headers: { 'If-Match': etag },
  });
  return versioned(data, headers);
}

export function deletePreset({ id, etag }: PresetWrite): Promise<void> {
  return apiSend(presetPath(id), { method: 'DELETE', headers: { 'If-Match': etag } });
}
