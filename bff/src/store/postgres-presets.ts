import type pg from 'pg';
import type { PresetRecord, PresetRepository, WriteConflict } from './types';

interface PresetRow {
  id: string;
  owner: string;
  schema_version: number;
  params: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, owner, schema_version, params, version, created_at, updated_at';

function toRecord(row: PresetRow): PresetRecord {
  return {
    id: row.id,
    owner: row.owner,
    schemaVersion: row.schema_version,
    params: row.params,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Every method is one statement, so every write is its own transaction (autocommit). */
export function createPostgresPresetRepository(pool: pg.Pool): PresetRepository {
  const one = async (sql: string, values: unknown[]) =>
    (await pool.query<PresetRow>(sql, values)).rows[0];

  /** Only after a compare-and-set failed: tells "gone (or not yours)" from "changed meanwhile". */
  const conflict = async (id: string, owner: string): Promise<WriteConflict> => {
    const row = await one(`SELECT ${COLUMNS} FROM presets WHERE id = $1`, [id]);
    return row && row.owner === owner
      ? { kind: 'stale', currentVersion: row.version }
      : { kind: 'not-found' };
  };

  return {
    async list(owner) {
      const { rows } = await pool.query<PresetRow>(
        `SELECT ${COLUMNS} FROM presets WHERE owner = $1 ORDER BY updated_at DESC, id`,
        [owner],
      );
      return rows.map(toRecord);
    },
    async get(id) {
      const row = await one(`SELECT ${COLUMNS} FROM presets WHERE id = $1`, [id]);
      return row ? toRecord(row) : undefined;
    },
    async insert(record) {
      const row = await one(
        `INSERT INTO presets (id, owner, schema_version, params, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING ${COLUMNS}`,
        [
          record.id,
          record.owner,
          record.schemaVersion,
          JSON.stringify(record.params),
          record.createdAt,
        ],
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toRecord(row);
    },
    async update(id, owner, expectedVersion, change) {
      // The compare-and-set: the version check and the write are the same statement.
      const row = await one(
        `UPDATE presets SET schema_version = $1, params = $2, updated_at = $3, version = version + 1
         WHERE id = $4 AND owner = $5 AND version = $6 RETURNING ${COLUMNS}`,
        [
          change.schemaVersion,
          JSON.stringify(change.params),
          change.updatedAt,
          id,
          owner,
          expectedVersion,
        ],
      );
      return row ? toRecord(row) : conflict(id, owner);
    },
    async delete(id, owner, expectedVersion) {
      const { rowCount } = await pool.query(
        'DELETE FROM presets WHERE id = $1 AND owner = $2 AND version = $3',
        [id, owner, expectedVersion],
      );
      return rowCount === 1 ? true : conflict(id, owner);
    },
  };
}
