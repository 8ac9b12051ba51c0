import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One file per preset schema version ever written: bff/test/fixtures/presets/v<N>.json. */
export interface PresetFixtureFile {
  schemaVersion: number;
  about: string;
  presets: Array<{ title: string; stored: unknown; current: unknown }>;
}

export function presetFixturePath(version: number): string {
  return fileURLToPath(new URL(`../../fixtures/presets/v${version}.json`, import.meta.url));
}

export function hasPresetFixture(version: number): boolean {
  return existsSync(presetFixturePath(version));
}

export function readPresetFixture(version: number): PresetFixtureFile {
  return JSON.parse(readFileSync(presetFixturePath(version), 'utf8')) as PresetFixtureFile;
}
