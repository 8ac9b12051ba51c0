import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';

/**
 * Kysely's runtime values, loaded from its CommonJS build. Its ES build is ~280 modules, and the
 * BFF runs under tsx, whose loader hooks see every one of them: importing it measured ~650 ms
 * at start (the BFF took ~0.45 s longer to listen), the CommonJS build ~170 ms. Types still come
 * from `import type … from 'kysely'`; values come from here, so there is one copy at run time.
 */
const kysely = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

export const { Kysely, PostgresDialect, SqliteDialect, sql } = kysely;
