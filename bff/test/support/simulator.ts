import { afterAll, beforeAll } from 'vitest';
import type { SimulatorOptions } from '../../src/simulator';
import { mintToken, startSimulator, type Harness } from '../../src/simulator/testing/atlas';

/** A started simulator with a bearer token already minted, and the org that pays. */
export interface SignedInSimulator extends Harness {
  /** `Bearer …` for the demo service account. */
  auth: string;
  /** The dataset's paying org. */
  orgId: string;
}

/**
 * One simulator for the enclosing describe: started (fake clock, instant processing unless
 * `options` say otherwise) with a token minted before its tests, closed after them. Read its
 * fields inside tests only: before the suite's beforeAll they throw.
 */
export function signedInSimulatorPerSuite(options: SimulatorOptions = {}): SignedInSimulator {
  let started: SignedInSimulator | undefined;
  beforeAll(async () => {
    const harness = await startSimulator(options);
    const auth = await mintToken(harness.url);
    started = { ...harness, auth, orgId: harness.sim.dataset.payingOrgId };
  });
  afterAll(() => started?.sim.close());
  const current = (): SignedInSimulator => {
    if (!started) throw new Error('the simulator starts in beforeAll: read it inside a test');
    return started;
  };
  return {
    get sim() {
      return current().sim;
    },
    get url() {
      return current().url;
    },
    get clock() {
      return current().clock;
    },
    get auth() {
      return current().auth;
    },
    get orgId() {
      return current().orgId;
    },
  };
}
