import type { SimCredentials, SimulatorOptions } from '../types';

/**
 * Documented demo credentials the simulator accepts when nothing else is configured. They are
 * public on purpose (README, `pnpm simulator` banner) and unlock nothing but the simulator.
 * Shapes mimic Atlas's: a service-account client id/secret and an API key pair (public key
 * 8 letters, private key a UUID).
 */
export const DEMO_CREDENTIALS: SimCredentials = Object.freeze({
  clientId: 'mdb_sa_id_demo000000000000000000',
  clientSecret: 'mdb_sa_sk_demo-secret-not-for-production-0000',
  publicKey: 'demopubk',
  privateKey: '00000000-0000-4000-a000-000000000000',
});

/** Fills every field the caller left undefined (or empty) with the demo value. */
export function resolveCredentials(given: SimulatorOptions['credentials']): SimCredentials {
  const pick = (key: keyof SimCredentials) => given?.[key] || DEMO_CREDENTIALS[key];
  return {
    clientId: pick('clientId'),
    clientSecret: pick('clientSecret'),
    publicKey: pick('publicKey'),
    privateKey: pick('privateKey'),
  };
}
