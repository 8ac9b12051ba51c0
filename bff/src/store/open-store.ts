import type { Logger } from '../logger';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export interface StoreConfig {
  /** `postgres://…` selects PostgreSQL; absent means the embedded SQLite file. */
  databaseUrl: string | undefined;
  dataDir: string;
}

/** Opens the configured store and brings its schema up to date before the server listens. */
export async function openStore(config: StoreConfig, logger: Logger): Promise<Store> {
  if (config.databaseUrl) {
    const store = await openPostgresStore({
      connectionString: config.databaseUrl,
      onPoolError: (err) => logger.error({ err: err.message }, 'PostgreSQL connection lost'),
    });
    // The URL may carry a password: log where, never how.
    logger.info({ store: 'postgres', at: describeUrl(config.databaseUrl) }, 'Store open');
    return store;
  }
  const store = openSqliteStore({ dataDir: config.dataDir });
  logger.info({ store: 'sqlite', dataDir: config.dataDir, ...store.settings() }, 'Store open');
  return store;
}

function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}
