import { AtlasInputError, AtlasProtocolError, AtlasUnrecognizedAnswerError } from './errors';
import type { RawResponse } from './http';
import { parseJsonBody, toApiError } from './responses';
import {
  costExplorerFilterSchema,
  envelopeSchema,
  usageDetailSchema,
  type AtlasCostExplorerFilter,
  type AtlasUsageDetail,
} from './schemas';
import type { AtlasLogger, AtlasUsageResult } from './types';

/**
 * The POST body: only the 8 documented keys, without empty lists or unset values, because
 * Atlas rejects unknown fields and a `null` list is not "no filter" everywhere.
 */
export function toFilterBody(filter: AtlasCostExplorerFilter): Record<string, unknown> {
  const parsed = costExplorerFilterSchema.safeParse(filter);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new AtlasInputError('filter', `Cost Explorer filter is invalid at ${fields}`);
  }
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    body[key] = value;
  }
  return body;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `envelope=true` answers `{status, content}` with HTTP 200; for a running query Atlas may put
 * 102 (or, on a poll, 202) in `status`. A bare result is recognised by not looking like an envelope.
 */
export function unwrapEnvelope(
  operation: string,
  res: RawResponse,
  body: unknown,
  now: number,
  /** On a poll, an enveloped 202 means "not yet"; on the create it carries the token. */
  acceptedMeansProcessing = false,
): { kind: 'processing' } | { kind: 'content'; content: unknown } {
  if (!isRecord(body) || 'usageDetails' in body || 'token' in body) {
    return { kind: 'content', content: body };
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { kind: 'content', content: body };
  const { status, content } = envelope.data;
  if (status === 102 || (status === 202 && acceptedMeansProcessing)) return { kind: 'processing' };
  if (status >= 200 && status < 300) return { kind: 'content', content };
  const inner = { ...res, status, body: JSON.stringify(content ?? null) };
  if (status >= 400 && status < 600) throw toApiError(operation, inner, now);
  throw new AtlasProtocolError(operation, `enveloped status ${status}`, status);
}

/** Numbers, or numeric strings some exports produce; anything else is unusable. */
function toAmount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** The first of `keys` whose value is a string. */
function firstText(row: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = row[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * The spellings each dimension may arrive in. The spec types the result as a bare object; the
 * one published real row has no project or cluster keys; the spec's CSV says "Project Id" and
 * "Cluster Unique Id"; Atlas's invoice JSON says `groupId`/`groupName` for projects. The first
 * spelling is ours; the others are read into it (docs/atlas-wire.md).
 */
export const DIMENSION_SPELLINGS = {
  projectId: ['projectId', 'groupId'],
  projectName: ['projectName', 'groupName'],
  clusterId: ['clusterId', 'clusterUniqueId'],
  clusterName: ['clusterName'],
} as const;

/** Lenient row: unknown keys and services kept, dimension keys normalised, unusable rows dropped. */
export function toUsageDetail(row: unknown): AtlasUsageDetail | undefined {
  if (!isRecord(row)) return undefined;
  const usageAmount = toAmount(row.usageAmount);
  if (usageAmount === undefined) return undefined;
  const normalised: Record<string, unknown> = { ...row, usageAmount };
  for (const [key, spellings] of Object.entries(DIMENSION_SPELLINGS)) {
    const value = firstText(row, spellings);
    if (value === undefined) delete normalised[key];
    else normalised[key] = value;
  }
  const parsed = usageDetailSchema.safeParse(normalised);
  return parsed.success ? parsed.data : undefined;
}

/** Status words a still-running query might carry in a 2xx body (case ignored). */
const PROCESSING_WORDS = new Set(['PROCESSING', 'IN_PROGRESS', 'PENDING', 'RUNNING', 'QUEUED']);

const typeOf = (value: unknown) =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

/** A key that is data rather than a name (an id, a number, an address) is shown by its kind. */
function keyName(key: string): string {
  if (/^[a-f0-9]{24}$/i.test(key)) return '<id>';
  if (/^-?\d+(\.\d+)?$/.test(key)) return '<number>';
  if (key.includes('@')) return '<address>';
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/.test(key)) return '<other key>';
  return key;
}

/** At most this many keys are named; a body with more is summarised. */
const MAX_KEYS = 20;

/**
 * `key: type` for each top-level key of a body: what an unrecognised answer is described by.
 * Never a value; keys that look like data are replaced by their kind.
 */
export function topLevelShape(body: unknown): string[] {
  if (!isRecord(body)) return [`(${typeOf(body)})`];
  const keys = Object.keys(body).sort();
  const named = keys.slice(0, MAX_KEYS).map((key) => `${keyName(key)}: ${typeOf(body[key])}`);
  const unique = [...new Set(named)];
  return keys.length > MAX_KEYS ? [...unique, `… ${keys.length - MAX_KEYS} more`] : unique;
}

/**
 * What a 2xx usage answer means, tolerating what the spec leaves open:
 * - `usageDetails` (an array, possibly empty, or null) or an empty object `{}`: done (no rows is a
 *   legitimate answer, and the page says Atlas returned none; it is never a guess);
 * - a `status` word like PROCESSING/IN_PROGRESS/PENDING (without rows): still processing;
 * - anything else: an error naming the keys it saw, so nothing is shown as $0 by mistake.
 */
function classify(
  operation: string,
  status: number,
  content: unknown,
): { kind: 'processing' } | { kind: 'rows'; rows: unknown[] } {
  if (isRecord(content)) {
    const details = content.usageDetails;
    if (Array.isArray(details)) return { kind: 'rows', rows: details };
    const word = typeof content.status === 'string' ? content.status.trim().toUpperCase() : '';
    if (details === undefined || details === null) {
      if (PROCESSING_WORDS.has(word)) return { kind: 'processing' };
      // `{}`, or `usageDetails: null` (how some serializers write an empty list).
      if (details === null || Object.keys(content).length === 0) return { kind: 'rows', rows: [] };
    }
  }
  throw new AtlasUnrecognizedAnswerError(operation, topLevelShape(content), status);
}

export function readUsageResult(
  operation: string,
  res: RawResponse,
  now: number,
  logger?: AtlasLogger,
): AtlasUsageResult {
  // 202 Accepted on a poll says "not yet", whatever its body holds.
  if (res.status === 202) return { status: 'processing' };
  const unwrapped = unwrapEnvelope(operation, res, parseJsonBody(operation, res), now, true);
  if (unwrapped.kind === 'processing') return { status: 'processing' };
  const answer = classify(operation, res.status, unwrapped.content);
  if (answer.kind === 'processing') return { status: 'processing' };
  const usageDetails: AtlasUsageDetail[] = [];
  let droppedRows = 0;
  for (const row of answer.rows) {
    const detail = toUsageDetail(row);
    if (detail) usageDetails.push(detail);
    else droppedRows += 1;
  }
  if (droppedRows > 0) {
    logger?.warn(
      { operation, droppedRows, keptRows: usageDetails.length },
      'dropped Cost Explorer rows without a usable usageAmount or usageDate',
    );
  }
  return { status: 'done', usageDetails, droppedRows };
}
