import { Button, Group, Radio, Stack, Textarea } from '@mantine/core';
import { RELATIVE_PERIOD_LABELS, resolvePeriod, type DashboardQuery } from '@ace/bff/contract';
import { useState } from 'react';
import { formatMonthRange } from '../../../lib/months';
import type { VersionedPreset } from '../api/preset-api';
import { useCreatePreset, useUpdatePreset } from '../api/use-preset-mutations';
import { PERIOD_CHOICES, periodChoiceOf, toPresetInput, type PeriodChoice } from '../preset-input';
import { PresetNameInput, useWriteOutcome } from './preset-modal-parts';
import { WriteProblemAlert } from './write-problem-alert';

export interface SavePresetTarget {
  /** The question on screen, with how its results look. */
  query: DashboardQuery;
  /** The server's clock: the months a relative period means now. */
  now: Date;
  /** The preset the view was opened from, if any. */
  active: VersionedPreset | null;
  onSaved: (saved: VersionedPreset) => void;
  /** Opens the newest version of the active preset (after someone else changed it). */
  onReloadActive: (id: string) => void;
}

type SavePresetFormProps = SavePresetTarget & { updating: boolean; onClose: () => void };

export function SavePresetForm(props: SavePresetFormProps) {
  const { query, now, active, updating, onClose, onSaved } = props;
  const existing = updating ? active?.preset : undefined;
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [choice, setChoice] = useState<PeriodChoice>(() =>
    periodChoiceOf(existing?.query.period ?? query.period),
  );
  const months = resolvePeriod(query.period, now);
  const [touched, setTouched] = useState(false);
  const { problem, clearProblem, callbacks } = useWriteOutcome(onSaved, onClose);
  const create = useCreatePreset();
  const update = useUpdatePreset();
  const empty = name.trim() === '';

  const save = (asNew: boolean) => {
    setTouched(true);
    if (empty) return;
    clearProblem();
    const input = toPresetInput(query, months, { name, description, choice });
    if (!asNew && updating && active) {
      update.mutate({ id: active.preset.id, etag: active.etag, input }, callbacks);
    } else create.mutate(input, callbacks);
  };

  const exactLabel = `These exact months: ${formatMonthRange(months.first, months.last)}`;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save(false);
      }}
    >
      <Stack>
        <PresetNameInput value={name} onChange={setName} touched={touched} />
        <Textarea
          label="Description (optional)"
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          maxLength={1000}
          rows={3}
        />
        <Radio.Group
          label="Months"
          description="A relative period is worked out again each time the preset is opened."
          value={choice}
          onChange={(value) => setChoice(value)}
        >
          <Stack gap={6} mt={6}>
            {PERIOD_CHOICES.map((option) => (
              <Radio
                key={option}
                value={option}
                label={
                  option === 'months' ? exactLabel : `Relative: ${RELATIVE_PERIOD_LABELS[option]}`
                }
              />
            ))}
          </Stack>
        </Radio.Group>
        <WriteProblemAlert
          problem={problem}
          reloadAction={
            active && (
              <Button variant="default" onClick={() => props.onReloadActive(active.preset.id)}>
                Reload the preset (your changes here are not kept)
              </Button>
            )
          }
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          {updating && (
            <Button variant="default" onClick={() => save(true)} loading={create.isPending}>
              Save as new preset
            </Button>
          )}
          <Button type="submit" loading={updating ? update.isPending : create.isPending}>
            {updating ? 'Save changes' : 'Save preset'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
