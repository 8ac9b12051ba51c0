import { screen, waitFor, within } from '@testing-library/react';
import { useForm, useWatch, type Control } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../../testing/axe';
import { renderWithProviders } from '../../testing/render';
import type { PickerOption } from './option-index';
import { VirtualMultiSelect } from './virtual-multi-select';

/** 900 projects of 15 clusters: 13,500 options, as the simulator has at scale 50. */
const OPTIONS: PickerOption[] = Array.from({ length: 900 * 15 }, (_, i) => ({
  value: `id-${i}`,
  label: `cluster-${Math.floor(i / 15)}-${i % 15}`,
  group: `project-${Math.floor(i / 15)}`,
}));

interface Values {
  clusters: string[];
}

function Chosen({ control }: { control: Control<Values> }) {
  const clusters = useWatch({ control, name: 'clusters' });
  return <output aria-label="chosen">{clusters.join(',')}</output>;
}

function renderPicker(initial: string[] = [], onFormRender = vi.fn()) {
  function Form() {
    onFormRender();
    const { control } = useForm<Values>({ defaultValues: { clusters: initial } });
    return (
      <form>
        <VirtualMultiSelect
          control={control}
          name="clusters"
          label="Clusters"
          noun="clusters"
          options={OPTIONS}
          placeholder="All clusters"
          nothingFoundMessage="No matching clusters"
        />
        <Chosen control={control} />
      </form>
    );
  }
  const view = renderWithProviders(<Form />);
  const input = screen.getByRole('combobox', { name: 'Clusters' });
  const chosen = () => screen.getByRole('status', { name: 'chosen' }).textContent;
  return { ...view, input, chosen, onFormRender };
}

const shownOptions = () => screen.getAllByRole('option').map((option) => option.textContent);

describe('VirtualMultiSelect', () => {
  it('renders only a window of 13,500 grouped options, named by their groups', async () => {
    const { user, input } = renderPicker();
    await user.click(input);
    const list = screen.getByRole('listbox', { name: 'Clusters' });
    expect(input.getAttribute('aria-controls')).toBe(list.id);
    const options = within(list).getAllByRole('option');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(60);
    expect(options[0]!.textContent).toBe('cluster-0-0');
    expect(within(list).getByRole('group', { name: 'project-0' })).toBeTruthy();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('filters by typed text, case-insensitively, keeping the groups of what matches', async () => {
    const { user, input } = renderPicker();
    await user.type(input, 'CLUSTER-777-1');
    // cluster-777-1 and cluster-777-10 … -14, all in project-777.
    expect(shownOptions()).toEqual([
      'cluster-777-1',
      'cluster-777-10',
      'cluster-777-11',
      'cluster-777-12',
      'cluster-777-13',
      'cluster-777-14',
    ]);
    expect(screen.getAllByRole('group').map((g) => g.getAttribute('aria-label'))).toEqual([
      'project-777',
    ]);
    await user.type(input, 'x');
    expect(screen.queryByRole('option')).toBeNull();
    expect(screen.getByText('No matching clusters')).toBeTruthy();
  });

  it('does not submit the form on Enter while the list is open with nothing to pick', async () => {
    const onSubmit = vi.fn((event: SubmitEvent) => event.preventDefault());
    const { user, input, chosen } = renderPicker();
    input.closest('form')!.addEventListener('submit', onSubmit);
    await user.type(input, 'no such cluster{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(chosen()).toBe('');
  });

  it('picks with the keyboard: arrows move, Enter toggles, Backspace drops the last, Escape closes', async () => {
    const { user, input, chosen } = renderPicker();
    await user.type(input, 'cluster-899-');
    // Typing puts the keyboard on the first match: the last project, far down the list.
    const active = () => document.getElementById(input.getAttribute('aria-activedescendant')!);
    expect(active()?.textContent).toBe('cluster-899-0');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(active()?.textContent).toBe('cluster-899-1');
    await user.keyboard('{Enter}');
    expect(chosen()).toBe('id-13486');
    // The search clears; the keyboard stays on the picked option, rendered though far down.
    expect(input).toHaveProperty('value', '');
    expect(active()?.textContent).toBe('cluster-899-1');
    expect(active()?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(chosen()).toBe('id-13486,id-13487');
    await user.keyboard('{ArrowUp}{Enter}');
    expect(chosen()).toBe('id-13487');
    expect(screen.getByText('cluster-899-2', { selector: '.mantine-MultiSelect-pill *' }));
    await user.keyboard('{Backspace}');
    expect(chosen()).toBe('');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows five chips and sums up the rest in one pill that clears them all', async () => {
    const ids = OPTIONS.slice(0, 42).map((option) => option.value);
    const { user, chosen } = renderPicker(ids);
    const chips = document.querySelectorAll('.mantine-MultiSelect-pill');
    expect([...chips].map((chip) => chip.textContent)).toEqual([
      'cluster-0-0',
      'cluster-0-1',
      'cluster-0-2',
      'cluster-0-3',
      'cluster-0-4',
    ]);
    expect(screen.getByTitle('42 clusters selected').textContent).toContain('+ 37 more');
    // The value stays the whole list.
    expect(chosen()?.split(',')).toHaveLength(42);
    expect(
      document.querySelector<HTMLInputElement>('input[type="hidden"][name="clusters"]')?.value,
    ).toBe(ids.join(','));
    await user.click(screen.getByRole('button', { name: 'Clear all 42 clusters' }));
    expect(chosen()).toBe('');
    expect(screen.queryByTitle(/selected/)).toBeNull();
  });

  it('re-renders itself, not the form, while the user types', async () => {
    const onFormRender = vi.fn();
    const { user, input } = renderPicker([], onFormRender);
    await user.click(input);
    const before = onFormRender.mock.calls.length;
    await user.type(input, 'cluster-12');
    await waitFor(() => expect(shownOptions()[0]).toBe('cluster-12-0'));
    expect(onFormRender.mock.calls.length).toBe(before);
  });
});
