import type Database from 'better-sqlite3';
import type { ResultRecord, ResultRepository } from './job-types';

interface ResultRow {
  id: string;
  org_id: string;
  query_key: string;
  payload: string;
  fetched_at: number;
  expires_at: number;
}

const promised = <T>(fn: () => T) => new Promise<T>((resolve) => resolve(fn()));

function toRecord(row: ResultRow): ResultRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    queryKey: row.query_key,
    payload: row.payload,
    fetchedAt: row.fetched_at,
    expiresAt: row.expires_at,
  };
}

export function createSqliteResultRepository(db: Database.Database): ResultRepository {
  const insert = db.prepare<[string, string, string, string, number, number]>(
    `INSERT INTO cost_query_results (id, org_id, query_key, payload, fetched_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const findFresh = db.prepare<[string, string, number], { id: string; fetched_at: number }>(
    `SELECT id, fetched_at FROM cost_query_results
     WHERE org_id = ? AND query_key = ? AND expires_at > ?
     ORDER BY fetched_at DESC LIMIT 1`,
  );
  const get = db.prepare<[string], ResultRow>(
    'SELECT id, org_id, query_key, payload, fetched_at, expires_at FROM cost_query_results WHERE id = ?',
  );
  const deleteExpired = db.prepare<[number]>(
    `DELETE FROM cost_query_results WHERE expires_at < ? AND NOT EXISTS
       (SELECT 1 FROM cost_query_jobs j WHERE j.result_id = cost_query_results.id)`,
  );
  return {
    insert: (r) =>
      promised(() => {
        insert.run(r.id, r.orgId, r.queryKey, r.payload, r.fetchedAt, r.expiresAt);
      }),
    findFresh: (orgId, queryKey, now) =>
      promised(() => {
        const row = findFresh.get(orgId, queryKey, now);
        return row ? { id: row.id, fetchedAt: row.fetched_at } : undefined;
      }),
    get: (id) =>
      promised(() => {
        const row = get.get(id);
        return row ? toRecord(row) : undefined;
      }),
    deleteExpiredUnreferenced: (now) => promised(() => deleteExpired.run(now).changes),
  };
}
