import type { PresetInput } from '@ace/bff/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../../../testing/axe';
import { installFakeApi, ORG_ID } from '../../../testing/fake-api';
import { createFakePresets } from '../../../testing/fake-presets';
import { installFakeClock, renderWithProviders } from '../../../testing/render';
import { PresetsList } from './presets-list';

const NOW = new Date('2025-06-15T12:00:00Z');
const base: PresetInput = {
  name: '',
  query: { orgId: ORG_ID, period: { kind: 'months', first: '2025-01-01', last: '2025-03-01' } },
};

function setup() {
  const user = installFakeClock(NOW);
  const presets = createFakePresets(() => NOW);
  const api = installFakeApi({ extra: presets.handle });
  const add = (input: Partial<PresetInput>) =>
    presets.handle({
      method: 'POST',
      url: new URL('http://localhost/api/presets'),
      body: { ...base, ...input },
      headers: {},
    });
  add({ name: 'Q1 by hand' });
  add({
    name: 'Rolling quarter',
    description: 'Finance review',
    query: { orgId: ORG_ID, period: { kind: 'relative', period: 'last-3-complete-months' } },
  });
  const onDeleted = vi.fn();
  const onOpen = vi.fn();
  const view = renderWithProviders(
    <PresetsList activeId={undefined} onOpen={onOpen} onSaved={vi.fn()} onDeleted={onDeleted} />,
    { user },
  );
  return { ...view, api, presets, onDeleted, onOpen };
}

const item = (name: string) => screen.getByRole('link', { name }).closest('li')!;

describe('the presets list', () => {
  it('shows each preset with its range (relative ones say so) and when it changed', async () => {
    setup();
    await screen.findByRole('link', { name: 'Rolling quarter' });
    expect(item('Rolling quarter').textContent).toContain('Relative: Last 3 complete months');
    expect(item('Rolling quarter').textContent).toContain('Finance review');
    expect(item('Q1 by hand').textContent).toContain('Jan 2025 – Mar 2025 · updated just now');
  });

  it('searches names and descriptions', async () => {
    const { user } = setup();
    await screen.findByRole('link', { name: 'Rolling quarter' });
    await user.type(screen.getByRole('textbox', { name: 'Search presets' }), 'finance');
    expect(screen.queryByRole('link', { name: 'Q1 by hand' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Rolling quarter' })).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Search presets' }), 'zzz');
    expect(screen.getByText('No presets match “financezzz”.')).toBeTruthy();
  });

  it('renames with the version it shows; after a 412 it reloads and then succeeds', async () => {
    const { user, api, presets } = setup();
    await screen.findByRole('link', { name: 'Q1 by hand' });
    const id = [...presets.presets.values()].find((p) => p.name === 'Q1 by hand')!.id;
    presets.changeElsewhere(id, { description: 'edited elsewhere' });

    await user.click(screen.getByRole('button', { name: 'Rename Q1 by hand' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename preset' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Q1 2025');
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    await within(dialog).findByText('Someone else changed this preset');

    await user.click(within(dialog).getByRole('button', { name: 'Reload the list' }));
    await waitFor(() => expect(item('Q1 by hand').textContent).toContain('edited elsewhere'));
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect(await screen.findByRole('link', { name: 'Q1 2025' })).toBeTruthy();
    const puts = api.callsTo('PUT', `/api/presets/${id}`);
    expect(puts.map((call) => call.headers['if-match'])).toEqual(['"1"', '"2"']);
    // The rename kept what someone else had saved.
    expect(presets.presets.get(id)?.description).toBe('edited elsewhere');
  });

  it('deletes only after confirmation', async () => {
    const { user, api, onDeleted } = setup();
    await screen.findByRole('link', { name: 'Q1 by hand' });
    await user.click(screen.getByRole('button', { name: 'Delete Q1 by hand' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete preset?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('DELETE', '/api/presets/')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete Q1 by hand' }));
    const again = await screen.findByRole('dialog', { name: 'Delete preset?' });
    await user.click(within(again).getByRole('button', { name: 'Delete preset' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Q1 by hand' })).toBeNull());
    expect(api.callsTo('DELETE', '/api/presets/')[0]?.headers['if-match']).toBe('"1"');
    expect(onDeleted).toHaveBeenCalledTimes(1);
  });

  it('opens a preset in the page on a plain click', async () => {
    const { user, onOpen, presets } = setup();
    await user.click(await screen.findByRole('link', { name: 'Rolling quarter' }));
    const id = [...presets.presets.values()].find((p) => p.name === 'Rolling quarter')!.id;
    expect(onOpen).toHaveBeenCalledWith(id);
    expect(screen.getByRole('link', { name: 'Rolling quarter' }).getAttribute('href')).toBe(
      `/p/${id}`,
    );
  });

  it('has no axe violations', async () => {
    const { container } = setup();
    await screen.findByRole('link', { name: 'Rolling quarter' });
    vi.useRealTimers();
    expect(await axeViolations(container)).toEqual([]);
  });
});
