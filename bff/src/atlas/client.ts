import type { z } from 'zod';
import { AtlasInputError, AtlasProtocolError, scrubSecrets } from './errors';
import { listAllPages } from './pagination';
import { parseJsonBody, parseShape } from './responses';
import {
  OBJECT_ID,
  QUERY_TOKEN,
  clusterSchema,
  createUsageResponseSchema,
  orgSchema,
  projectSchema,
} from './schemas';
import { createTransport } from './transport';
import type { AtlasClient, AtlasClientOptions } from './types';
import { readUsageResult, toFilterBody, unwrapEnvelope } from './usage';

const API = '/api/atlas/v2';

/*
 * Ids and tokens are checked before any URL is built, so a bad value can neither reach
 * another path nor cost an Atlas call. The values themselves stay out of messages.
 */
function objectId(field: string, value: string): string {
  if (!OBJECT_ID.test(value)) {
    throw new AtlasInputError(field, `${field} must be a 24-character lowercase hexadecimal id`);
  }
  return encodeURIComponent(value);
}

const envelopeQuery = (opts: { envelope?: boolean } | undefined) =>
  opts?.envelope ? { envelope: 'true' } : undefined;

function queryToken(value: string): string {
  if (!QUERY_TOKEN.test(value)) {
    throw new AtlasInputError('token', 'token must be 64 visible ASCII characters');
  }
  return encodeURIComponent(value);
}

/** The only way the BFF talks to Atlas: Cost Explorer create/poll and the picker lists. */
export function createAtlasClient(options: AtlasClientOptions): AtlasClient {
  const baseUrl = new URL(options.baseUrl);
  if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') {
    throw new AtlasInputError('baseUrl', 'baseUrl must be an http(s) URL');
  }
  const transport = createTransport(options);
  const now = options.now ?? Date.now;
  /** Every item of a paged GET list; errors name the call as "GET <path>". */
  const listEvery = <S extends z.ZodType>(
    path: string,
    item: S,
    signal: AbortSignal | undefined,
    query: Record<string, string> = {},
  ) => listAllPages(transport, { path, operation: `GET ${path}`, query, signal }, item);

  return {
    async createUsageQuery(orgId, filter, opts) {
      const path = `${API}/orgs/${objectId('orgId', orgId)}/billing/costExplorer/usage`;
      const operation = `POST ${path}`;
      const body = toFilterBody(filter);
      const res = await transport.call({
        method: 'POST',
        path,
        query: envelopeQuery(opts),
        body,
        operation,
        signal: opts?.signal,
      });
      if (res.kind !== 'response') throw new AtlasProtocolError(operation, 'interim answer only');
      try {
        const unwrapped = unwrapEnvelope(operation, res, parseJsonBody(operation, res), now());
        if (unwrapped.kind !== 'content') throw new AtlasProtocolError(operation, 'no token');
        const { token } = parseShape(
          operation,
          createUsageResponseSchema,
          unwrapped.content,
          res.status,
        );
        return { token };
      } catch (err) {
        throw transport.scrub(err);
      }
    },

    async getUsageQuery(orgId, token, opts) {
      const base = `${API}/orgs/${objectId('orgId', orgId)}/billing/costExplorer/usage`;
      const path = `${base}/${queryToken(token)}`;
      // The query token grants access to billing data: it never appears in logs or messages.
      const operation = `GET ${base}/{token}`;
      try {
        const res = await transport.call({
          method: 'GET',
          path,
          query: envelopeQuery(opts),
          operation,
          processingGraceMs: options.processingGraceMs,
          signal: opts?.signal,
        });
        if (res.kind === 'processing') return { status: 'processing' };
        return readUsageResult(operation, res, now(), options.logger);
      } catch (err) {
        // Atlas's 404 detail echoes the token; callers may show that detail to a browser.
        throw scrubSecrets(transport.scrub(err), [token]);
      }
    },

    async listOrgs(opts) {
      return listEvery(`${API}/orgs`, orgSchema, opts?.signal);
    },

    async listProjects(orgId, opts) {
      return listEvery(
        `${API}/orgs/${objectId('orgId', orgId)}/groups`,
        projectSchema,
        opts?.signal,
      );
    },

    async listClusters(projectId, opts) {
      const query: Record<string, string> = opts?.includeDeleted
        ? { includeDeletedWithRetainedBackups: 'true' }
        : {};
      return listEvery(
        `${API}/groups/${objectId('projectId', projectId)}/clusters`,
        clusterSchema,
        opts?.signal,
        query,
      );
    },
  };
}
