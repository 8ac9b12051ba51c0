import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_MIGRATIONS_TABLE, SQLITE_MIGRATIONS, type Migration } from './migrations';
import { createSqliteJobRepository } from './sqlite-jobs';
import { createSqlitePresetRepository } from './sqlite-presets';
import { createSqliteResultRepository } from './sqlite-results';
import type { Store } from './types';

export const SQLITE_FILE_NAME = 'atlas-cost-explorer.sqlite';

export interface SqliteStore extends Store {
  /** The durability settings actually in force on the connection (logged at start, tested). */
  settings(): {
    journalMode: string;
    synchronous: string;
    foreignKeys: boolean;
    busyTimeoutMs: number;
  };
}

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/**
 * The embedded default: one file under DATA_DIR. WAL lets readers and the writer overlap;
 * synchronous=FULL makes every commit survive a power loss, not just a process crash (the WAL
 * default, NORMAL, may roll back the last commits), and preset writes are rare enough to pay it.
 * WAL needs every process on the same host and a local filesystem: more than one BFF replica
 * means PostgreSQL.
 */
export function openSqliteStore(options: { dataDir: string; busyTimeoutMs?: number }): SqliteStore {
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, SQLITE_FILE_NAME);
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrateSqlite(db, SQLITE_MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }

  let open = true;
  return {
    dialect: 'sqlite',
    presets: createSqlitePresetRepository(db),
    jobs: createSqliteJobRepository(db),
    results: createSqliteResultRepository(db),
    isOpen: () => open && db.open,
    settings: () => ({
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS_NAMES[Number(db.pragma('synchronous', { simple: true }))] ?? '?',
      foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
      busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
    }),
    close() {
      if (open) {
        open = false;
        db.close();
      }
      return Promise.resolve();
    },
  };
}

/** Applies the missing migrations in one IMMEDIATE transaction, so two processes cannot race. */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[]): number[] {
  const apply = db.transaction(() => {
    db.exec(SCHEMA_MIGRATIONS_TABLE);
    const done = new Set(
      db
        .prepare('SELECT id FROM schema_migrations')
        .pluck()
        .all()
        .map((id) => Number(id)),
    );
    const applied: number[] = [];
    const record = db.prepare(
      'INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      db.exec(migration.sql);
      record.run(migration.id, migration.name, new Date().toISOString());
      applied.push(migration.id);
    }
    return applied;
  });
  return apply.immediate();
}
