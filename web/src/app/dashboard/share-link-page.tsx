import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import { presetIdSchema } from '@ace/bff/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { presetQueryOptions } from '../../features/presets/api/preset-queries';
import { PresetNotFound } from '../../features/presets/components/preset-not-found';
import { navigate } from '../../features/url-state/history';
import { toApiError } from '../../lib/api-client';
import { titled, usePageTitle } from '../page-title';
import { DashboardPage } from './dashboard-page';
import type { DashboardInitial } from './use-dashboard-view';

/**
 * `/p/<id>`: the dashboard with the preset's question in the controls, run at once (a relative
 * period as the months it means today). An id that is malformed (400) or unknown (404)
 * leads nowhere: a friendly page, not an error.
 */
export function ShareLinkPage({ id }: { id: string }) {
  const valid = presetIdSchema.safeParse(id).success;
  const preset = useQuery({ ...presetQueryOptions(id), enabled: valid });
  const initial = useMemo((): DashboardInitial | undefined => {
    if (!preset.data) return undefined;
    const { preset: opened } = preset.data;
    // Ids the viewer may not see were left out by the BFF: say so, like a link's unusable parts.
    const ignored = (opened.withheld ?? []).map((part) => ({
      param: part.field,
      reason: part.reason,
    }));
    // The preset's question as it is: a relative period is worked out again (the form shows
    // the months it means today), and the link of the opened view says so.
    return { decoded: { state: { query: opened.query, run: true }, ignored }, preset: preset.data };
  }, [preset.data]);

  const status = preset.isError ? toApiError(preset.error).status : undefined;
  const notFound = !valid || status === 404 || status === 400;
  const opening = !initial || !preset.isFetchedAfterMount;
  // Once the preset is open, the dashboard's title names it.
  usePageTitle(
    notFound
      ? titled('Preset not found')
      : preset.isError
        ? titled('Cannot open this preset')
        : opening
          ? titled('Opening a preset')
          : null,
  );
  if (notFound) {
    return <PresetNotFound onHome={() => navigate('/')} />;
  }
  if (preset.isError) {
    const error = toApiError(preset.error);
    return (
      <Alert color="red" title={`Cannot open this preset: ${error.title}`} role="alert">
        {error.detail && (
          <Text size="sm" mb="sm">
            {error.detail}
          </Text>
        )}
        <Button variant="default" onClick={() => void preset.refetch()} loading={preset.isFetching}>
          Try again
        </Button>
      </Alert>
    );
  }
  // Only a version fetched now: it must match what a later "Save changes" replaces.
  if (opening) {
    return (
      <Stack aria-busy="true" aria-label="Opening the preset">
        <Skeleton height={220} radius="sm" />
      </Stack>
    );
  }
  return <DashboardPage initial={initial} />;
}
