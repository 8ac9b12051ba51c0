import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { sqliteFragments } from './dialect';
import { Kysely, SqliteDialect } from './kysely';
import { SCHEMA_MIGRATIONS_TABLE, SQLITE_MIGRATIONS, type Migration } from './migrations';
import { createRepositories } from './repositories';
import type { StoreSchema } from './schema';
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
  // Presets, jobs and cached bills are readable by the service's user only: a folder this
  // creates is 0700, and the database file (with its WAL and shared-memory files) 0600.
  const created = mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (created) chmodSync(options.dataDir, 0o700); // the mode above is masked by the umask
  const file = path.join(options.dataDir, SQLITE_FILE_NAME);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
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

  const kysely = new Kysely<StoreSchema>({
    dialect: new SqliteDialect({ database: reusingStatements(db) }),
  });
  let open = true;
  return {
    ...createRepositories(kysely, sqliteFragments),
    isOpen: () => open && db.open,
    settings: () => ({
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS_NAMES[Number(db.pragma('synchronous', { simple: true }))] ?? '?',
      foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
      busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
    }),
    async close() {
      if (!open) return;
      open = false;
      await kysely.destroy();
      // destroy() closes only a database Kysely has used.
      if (db.open) db.close();
    },
  };
}

/**
 * better-sqlite3 compiles SQL in `prepare()`, and Kysely's driver prepares on every call; the
 * repositories produce a few dozen distinct texts, so each text's statement is compiled once
 * and reused (the old hand-written store prepared its statements once, up front). Bounded, in
 * case a caller ever builds unbounded variants. Safe because better-sqlite3 runs one statement
 * at a time to completion (Kysely never streams here).
 */
function reusingStatements(db: Database.Database, max = 256): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(text) {
      let statement = statements.get(text);
      if (!statement) {
        statement = db.prepare(text);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
    close: () => {
      if (db.open) db.close();
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
