import type Database from 'better-sqlite3';
import type { PresetRecord, PresetRepository, WriteConflict } from './types';

interface PresetRow {
  id: string;
  owner: string;
  schema_version: number;
  params: string;
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, owner, schema_version, params, version, created_at, updated_at';

function toRecord(row: PresetRow): PresetRecord {
  return {
    id: row.id,
    owner: row.owner,
    schemaVersion: row.schema_version,
    params: JSON.parse(row.params) as unknown,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Runs a synchronous driver call behind the async interface; a throw becomes a rejection. */
const promised = <T>(fn: () => T) => new Promise<T>((resolve) => resolve(fn()));

/** better-sqlite3 is synchronous; each call is one statement, so each write is one transaction. */
export function createSqlitePresetRepository(db: Database.Database): PresetRepository {
  const list = db.prepare<[string], PresetRow>(
    `SELECT ${COLUMNS} FROM presets WHERE owner = ? ORDER BY updated_at DESC, id`,
  );
  const get = db.prepare<[string], PresetRow>(`SELECT ${COLUMNS} FROM presets WHERE id = ?`);
  const insert = db.prepare<[string, string, number, string, string, string], PresetRow>(
    `INSERT INTO presets (id, owner, schema_version, params, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING ${COLUMNS}`,
  );
  // The compare-and-set: the version check and the write are the same statement.
  const update = db.prepare<[number, string, string, string, string, number], PresetRow>(
    `UPDATE presets SET schema_version = ?, params = ?, updated_at = ?, version = version + 1
     WHERE id = ? AND owner = ? AND version = ? RETURNING ${COLUMNS}`,
  );
  const remove = db.prepare<[string, string, number]>(
    'DELETE FROM presets WHERE id = ? AND owner = ? AND version = ?',
  );

  /** Only after a compare-and-set failed: tells "gone (or not yours)" from "changed meanwhile". */
  const conflict = (id: string, owner: string): WriteConflict => {
    const row = get.get(id);
    return row && row.owner === owner
      ? { kind: 'stale', currentVersion: row.version }
      : { kind: 'not-found' };
  };

  return {
    list: (owner) => promised(() => list.all(owner).map(toRecord)),
    get: (id) =>
      promised(() => {
        const row = get.get(id);
        return row ? toRecord(row) : undefined;
      }),
    insert: (record) =>
      promised(() => {
        const row = insert.get(
          record.id,
          record.owner,
          record.schemaVersion,
          JSON.stringify(record.params),
          record.createdAt,
          record.createdAt,
        );
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        return toRecord(row);
      }),
    update: (id, owner, expectedVersion, change) =>
      promised(() => {
        const row = update.get(
          change.schemaVersion,
          JSON.stringify(change.params),
          change.updatedAt,
          id,
          owner,
          expectedVersion,
        );
        return row ? toRecord(row) : conflict(id, owner);
      }),
    delete: (id, owner, expectedVersion) =>
      promised(() => {
        const { changes } = remove.run(id, owner, expectedVersion);
        return changes === 1 ? true : conflict(id, owner);
      }),
  };
}
