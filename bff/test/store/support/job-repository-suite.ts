import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NewJob } from '../../../src/store/job-types';
import type { Store } from '../../../src/store/types';
import { storePerSuite } from './each-database';

/**
 * One contract for query jobs and cached results in every store, so SQLite and PostgreSQL
 * give the same guarantees: one in-flight job per question, leases only their owner can use,
 * takeover of expired leases by exactly one claimer.
 */
export function describeJobRepository(open: () => Promise<Store>): void {
  const store = storePerSuite(open);

  const newId = () => randomBytes(16).toString('base64url');
  const org = () => randomBytes(12).toString('hex');
  const T = 1_000_000;
  const newJob = (orgId: string, queryKey = 'q', extra: Partial<NewJob> = {}): NewJob => ({
    id: newId(),
    orgId,
    queryKey,
    query: { startDate: '2026-01-01', endDate: '2026-02-01' },
    createdAt: T,
    deadlineAt: T + 600_000,
    nextAttemptAt: T,
    pollDelayMs: 1000,
    leaseOwner: 'replica-a',
    leaseUntil: T + 30_000,
    ...extra,
  });

  describe('query job repository', () => {
    it('inserts a new job queued, and an identical question in flight joins it', async () => {
      const orgId = org();
      const first = await store().jobs.insertOrJoin(newJob(orgId), 'w1');
      expect(first).toMatchObject({ joined: false, job: { phase: 'queued', watchers: 1 } });
      const second = await store().jobs.insertOrJoin(newJob(orgId), 'w2');
      expect(second.joined).toBe(true);
      expect(second.job).toMatchObject({ id: first.job.id, watchers: 2 });
      // The same viewer asking again is one watch, not two.
      const again = await store().jobs.insertOrJoin(newJob(orgId), 'w2');
      expect(again.job).toMatchObject({ id: first.job.id, watchers: 2 });
      const otherOrg = await store().jobs.insertOrJoin(newJob(org()), 'w1');
      expect(otherOrg.joined).toBe(false);
    });

    it('reads epoch milliseconds back as exact numbers, and JSON back as values', async () => {
      const at = Date.UTC(2026, 10, 27, 12, 0, 0, 123); // past 2^32: a BIGINT on PostgreSQL
      const query = { startDate: '2026-01-01', endDate: '2026-02-01', services: ['é', 'a "b"'] };
      const times = { createdAt: at, deadlineAt: at + 1, nextAttemptAt: at, leaseUntil: at + 2 };
      const { job } = await store().jobs.insertOrJoin(
        newJob(org(), 'k', { query, ...times }),
        'w1',
      );
      expect(job).toMatchObject({ ...times, query, watchers: 1, fromCache: false, error: null });
      expect(await store().jobs.get(job.id)).toEqual(job);
      const error = { status: 502, detail: 'Atlas answered 502' };
      const failed = await store().jobs.update(job.id, 'replica-a', {
        phase: 'failed',
        error,
        finishedAt: at + 3,
      });
      expect(failed).toMatchObject({ phase: 'failed', error, finishedAt: at + 3 });
    });

    it('lets exactly one of 50 concurrent identical inserts create the job', async () => {
      const orgId = org();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store().jobs.insertOrJoin(newJob(orgId, 'crowd'), `w${i}`),
        ),
      );
      expect(results.filter((r) => !r.joined)).toHaveLength(1);
      expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
      expect((await store().jobs.get(results[0]!.job.id))?.watchers).toBe(50);
    });

    it('starts a new job for a question whose previous job has finished', async () => {
      const orgId = org();
      const { job } = await store().jobs.insertOrJoin(newJob(orgId), 'w1');
      await store().jobs.update(job.id, 'replica-a', { phase: 'failed', finishedAt: T });
      const next = await store().jobs.insertOrJoin(newJob(orgId), 'w1');
      expect(next.joined).toBe(false);
      expect(next.job.id).not.toBe(job.id);
    });

    it('lets only the lease owner change an in-flight job', async () => {
      const { job } = await store().jobs.insertOrJoin(newJob(org()), 'w1');
      expect(await store().jobs.update(job.id, 'replica-b', { phase: 'failed' })).toBeUndefined();
      const changed = await store().jobs.update(job.id, 'replica-a', {
        phase: 'polling',
        token: 'A'.repeat(64),
        error: null,
        waitingUntil: T + 5,
      });
      expect(changed).toMatchObject({
        phase: 'polling',
        token: 'A'.repeat(64),
        waitingUntil: T + 5,
      });
      await store().jobs.update(job.id, 'replica-a', { phase: 'done', finishedAt: T });
      expect(await store().jobs.update(job.id, 'replica-a', { phase: 'failed' })).toBeUndefined();
      expect((await store().jobs.get(job.id))?.phase).toBe('done');
    });

    it('hands each expired lease to exactly one of two claimers, and leaves live ones alone', async () => {
      const orgId = org();
      const expired = await Promise.all(
        ['e1', 'e2', 'e3', 'e4'].map((key) =>
          store().jobs.insertOrJoin(newJob(orgId, key, { leaseUntil: T - 1 }), 'w1'),
        ),
      );
      const live = await store().jobs.insertOrJoin(
        newJob(orgId, 'live', { leaseUntil: T + 60_000 }),
        'w1',
      );
      const [b, c] = await Promise.all([
        store().jobs.claimExpired('replica-b', T, 5_000, 100),
        store().jobs.claimExpired('replica-c', T, 5_000, 100),
      ]);
      const mine = (list: typeof b) => list.filter((j) => j.orgId === orgId).map((j) => j.id);
      const claimed = [...mine(b), ...mine(c)].sort();
      expect(claimed).toEqual(expired.map((e) => e.job.id).sort());
      expect(claimed).not.toContain(live.job.id);
      for (const job of [...b, ...c].filter((j) => j.orgId === orgId)) {
        expect(job.leaseUntil).toBe(T + 5_000);
      }
    });

    it('renews only the leases its owner still holds on the in-flight jobs it names', async () => {
      const orgId = org();
      const [mine, unnamed, finished] = await Promise.all(
        ['r1', 'r2', 'r3'].map(
          async (key) => (await store().jobs.insertOrJoin(newJob(orgId, key), 'w1')).job,
        ),
      );
      const theirs = (
        await store().jobs.insertOrJoin(newJob(orgId, 'r4', { leaseOwner: 'replica-b' }), 'w1')
      ).job;
      await store().jobs.update(finished!.id, 'replica-a', { phase: 'done', finishedAt: T });
      const named = [mine!.id, finished!.id, theirs.id];
      expect(await store().jobs.renew('replica-a', named, T + 90_000)).toBe(1);
      const leaseOf = async (id: string) => (await store().jobs.get(id))?.leaseUntil;
      expect(await leaseOf(mine!.id)).toBe(T + 90_000);
      expect(await leaseOf(unnamed!.id)).toBe(T + 30_000);
      expect(await leaseOf(theirs.id)).toBe(T + 30_000);
    });

    it('gives every lease an owner holds back on release, so another can claim at once', async () => {
      const orgId = org();
      const { job } = await store().jobs.insertOrJoin(
        newJob(orgId, 'k', { leaseOwner: 'leaving' }),
        'w1',
      );
      expect(await store().jobs.release('leaving')).toBeGreaterThanOrEqual(1);
      expect((await store().jobs.get(job.id))?.leaseOwner).toBeNull();
      const claimed = await store().jobs.claimExpired('staying', T, 1_000, 100);
      expect(claimed.map((j) => j.id)).toContain(job.id);
    });

    it('cancels an in-flight job only when its last watcher leaves, and only by their own watch', async () => {
      const orgId = org();
      const { job } = await store().jobs.insertOrJoin(newJob(orgId), 'alice');
      await store().jobs.insertOrJoin(newJob(orgId), 'bob');
      await store().jobs.update(job.id, 'replica-a', { phase: 'polling', token: 'T'.repeat(64) });
      expect(await store().jobs.leave(job.id, org(), 'bob', T)).toBeUndefined();
      // Bob leaves twice: his watch goes once, Alice's stays, the job runs on.
      expect(await store().jobs.leave(job.id, orgId, 'bob', T)).toEqual({
        phase: 'polling',
        left: true,
      });
      expect(await store().jobs.leave(job.id, orgId, 'bob', T)).toEqual({
        phase: 'polling',
        left: false,
      });
      expect(await store().jobs.get(job.id)).toMatchObject({ watchers: 1, token: 'T'.repeat(64) });
      expect(await store().jobs.leave(job.id, orgId, 'alice', T)).toEqual({
        phase: 'cancelled',
        left: true,
      });
      expect(await store().jobs.leave(job.id, orgId, 'alice', T)).toBeUndefined();
      // Cancelled: no lease, and Atlas's token forgotten like a finished job's.
      expect(await store().jobs.get(job.id)).toMatchObject({
        leaseOwner: null,
        token: null,
        watchers: 0,
      });
    });

    it('leaves a finished job as it is when its watchers leave', async () => {
      const orgId = org();
      const { job } = await store().jobs.insertOrJoin(newJob(orgId), 'alice');
      await store().jobs.update(job.id, 'replica-a', { phase: 'done', finishedAt: T });
      expect(await store().jobs.leave(job.id, orgId, 'alice', T)).toEqual({
        phase: 'done',
        left: true,
      });
    });

    it('forgets a job’s watchers with the job', async () => {
      const orgId = org();
      const { job } = await store().jobs.insertOrJoin(newJob(orgId), 'alice');
      await store().jobs.update(job.id, 'replica-a', { phase: 'failed', finishedAt: T - 10 });
      expect(await store().jobs.deleteFinishedBefore(T)).toBeGreaterThanOrEqual(1);
      expect(await store().jobs.get(job.id)).toBeUndefined();
      expect(await store().jobs.leave(job.id, orgId, 'alice', T)).toBeUndefined();
    });
  });

  describe('result cache repository', () => {
    it('finds the newest result that has not expired, and reuses it for a job born done', async () => {
      const orgId = org();
      const base = { orgId, queryKey: 'k', payload: '{"usageDetails":[]}' };
      await store().results.insert({ ...base, id: newId(), fetchedAt: T, expiresAt: T + 100 });
      const newer = newId();
      await store().results.insert({ ...base, id: newer, fetchedAt: T + 50, expiresAt: T + 150 });
      expect(await store().results.findFresh(orgId, 'k', T + 120)).toEqual({
        id: newer,
        fetchedAt: T + 50,
      });
      expect(await store().results.findFresh(orgId, 'k', T + 150)).toBeUndefined();
      expect(await store().results.findFresh(orgId, 'other', T)).toBeUndefined();
      const job = await store().jobs.insertFromCache({
        id: newId(),
        orgId,
        queryKey: 'k',
        query: {},
        createdAt: T + 120,
        resultId: newer,
        dataFetchedAt: T + 50,
      });
      expect(job).toMatchObject({ phase: 'done', fromCache: true, dataFetchedAt: T + 50 });
      expect((await store().results.get(newer))?.payload).toBe(base.payload);
    });

    it('keeps the first result written under an id when the write is retried', async () => {
      const id = newId();
      const result = { id, orgId: org(), queryKey: 'k', fetchedAt: T, expiresAt: T + 100 };
      expect(await store().results.has(id)).toBe(false);
      await store().results.insert({ ...result, payload: '{"first":true}' });
      await store().results.insert({ ...result, payload: '{"second":true}' });
      expect(await store().results.has(id)).toBe(true);
      expect((await store().results.get(id))?.payload).toBe('{"first":true}');
    });

    it('forgets finished jobs and expired results nobody points at after retention', async () => {
      const orgId = org();
      const resultId = newId();
      await store().results.insert({
        id: resultId,
        orgId,
        queryKey: 'old',
        payload: '{}',
        fetchedAt: 10,
        expiresAt: 20,
      });
      const job = await store().jobs.insertFromCache({
        id: newId(),
        orgId,
        queryKey: 'old',
        query: {},
        createdAt: 30,
        resultId,
        dataFetchedAt: 10,
      });
      await store().results.deleteExpiredUnreferenced(100);
      expect(await store().results.get(resultId)).toBeDefined();
      expect(await store().jobs.deleteFinishedBefore(100)).toBeGreaterThanOrEqual(1);
      expect(await store().jobs.get(job.id)).toBeUndefined();
      await store().results.deleteExpiredUnreferenced(100);
      expect(await store().results.get(resultId)).toBeUndefined();
    });
  });
}
