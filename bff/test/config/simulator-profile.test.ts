import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { SIMULATOR_PROFILES } from '../../src/simulator';
import { configErrorOf } from '../support/config';

describe('SIMULATOR_PROFILE', () => {
  it('defaults to the default profile', () => {
    expect(loadConfig({}).simulator.profile).toBe('default');
  });

  it.each(SIMULATOR_PROFILES)('accepts %s', (name) => {
    expect(loadConfig({ SIMULATOR_PROFILE: name }).simulator.profile).toBe(name);
  });

  it('refuses an unknown name, listing the profiles there are', () => {
    const { message } = configErrorOf({ SIMULATOR_PROFILE: 'groupid' });
    expect(message).toContain(
      `SIMULATOR_PROFILE: unknown profile "groupid": must be one of ${SIMULATOR_PROFILES.join(', ')}`,
    );
  });
});
