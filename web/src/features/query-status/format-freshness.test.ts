import { describe, expect, it } from 'vitest';
import type { CostQueryDone } from '@ace/bff/contract';
import { doneAnswer } from '../../testing/cost-query-answers';
import { dataAgeMs, runningPhase } from './api/run-phase';
import {
  formatApiCapacity,
  formatDataAge,
  formatParts,
  formatRetryCountdown,
} from './format-freshness';

/** What every state of the answer says about its question, whatever its status. */
const { id, orgId, query, months, organizations, createdAt } = doneAnswer();
const base = { id, orgId, query, months, organizations, createdAt };

describe('how fresh the data is', () => {
  it('says "just now" under a minute, then minutes, and marks a cached answer', () => {
    expect(formatDataAge(59_000, false)).toBe('Data from just now');
    expect(formatDataAge(7 * 60_000, false)).toBe('Data from 7 minutes ago');
    expect(formatDataAge(60_000, true)).toBe('Data from 1 minute ago · from cache');
  });

  it('ages a cached result from when Atlas produced it, on the BFF clock', () => {
    const done: CostQueryDone = {
      ...doneAnswer(),
      completedAt: '2025-06-15T12:00:01.000Z',
      dataFetchedAt: '2025-06-15T11:50:01.000Z',
      fromCache: true,
    };
    // The browser's clock is years off: only the time since the answer arrived counts.
    const receivedAt = 5_000;
    expect(dataAgeMs(done, receivedAt, receivedAt + 60_000)).toBe(11 * 60_000);
    expect(dataAgeMs({ ...done, dataFetchedAt: undefined }, receivedAt, receivedAt)).toBe(0);
  });
});

describe('waiting for Atlas', () => {
  it('counts down in whole seconds, then says it retries now', () => {
    expect(formatRetryCountdown(12_000)).toBe('Atlas asked us to wait — retrying in 12 s');
    expect(formatRetryCountdown(11_001)).toBe('Atlas asked us to wait — retrying in 12 s');
    expect(formatRetryCountdown(65_000)).toBe('Atlas asked us to wait — retrying in 1 min 05 s');
    expect(formatRetryCountdown(0)).toBe('Atlas asked us to wait — retrying now');
  });

  it('puts the wait on the local clock from the BFF’s own timeline', () => {
    const phase = runningPhase(
      {
        ...base,
        status: 'processing',
        elapsedMs: 3_000,
        waitingUntil: '2025-06-15T12:00:15.000Z',
        apiCapacity: { remaining: 412, limit: 500 },
      },
      1_000_000,
      false,
    );
    expect(phase).toEqual({
      kind: 'running',
      since: 997_000,
      waitUntil: 1_012_000,
      apiCapacity: { remaining: 412, limit: 500 },
      reconnecting: false,
    });
  });

  it('shows the API capacity Atlas reported', () => {
    expect(formatApiCapacity({ remaining: 412, limit: 500 })).toBe(
      'API capacity: 412 of 500 requests left',
    );
  });

  it('counts the parts of a question asked in several Atlas queries, and not a single one', () => {
    expect(formatParts({ done: 3, total: 27 })).toBe('Asking Atlas in 27 parts: 3 answered');
    expect(formatParts({ done: 999, total: 1200 })).toBe(
      'Asking Atlas in 1,200 parts: 999 answered',
    );
    const at = (parts: { done: number; total: number }) =>
      runningPhase({ ...base, status: 'processing', elapsedMs: 0, parts }, 0, false);
    expect(at({ done: 3, total: 27 })).toMatchObject({ parts: { done: 3, total: 27 } });
    expect(at({ done: 0, total: 1 })).not.toHaveProperty('parts.total');
  });
});
