import type { SimContext } from '../context';
import { toCsv } from './csv';
import { fail, notFound } from '../errors';
import { ATLAS_CSV, sendJson, sendText, type Exchange } from '../http-io';
import { requireOrg } from '../dataset/lookups';
import { simulatorProfile } from '../profiles';
import { answerProcessing } from './processing';
import type { QueryState } from './query-store';
import { runUsageQuery } from './usage-query';
import { validateCreateBody } from './validation';

/** The bucket is per organization for the Invoices endpoint set; create and poll share it. */
const endpointSet = (orgId: string) => `api/atlas/v2/orgs/${orgId}/billing/costExplorer/usage`;

/** Headers already set on the response travel with whatever answer follows, errors included. */
function spendRateLimit(x: Exchange, ctx: SimContext, orgId: string): Record<string, string> {
  const headers = ctx.rateLimiter.take(orgId, endpointSet(orgId));
  for (const [name, value] of Object.entries(headers)) x.res.setHeader(name, value);
  return headers;
}

const JSON_BODY_TYPES = ['application/json', 'application/vnd.atlas.2023-01-01+json'];

/** POST …/billing/costExplorer/usage → 202 {token}. */
export function createUsage(x: Exchange, ctx: SimContext): void {
  const org = requireOrg(ctx.model, x.params.orgId);
  spendRateLimit(x, ctx, org.pub.id);
  const contentType = x.req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!JSON_BODY_TYPES.includes(contentType)) {
    // [UNVERIFIED] code; the docs only say JSON bodies need a JSON Content-Type.
    throw fail(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Unsupported Content-Type ${contentType || '(none)'}.`,
    );
  }
  const now = ctx.now();
  const profile = simulatorProfile(ctx.settings.profile);
  const query = validateCreateBody(x.body, now, profile.window, ctx.settings.retentionMonths);
  const state = ctx.queries.create(org.pub.id, query, now, ctx.settings.processingMs, profile);
  sendJson(x, 202, { token: state.token });
}

/** GET …/usage/{token} → processing (see processing.ts) or 200 with the result. */
export function getUsage(x: Exchange, ctx: SimContext, format: 'json' | 'csv'): void {
  const org = requireOrg(ctx.model, x.params.orgId);
  const rateHeaders = spendRateLimit(x, ctx, org.pub.id);
  const token = x.params.token ?? '';
  const state = ctx.queries.get(token);
  // Another organization's token is as unknown as a made-up one.
  if (!state || state.orgId !== org.pub.id) {
    throw notFound(`Cannot find resource Cost Explorer query ${token}.`, 'RESOURCE_NOT_FOUND', [
      token,
    ]);
  }
  const answerDone = () => sendResult(x, ctx, state, format);
  if (ctx.nowMs() < state.doneAt) answerProcessing(x, ctx, state, rateHeaders, answerDone);
  else answerDone();
}

function sendResult(x: Exchange, ctx: SimContext, state: QueryState, format: 'json' | 'csv'): void {
  state.rows ??= runUsageQuery(ctx.model, state.orgId, state.query, state.asOf, state.profile);
  if (format === 'csv') sendText(x, 200, toCsv(state.rows), ATLAS_CSV);
  else sendJson(x, 200, { usageDetails: state.rows });
}
