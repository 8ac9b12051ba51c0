import type { PresetResponse } from '@ace/bff/contract';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../testing/render';
import { ActivePresetBanner } from './active-preset-banner';

const preset: PresetResponse = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  ownedByYou: true,
  name: 'Retail, last quarter',
  description: '',
  query: {
    orgId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    period: { kind: 'relative', period: 'last-3-complete-months' },
    filters: { organizations: [], projects: [], clusters: [], services: [] },
    includePartialMatches: false,
    view: {},
  },
  createdAt: '2025-06-01T00:00:00.000Z',
  updatedAt: '2025-06-01T00:00:00.000Z',
  version: 1,
  schemaVersion: 3,
  resolved: { first: '2025-03-01', last: '2025-05-01' },
};

describe('the preset banner', () => {
  it('offers to save changes to one’s own preset', () => {
    const onSaveChanges = vi.fn();
    renderWithProviders(
      <ActivePresetBanner active={{ preset, etag: '"1"' }} onSaveChanges={onSaveChanges} />,
    );
    expect(screen.getByRole('button', { name: 'Save changes…' })).toBeTruthy();
    expect(screen.queryByText(/shared by/)).toBeNull();
  });

  it('calls someone else’s preset shared, without their e-mail, and offers no change to it', () => {
    const shared = { ...preset, ownedByYou: false };
    renderWithProviders(
      <ActivePresetBanner active={{ preset: shared, etag: '"1"' }} onSaveChanges={undefined} />,
    );
    expect(screen.queryByRole('button', { name: 'Save changes…' })).toBeNull();
    expect(screen.getByText(/· shared preset/)).toBeTruthy();
    expect(screen.queryByText(/@/)).toBeNull();
  });

  it('names who shared it when the deployment chooses to show that', () => {
    const shared = { ...preset, ownedByYou: false, sharedBy: 'fran@example.com' };
    renderWithProviders(
      <ActivePresetBanner active={{ preset: shared, etag: '"1"' }} onSaveChanges={undefined} />,
    );
    expect(screen.getByText(/shared by fran@example\.com/)).toBeTruthy();
  });
});
