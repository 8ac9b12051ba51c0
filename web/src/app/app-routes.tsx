import { Skeleton } from '@mantine/core';
import { Suspense } from 'react';
import { useHistoryLocation } from '../features/url-state/history';
import { lazyWithPreload, preloadOnFirstInteraction } from '../lib/lazy-with-preload';
import { DashboardPage } from './dashboard/dashboard-page';

/** A preset's page: its own code when a /p/ link is opened, or at the first interaction. */
const shareLinkPage = lazyWithPreload<{ id: string }>(() =>
  import('./dashboard/share-link-page').then((module) => ({ default: module.ShareLinkPage })),
);
preloadOnFirstInteraction(shareLinkPage.preload);
const ShareLinkPage = shareLinkPage.Component;

const PRESET_PATH = /^\/p\/([^/]*)\/?$/;

function presetIdOf(pathname: string): string | undefined {
  const match = PRESET_PATH.exec(pathname);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1] ?? '');
  } catch {
    return ''; // malformed escapes: no preset has that id
  }
}

/**
 * Two pages: a preset's share link (`/p/<id>`) and the dashboard (any other path, its view in
 * the query string). Each navigation (back, forward, opening a preset) mounts the page afresh
 * from the URL, so what is restored is exactly what the link says; the dashboard's own URL
 * writes while the user works are not navigations and keep the page as it is.
 */
export function AppRoutes() {
  const location = useHistoryLocation();
  const presetId = presetIdOf(location.pathname);
  if (presetId !== undefined) {
    return (
      <Suspense fallback={<Skeleton height={220} radius="sm" aria-label="Loading the preset" />}>
        <ShareLinkPage key={location.key} id={presetId} />
      </Suspense>
    );
  }
  return <DashboardPage key={location.key} />;
}
