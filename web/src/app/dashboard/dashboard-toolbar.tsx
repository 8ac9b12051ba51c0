import { Button, Group, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { CopyLinkButton } from '../../components/share/copy-link-button';
import type { VersionedPreset } from '../../features/presets/api/preset-api';
import { ActivePresetBanner } from '../../features/presets/components/active-preset-banner';
import { PresetsList, SavePresetModal } from '../../features/presets/lazy';
import { navigate } from '../../features/url-state/history';
import { SHAREABLE_URL_MAX, type LinkState } from '../../features/url-state/url-state';
import { isShareable, viewLink } from '../../features/url-state/url-state-codec';
import { completeQuery } from '../../lib/dashboard-draft';

interface DashboardToolbarProps {
  state: LinkState;
  /** The server's clock: the months a relative period means now. */
  now: Date;
  /** The preset the page was opened from (a /p/ link). */
  preset: VersionedPreset | undefined;
  /** A preset was saved from this view: the address bar becomes its link. */
  onSavedAsPreset: (id: string) => void;
}

/** Presets (save, list, the one in use) and the link to the current view. */
export function DashboardToolbar(props: DashboardToolbarProps) {
  const { state, now, preset, onSavedAsPreset } = props;
  const listId = useId();
  const [active, setActive] = useState<VersionedPreset | null>(preset ?? null);
  const [saving, setSaving] = useState<'new' | 'update' | null>(null);
  const [listOpen, setListOpen] = useState(false);
  // What a preset would store: the question with how its results look, once it is complete.
  const query = completeQuery(state.query);
  const link = viewLink(state);
  const openPreset = (id: string) => navigate(`/p/${encodeURIComponent(id)}`);
  // Only its owner may change a preset (the BFF says 403 to anyone else): others save a copy.
  const ownsActive = !active || active.preset.ownedByYou;
  // Renaming the preset in use from the list changes its name and ETag here too.
  const onRenamed = (saved: VersionedPreset) => {
    if (saved.preset.id === active?.preset.id) setActive(saved);
  };

  return (
    <Stack gap="sm">
      {active && (
        <ActivePresetBanner
          active={active}
          onSaveChanges={ownsActive ? () => setSaving('update') : undefined}
        />
      )}
      <Group justify="space-between" gap="sm">
        <Group gap="sm">
          <Button
            variant="default"
            aria-expanded={listOpen}
            aria-controls={listId}
            onClick={() => setListOpen((open) => !open)}
          >
            {listOpen ? 'Hide presets' : 'Presets'}
          </Button>
          <Button variant="default" disabled={!query} onClick={() => setSaving('new')}>
            Save as preset
          </Button>
        </Group>
        {isShareable(link) ? (
          <CopyLinkButton link={link} label="Copy link to this view" />
        ) : (
          <Text size="sm" c="dimmed" maw={420}>
            This view’s link would be {link.length.toLocaleString()} characters, more than the{' '}
            {SHAREABLE_URL_MAX.toLocaleString()} that can be shared reliably. Save it as a preset
            and share the preset’s link instead.
          </Text>
        )}
      </Group>
      {listOpen && (
        <PresetsList
          id={listId}
          activeId={active?.preset.id}
          onOpen={openPreset}
          onSaved={onRenamed}
          onDeleted={(id) => {
            if (id === active?.preset.id) setActive(null);
          }}
        />
      )}
      {query && (
        <SavePresetModal
          mode={saving}
          onClose={() => setSaving(null)}
          query={query}
          now={now}
          active={active}
          onSaved={(saved) => {
            setActive(saved);
            onSavedAsPreset(saved.preset.id);
          }}
          onReloadActive={openPreset}
        />
      )}
    </Stack>
  );
}
