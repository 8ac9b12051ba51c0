import { AtlasInputError, AtlasProtocolError } from './errors';
import type { RawResponse } from './http';
import { parseJsonBody, parseShape, toApiError } from './responses';
import {
  costExplorerFilterSchema,
  envelopeSchema,
  usageDetailSchema,
  usageResultSchema,
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
 * 102 in `status`. A bare result is recognised by not looking like an envelope.
 */
export function unwrapEnvelope(
  operation: string,
  res: RawResponse,
  body: unknown,
  now: number,
): { kind: 'processing' } | { kind: 'content'; content: unknown } {
  if (!isRecord(body) || 'usageDetails' in body || 'token' in body) {
    return { kind: 'content', content: body };
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { kind: 'content', content: body };
  const { status, content } = envelope.data;
  if (status === 102) return { kind: 'processing' };
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

/** Lenient row: unknown keys and services kept, cluster id normalised, unusable rows dropped. */
export function toUsageDetail(row: unknown): AtlasUsageDetail | undefined {
  if (!isRecord(row)) return undefined;
  const usageAmount = toAmount(row.usageAmount);
  if (usageAmount === undefined) return undefined;
  const clusterId =
    typeof row.clusterId === 'string'
      ? row.clusterId
      : typeof row.clusterUniqueId === 'string'
        ? row.clusterUniqueId
        : undefined;
  const parsed = usageDetailSchema.safeParse({ ...row, usageAmount, clusterId });
  if (!parsed.success) return undefined;
  if (parsed.data.clusterId === undefined) delete parsed.data.clusterId;
  return parsed.data;
}

export function readUsageResult(
  operation: string,
  res: RawResponse,
  now: number,
  logger?: AtlasLogger,
): AtlasUsageResult {
  const unwrapped = unwrapEnvelope(operation, res, parseJsonBody(operation, res), now);
  if (unwrapped.kind === 'processing') return { status: 'processing' };
  const result = parseShape(operation, usageResultSchema, unwrapped.content, res.status);
  const usageDetails: AtlasUsageDetail[] = [];
  let droppedRows = 0;
  for (const row of result.usageDetails ?? []) {
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
