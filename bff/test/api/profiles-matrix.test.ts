import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_PROFILES, type SimulatorProfileName } from '../../src/simulator';
import { fakeClock } from '../../src/simulator/testing/clock';
import { closedMonths, createQuery, firstOrgId } from '../support/queries';
import { simulatorCentsForLastQuery, untilPolledWhileProcessing } from '../support/simulator-sums';
import { startStack, waitForRows, type Stack } from '../support/stack';

/**
 * Every simulator profile (each a different answer to what Atlas's spec leaves open) through
 * the whole BFF: a query must finish with rows that name the right projects and clusters and a
 * total equal, to the cent, to what the simulator itself bills for the same Atlas query. The
 * simulator's clock stands still until the BFF has seen the profile's "processing" answer.
 */

interface Row {
  usageAmountCents: number;
  projectId?: string;
  projectName?: string;
  clusterId?: string;
  clusterName?: string;
}
interface Done {
  status: string;
  error?: unknown;
  result: { usageDetails: Row[]; totals: { totalCents: number } };
}

const PROCESSING_MS = 1_000;

describe.each(SIMULATOR_PROFILES)(
  'on the %s simulator profile',
  (profile: SimulatorProfileName) => {
    const clock = fakeClock(new Date().toISOString());
    let stack: Stack;
    let orgId: string;
    beforeAll(async () => {
      stack = await startStack({
        simulator: { profile, now: clock.now, processingMs: PROCESSING_MS },
      });
      orgId = await firstOrgId(stack);
    });
    afterAll(async () => {
      await stack.close();
    });

    /** Runs one question to the end; the result must be complete and add up to the simulator's. */
    async function run(question: unknown): Promise<Row[]> {
      stack.simulator.clearRequests();
      const created = await createQuery(stack, orgId, question);
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      await untilPolledWhileProcessing(stack.simulator);
      clock.advance(PROCESSING_MS);
      const done = (await waitForRows(stack, orgId, id)) as unknown as Done;
      expect({ status: done.status, error: done.error }).toEqual({
        status: 'done',
        error: undefined,
      });
      const rows = done.result.usageDetails;
      // Every question below has charges: an empty result is a misread answer, not "no usage".
      expect(rows.length).toBeGreaterThan(0);
      const cents = rows.reduce((sum, row) => sum + row.usageAmountCents, 0);
      expect(done.result.totals.totalCents).toBe(cents);
      expect(cents).toBe(simulatorCentsForLastQuery(stack.simulator));
      return rows;
    }

    const projectsOfOrg = () => stack.simulator.dataset.projects.filter((p) => p.orgId === orgId);

    it('totals an ungrouped query exactly', async () => {
      await run(closedMonths(3));
    });

    it('names the projects of a group-by-projects query', async () => {
      const projects = projectsOfOrg().slice(0, 4);
      const rows = await run(
        closedMonths(3, { projects: projects.map((p) => p.id), groupBy: 'projects' }),
      );
      const names = new Map(projects.map((p) => [p.id, p.name]));
      for (const row of rows) {
        expect([...names.keys()]).toContain(row.projectId);
        expect(row.projectName).toBe(names.get(row.projectId ?? ''));
      }
    });

    it('names the clusters and their projects of a group-by-clusters query', async () => {
      const projectIds = new Set(projectsOfOrg().map((p) => p.id));
      const clusters = stack.simulator.dataset.clusters
        .filter((c) => projectIds.has(c.projectId) && !c.deleted)
        .slice(0, 6);
      const rows = await run(
        closedMonths(3, { clusters: clusters.map((c) => c.id), groupBy: 'clusters' }),
      );
      const byId = new Map(clusters.map((c) => [c.id, c]));
      for (const row of rows) {
        expect([...byId.keys()]).toContain(row.clusterId);
        const cluster = byId.get(row.clusterId ?? '');
        expect(row.clusterName).toBe(cluster?.name);
        expect(row.projectId).toBe(cluster?.projectId);
      }
    });

    it('totals partially matching charges when they are included', async () => {
      const projects = projectsOfOrg().slice(0, 2);
      await run(
        closedMonths(2, {
          projects: projects.map((p) => p.id),
          groupBy: 'projects',
          includePartialMatches: true,
        }),
      );
    });
  },
);
