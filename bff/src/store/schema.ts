import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them, written once for both dialects (the migrations are the truth).
 * The values are what the repositories read back: epoch milliseconds as numbers, JSON and
 * preset times as text, because `dialect.ts` tells PostgreSQL's driver to return BIGINT,
 * JSONB and TIMESTAMPTZ in the shapes SQLite already uses.
 */
export interface StoreSchema {
  presets: PresetsTable;
  cost_query_jobs: JobsTable;
  cost_query_results: ResultsTable;
  cost_query_watchers: WatchersTable;
  cost_query_slices: SlicesTable;
  atlas_budgets: BudgetsTable;
  preset_opens: PresetOpensTable;
  warm_runs: WarmRunsTable;
  text_pieces: TextPiecesTable;
}

/** One piece of a long text (migration 8; see text-pieces.ts). */
export interface TextPiecesTable {
  text_id: string;
  /** 0, 1, …: the pieces joined in this order are the text. */
  seq: number;
  piece: string;
}

/** Who opened which preset, last (migration 6; see warming.ts). */
export interface PresetOpensTable {
  preset_id: string;
  viewer_id: string;
  /** JSON text (SQLite TEXT, PostgreSQL JSONB): the viewer's groups when they opened it. */
  viewer_groups: string;
  opened_at: number;
}

export interface WarmRunsTable {
  run_key: string;
  claimed_by: string;
  claimed_at: number;
}

/** One organization's share of Atlas's bucket (migration 5; see budgets.ts). */
export interface BudgetsTable {
  org_id: string;
  /** When the bucket is full again if nobody spends: epoch ms. */
  full_at: number;
  /** No call before this (after an Atlas 429): epoch ms, 0 when not paused. */
  paused_until: number;
}

export interface WatchersTable {
  job_id: string;
  /** `user:<e-mail>` or `ip:<address>`: whose watch this is. */
  watcher: string;
}

export interface PresetsTable {
  id: string;
  owner: string;
  schema_version: number;
  /** JSON text (SQLite TEXT, PostgreSQL JSONB). */
  params: string;
  version: number;
  /** ISO 8601 (SQLite TEXT, PostgreSQL TIMESTAMPTZ). */
  created_at: string;
  updated_at: string;
}

export interface JobsTable {
  id: string;
  org_id: string;
  query_key: string;
  /** JSON text (SQLite TEXT, PostgreSQL JSONB). */
  query: string;
  phase: 'queued' | 'polling' | 'done' | 'failed' | 'cancelled';
  atlas_token: string | null;
  watchers: Generated<number>;
  created_at: number;
  deadline_at: number;
  next_attempt_at: number;
  poll_delay_ms: number;
  failures: Generated<number>;
  rate_limited: Generated<number>;
  waiting_until: number | null;
  capacity_remaining: number | null;
  capacity_limit: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  /** JSON text or NULL (SQLite TEXT, PostgreSQL JSONB). */
  error: string | null;
  result_id: string | null;
  data_fetched_at: number | null;
  /** SQLite reads 0/1, PostgreSQL true/false: decode with `dialect.ts`'s `flag`. */
  from_cache: Generated<boolean | number>;
  finished_at: number | null;
  /** The part of the job's plan being asked of Atlas now (0 for a one-part job). */
  part: Generated<number>;
}

export interface ResultsTable {
  id: string;
  org_id: string;
  query_key: string;
  /** The browser-ready result, TEXT in both dialects: written and read whole, never queried. */
  payload: string;
  /** The usage rows in columns (migration 7); NULL when `payload` still holds them. */
  detail: string | null;
  /** The detail in pieces (migration 8): their text id and how many there are; else NULL. */
  detail_text: string | null;
  detail_pieces: number | null;
  fetched_at: number;
  expires_at: number;
}

export interface SlicesTable {
  /** Everything the Atlas body asks but its dates, hashed (see month-slices.ts). */
  slice_key: string;
  /** `YYYY-MM-01`. */
  month: string;
  org_id: string;
  /** The sorted organization ids the slice's question covers, comma-separated. */
  organizations: string;
  /** The month's browser-ready rows as a JSON array, TEXT in both dialects ('' when in pieces). */
  payload: string;
  /** The payload in pieces (migration 8): their text id and how many there are; else NULL. */
  payload_text: string | null;
  payload_pieces: number | null;
  fetched_at: number;
  expires_at: number;
}
