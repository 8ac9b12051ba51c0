import { randomBytes } from 'node:crypto';
import type { SimulatorProfile } from '../profiles';
import type { UsageQuery, UsageRow } from './usage-types';

export interface QueryState {
  token: string;
  orgId: string;
  query: UsageQuery;
  /** The clock at creation: fixes the current month and its month-to-date share. */
  asOf: Date;
  doneAt: number;
  /** The profile in force at creation decides the result's shape, whatever is switched later. */
  profile: SimulatorProfile;
  /** Computed on the first poll after processing ends, then served from here. */
  rows?: UsageRow[];
}

/** Keeps the newest queries only; a demo server that runs for days must not keep every result. */
const MAX_QUERIES = 500;

export class QueryStore {
  private queries = new Map<string, QueryState>();

  create(
    orgId: string,
    query: UsageQuery,
    asOf: Date,
    processingMs: number,
    profile: SimulatorProfile,
  ): QueryState {
    // 64 lowercase hex characters, like the spec's example token.
    const token = randomBytes(32).toString('hex');
    const doneAt = asOf.getTime() + processingMs;
    const state: QueryState = { token, orgId, query, asOf, doneAt, profile };
    this.queries.set(token, state);
    if (this.queries.size > MAX_QUERIES) {
      const oldest = this.queries.keys().next().value;
      if (oldest !== undefined) this.queries.delete(oldest);
    }
    return state;
  }

  get(token: string): QueryState | undefined {
    return this.queries.get(token);
  }
}
