import type pg from 'pg';
import type { ResultRecord, ResultRepository } from './job-types';

interface ResultRow {
  id: string;
  org_id: string;
  query_key: string;
  payload: string;
  fetched_at: string;
  expires_at: string;
}

function toRecord(row: ResultRow): ResultRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    queryKey: row.query_key,
    payload: row.payload,
    fetchedAt: Number(row.fetched_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Payloads are TEXT, not JSONB: they are written and read whole, never queried inside. */
export function createPostgresResultRepository(pool: pg.Pool): ResultRepository {
  return {
    async insert(r) {
      await pool.query(
        `INSERT INTO cost_query_results (id, org_id, query_key, payload, fetched_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [r.id, r.orgId, r.queryKey, r.payload, r.fetchedAt, r.expiresAt],
      );
    },
    async findFresh(orgId, queryKey, now) {
      const { rows } = await pool.query<{ id: string; fetched_at: string }>(
        `SELECT id, fetched_at FROM cost_query_results
         WHERE org_id = $1 AND query_key = $2 AND expires_at > $3
         ORDER BY fetched_at DESC LIMIT 1`,
        [orgId, queryKey, now],
      );
      const row = rows[0];
      return row ? { id: row.id, fetchedAt: Number(row.fetched_at) } : undefined;
    },
    async get(id) {
      const { rows } = await pool.query<ResultRow>(
        `SELECT id, org_id, query_key, payload, fetched_at, expires_at
         FROM cost_query_results WHERE id = $1`,
        [id],
      );
      return rows[0] ? toRecord(rows[0]) : undefined;
    },
    async deleteExpiredUnreferenced(now) {
      const { rowCount } = await pool.query(
        `DELETE FROM cost_query_results WHERE expires_at < $1 AND NOT EXISTS
           (SELECT 1 FROM cost_query_jobs j WHERE j.result_id = cost_query_results.id)`,
        [now],
      );
      return rowCount ?? 0;
    },
  };
}
