import { monthIndex } from '../../src/contract';
import type { Simulator } from '../../src/simulator';
import { simulatorProfile } from '../../src/simulator';
import { validateCreateBody } from '../../src/simulator/cost-explorer/validation';
import { runUsageQuery } from '../../src/simulator/cost-explorer/usage-query';
import { getDatasetModel } from '../../src/simulator/dataset/dataset';
import { upstreamCalls } from './queries';

/**
 * What the simulator itself bills for the last Cost Explorer query the BFF created, in integer
 * cents: the same body, organization, profile and engine, asked directly (no BFF in between).
 */
export function simulatorCentsForLastQuery(simulator: Simulator): number {
  const create = upstreamCalls(simulator, 'createUsage').at(-1);
  if (!create?.orgId) throw new Error('the BFF created no Cost Explorer query');
  const { seed, scale, anchorMonth } = simulator.dataset;
  const model = getDatasetModel(seed, scale, monthIndex(anchorMonth));
  const now = new Date();
  const query = validateCreateBody(create.body, now, 'lenient');
  const profile = simulatorProfile(simulator.profile);
  return runUsageQuery(model, create.orgId, query, now, profile).reduce(
    (sum, row) => sum + Math.round(row.usageAmount * 100),
    0,
  );
}

/**
 * Resolves once the simulator has answered a poll of the current query (with its simulator
 * clock stopped, that answer is its "still processing" form), so a test can then move the clock.
 */
export async function untilPolledWhileProcessing(simulator: Simulator): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (upstreamCalls(simulator, 'getUsage').some((r) => r.status !== undefined)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the BFF never polled the query');
}
