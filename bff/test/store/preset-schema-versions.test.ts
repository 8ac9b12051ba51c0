import { describe, expect, it } from 'vitest';
import { PRESET_SCHEMA_VERSION, presetInputSchema } from '../../src/contract';
import { upgradePresetParams, UnreadablePresetError } from '../../src/services/presets-migrations';
import { hasPresetFixture, readPresetFixture } from './support/fixtures';

const versions = Array.from({ length: PRESET_SCHEMA_VERSION }, (_, i) => i + 1);

describe('stored preset schema versions', () => {
  it('keep a fixture file for every version ever written, up to the current one', () => {
    expect(versions.filter((v) => !hasPresetFixture(v))).toEqual([]);
    expect(hasPresetFixture(PRESET_SCHEMA_VERSION + 1)).toBe(false);
  });

  describe.each(versions)('a preset stored at schema v%i', (version) => {
    const fixture = readPresetFixture(version);

    it('is labelled with its version in its fixture file', () => {
      expect(fixture.schemaVersion).toBe(version);
      expect(fixture.presets.length).toBeGreaterThan(0);
    });

    it.each(fixture.presets.map((p) => [p.title, p] as const))(
      'opens under the current schema: %s',
      (_title, preset) => {
        const upgraded = upgradePresetParams(version, preset.stored);
        expect(upgraded).toEqual(preset.current);
        expect(presetInputSchema.safeParse(upgraded).success).toBe(true);
      },
    );
  });

  it('are refused, not guessed at, when newer than this server or not a version at all', () => {
    const current = readPresetFixture(PRESET_SCHEMA_VERSION).presets[0]!.stored;
    expect(() => upgradePresetParams(PRESET_SCHEMA_VERSION + 1, current)).toThrow(
      UnreadablePresetError,
    );
    expect(() => upgradePresetParams(0, current)).toThrow(UnreadablePresetError);
  });

  it('are refused when the stored params do not fit their own version', () => {
    const v1 = readPresetFixture(1).presets[0]!.stored as Record<string, unknown>;
    expect(() => upgradePresetParams(1, { ...v1, startMonth: '2025-13' })).toThrow(
      UnreadablePresetError,
    );
    expect(() => upgradePresetParams(2, v1)).toThrow(UnreadablePresetError);
  });
});
