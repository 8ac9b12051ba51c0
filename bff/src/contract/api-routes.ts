import { z } from 'zod';
import { costQueryCreatedSchema, costQueryStateSchema } from './cost-query-status';
import { dashboardQuerySchema } from './dashboard-query';
import { keptHistorySchema } from './history';
import { costQueryIdSchema, objectIdSchema } from './ids';
import { metaSchema } from './meta';
import {
  clusterListQuerySchema,
  clusterListSchema,
  orgListSchema,
  orgPathSchema,
  projectListSchema,
  serviceListSchema,
} from './pickers';
import {
  presetInputSchema,
  presetListQuerySchema,
  presetListSchema,
  presetPathSchema,
  presetResponseSchema,
} from './presets';
import { usageRowsSchema } from './usage-summary';

// The route table: every /api route, declared once. The BFF's router is built from it
// (bff/src/routes/route-table.ts), the web client calls through it (web/src/lib/api-client.ts),
// the every-route tests iterate it and GET /api/openapi.json is generated from it.

/** Every route is mounted under this prefix; paths below are relative to it. */
export const API_PREFIX = '/api';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Who may call a route; the router enforces it before the handler runs and the every-route
 * tests probe each kind (bff/test/access/every-route.test.ts).
 * - `viewer`: anyone the BFF identifies; the answer holds only what that viewer may see.
 * - `org`: the path's `:orgId` must be an organization the viewer may see (403 otherwise).
 * - `preset-link`: anyone holding the link's id; parts naming what the viewer may not see are withheld.
 * - `preset-owner`: only the preset's owner changes it: 403 for someone who may open it, 404 for
 *   anyone who may not (as for an unknown id).
 */
export const ROUTE_ACCESS = ['viewer', 'org', 'preset-link', 'preset-owner'] as const;
export type RouteAccess = (typeof ROUTE_ACCESS)[number];

/**
 * The cross-site request rule. There is one: the `X-CSRF: 1` header on every request (a
 * cross-site form or image cannot send it without a preflight the BFF never grants), and no
 * unsafe method from a page marked `Sec-Fetch-Site: cross-site`.
 */
export const ROUTE_CSRF = ['x-csrf-header'] as const;
export type RouteCsrf = (typeof ROUTE_CSRF)[number];

export type AnswerStatus = 200 | 201 | 202 | 204;

/** Statuses a route answers with `application/problem+json`, each with when it happens. */
export type RouteErrors = Readonly<Partial<Record<number, string>>>;

export interface ApiRouteSpec {
  method: ApiMethod;
  /** Relative to `API_PREFIX`, with Express-style `:name` parameters. */
  path: `/${string}`;
  /** One line for the OpenAPI document and the docs. */
  summary: string;
  tag: 'meta' | 'pickers' | 'cost-queries' | 'presets';
  /** The path parameters, one key for each `:name`. */
  params?: z.ZodObject;
  /** The query string (each value a string, as it arrives). */
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Writes must name the version they change: `If-Match` with the ETag (428 without, 412 on a stale one). */
  ifMatch?: true;
  answer: {
    status: AnswerStatus;
    /** Absent for 204. */
    schema?: z.ZodType;
    /** Response headers the client may read, with what they carry. */
    headers?: Readonly<Record<string, string>>;
  };
  errors: RouteErrors;
  access: RouteAccess;
  csrf: RouteCsrf;
}

/** Keeps a route's literal type (schemas and all) so handlers and callers are typed from it. */
export function defineRoute<const R extends ApiRouteSpec>(route: R): R {
  return route;
}

/** What every /api route may answer besides its own errors. */
export const COMMON_ERRORS = {
  401: 'Not signed in (behind a sign-in proxy, the request did not come through it).',
  403: 'Missing X-CSRF header, a cross-site write, or an organization the viewer may not see.',
  421: 'The Host header is not one this deployment answers to.',
  500: 'Something failed in the BFF; the log has the details (never in the answer).',
} as const satisfies RouteErrors;

const INVALID = 'The request does not fit the contract; `errors` names every field.';
const ORG_NOT_FOUND = 'No organization with this id is served here.';
const ATLAS_FAILED = 'Atlas answered with an error.';
const PRESET_NOT_FOUND = 'No preset with this id that the viewer may open.';

/** A picker list of one organization: an Atlas lookup on that organization's budget. */
const ORG_LOOKUP_ERRORS = {
  400: INVALID,
  404: ORG_NOT_FOUND,
  502: ATLAS_FAILED,
  503: 'Atlas is unreachable, or this organization’s lookup budget is spent (Retry-After).',
} as const satisfies RouteErrors;

/** Changing or deleting a preset: only its owner may, and only the version they loaded. */
const OWN_PRESET_WRITE_ERRORS = {
  400: INVALID,
  403: 'The preset is someone else’s (they may open it, not change it).',
  404: PRESET_NOT_FOUND,
  412: 'Someone saved the preset since this version was loaded.',
  428: 'If-Match is missing (or `*`).',
} as const satisfies RouteErrors;

/** `?refresh=true` asks for fresh data from Atlas instead of the result cache. */
export const costQueryCreateOptionsSchema = z.strictObject({
  refresh: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

/**
 * The body of `POST /orgs/:orgId/cost-queries`: the dashboard question, whose `orgId` may be
 * left to the path (it must equal the path's when given).
 */
export const costQueryCreateBodySchema = dashboardQuerySchema.extend({
  orgId: objectIdSchema.optional(),
});

export const costQueryPathSchema = z.strictObject({ orgId: objectIdSchema, id: costQueryIdSchema });

/** The longest a poll may be held (under the BFF's 30 s request timeout and most proxies'). */
export const POLL_WAIT_MAX_S = 25;
const waitError = `must be a whole number of seconds from 0 to ${POLL_WAIT_MAX_S}`;

/**
 * `?wait=<seconds>`: a long poll. While the query is processing the BFF holds the answer until
 * the query changes (finished, failed, waiting for Atlas's budget) or the wait ends; 0 or
 * absent answers at once.
 */
export const costQueryPollOptionsSchema = z.strictObject({
  wait: z
    .string()
    .regex(/^[0-9]{1,2}$/, { error: waitError })
    .transform(Number)
    .pipe(z.number().max(POLL_WAIT_MAX_S, { error: waitError }))
    .optional(),
});

/** The OpenAPI document: a JSON object (its shape is OpenAPI 3.1's own). */
export const openApiDocumentSchema = z.looseObject({ openapi: z.string() });

const etagHeader = { ETag: 'The preset’s version as a strong ETag; send it back as If-Match.' };

export const apiRoutes = {
  // The poll first: it is by far the most frequent request, and Express tries routes in order.
  getCostQuery: defineRoute({
    method: 'GET',
    path: '/orgs/:orgId/cost-queries/:id',
    summary:
      'Polls a query: processing (with Retry-After), done with its summary (cents per group and month), or failed; `wait` holds a processing answer until something changes.',
    tag: 'cost-queries',
    params: costQueryPathSchema,
    query: costQueryPollOptionsSchema,
    answer: {
      status: 200,
      schema: costQueryStateSchema,
      headers: { 'Retry-After': 'While processing: seconds until asking again is useful.' },
    },
    errors: {
      400: INVALID,
      404: 'No such query, or not one this viewer may watch.',
    },
    access: 'org',
    csrf: 'x-csrf-header',
  }),
  getCostQueryRows: defineRoute({
    method: 'GET',
    path: '/orgs/:orgId/cost-queries/:id/rows',
    summary:
      'Every usage row of a finished query, in columns (each distinct value once): for the detail table and exports.',
    tag: 'cost-queries',
    params: costQueryPathSchema,
    answer: { status: 200, schema: usageRowsSchema },
    errors: {
      400: INVALID,
      404: 'No such query, not one this viewer may watch, or not finished yet.',
    },
    access: 'org',
    csrf: 'x-csrf-header',
  }),
  createCostQuery: defineRoute({
    method: 'POST',
    path: '/orgs/:orgId/cost-queries',
    summary: 'Asks a dashboard question: starts (or joins) the Atlas query that answers it.',
    tag: 'cost-queries',
    params: orgPathSchema,
    query: costQueryCreateOptionsSchema,
    body: costQueryCreateBodySchema,
    answer: {
      status: 202,
      schema: costQueryCreatedSchema,
      headers: { Location: 'Where to poll the query.' },
    },
    errors: {
      400: INVALID,
      404: ORG_NOT_FOUND,
      429: 'Too many queries from this viewer, or Atlas’s budget for the organization is spent (Retry-After).',
      502: ATLAS_FAILED,
      503: 'Atlas is unreachable or the BFF is shutting down (Retry-After).',
    },
    access: 'org',
    csrf: 'x-csrf-header',
  }),
  cancelCostQuery: defineRoute({
    method: 'DELETE',
    path: '/orgs/:orgId/cost-queries/:id',
    summary: 'Stops watching a query; the last watcher leaving cancels it at Atlas.',
    tag: 'cost-queries',
    params: costQueryPathSchema,
    answer: { status: 204 },
    errors: { 400: INVALID, 404: 'No such query, or this viewer is not watching it.' },
    access: 'org',
    csrf: 'x-csrf-header',
  }),
  getMeta: defineRoute({
    method: 'GET',
    path: '/meta',
    summary: 'What the page needs to know about this deployment (data source, clock, viewer).',
    tag: 'meta',
    answer: { status: 200, schema: metaSchema },
    errors: {},
    access: 'viewer',
    csrf: 'x-csrf-header',
  }),
  getOpenApi: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document, generated from the route table.',
    tag: 'meta',
    answer: { status: 200, schema: openApiDocumentSchema },
    errors: {},
    access: 'viewer',
    csrf: 'x-csrf-header',
  }),
  listOrgs: defineRoute({
    method: 'GET',
    path: '/orgs',
    summary: 'The Atlas organizations the viewer may see.',
    tag: 'pickers',
    answer: { status: 200, schema: orgListSchema },
    errors: { 502: ATLAS_FAILED, 503: 'Atlas is unreachable or busy.' },
    access: 'viewer',
    csrf: 'x-csrf-header',
  }),
  listProjects: defineRoute({
    method: 'GET',
    path: '/orgs/:orgId/projects',
    summary: 'The organization’s projects.',
    tag: 'pickers',
    params: orgPathSchema,
    answer: { status: 200, schema: projectListSchema },
    errors: ORG_LOOKUP_ERRORS,
    access: 'org',
    csrf: 'x-csrf-header',
  }),
  listClusters: defineRoute({
    method: 'GET',
    path: '/orgs/:orgId/clusters',
    summary: 'The organization’s clusters, optionally narrowed to some projects.',
    tag: 'pickers',
    params: orgPathSchema,
    query: clusterListQuerySchema,
    answer: { status: 200, schema: clusterListSchema },
    errors: ORG_LOOKUP_ERRORS,
    access: 'org',
    csrf: 'x-csrf-header',
  }),
  getHistory: defineRoute({
    method: 'GET',
    path: '/orgs/:orgId/history',
    summary:
      'How far back questions about the organization may reach: Atlas’s window, and the oldest month this dashboard kept past it.',
    tag: 'cost-queries',
    params: orgPathSchema,
    answer: { status: 200, schema: keptHistorySchema },
    errors: { 400: INVALID, 404: ORG_NOT_FOUND },
    access: 'org',
    csrf: 'x-csrf-header',
  }),
  listServices: defineRoute({
    method: 'GET',
    path: '/services',
    summary: 'The Atlas services a cost filter can name.',
    tag: 'pickers',
    answer: { status: 200, schema: serviceListSchema },
    errors: {},
    access: 'viewer',
    csrf: 'x-csrf-header',
  }),
  listPresets: defineRoute({
    method: 'GET',
    path: '/presets',
    summary: 'The viewer’s presets, most recently changed first, a page at a time.',
    tag: 'presets',
    query: presetListQuerySchema,
    answer: { status: 200, schema: presetListSchema },
    errors: { 400: INVALID },
    access: 'viewer',
    csrf: 'x-csrf-header',
  }),
  createPreset: defineRoute({
    method: 'POST',
    path: '/presets',
    summary: 'Saves a dashboard question as a preset; its id is the share link.',
    tag: 'presets',
    body: presetInputSchema,
    answer: {
      status: 201,
      schema: presetResponseSchema,
      headers: { ...etagHeader, Location: 'The preset’s address.' },
    },
    errors: {
      400: INVALID,
      409: 'The viewer already keeps the most presets one person may.',
    },
    access: 'viewer',
    csrf: 'x-csrf-header',
  }),
  getPreset: defineRoute({
    method: 'GET',
    path: '/presets/:id',
    summary:
      'Opens a preset (a share link): someone else’s opens read-only, with what the viewer may not see withheld.',
    tag: 'presets',
    params: presetPathSchema,
    answer: { status: 200, schema: presetResponseSchema, headers: etagHeader },
    errors: { 400: INVALID, 404: PRESET_NOT_FOUND },
    access: 'preset-link',
    csrf: 'x-csrf-header',
  }),
  replacePreset: defineRoute({
    method: 'PUT',
    path: '/presets/:id',
    summary: 'Replaces one of the viewer’s presets (If-Match: the version being changed).',
    tag: 'presets',
    params: presetPathSchema,
    ifMatch: true,
    body: presetInputSchema,
    answer: { status: 200, schema: presetResponseSchema, headers: etagHeader },
    errors: OWN_PRESET_WRITE_ERRORS,
    access: 'preset-owner',
    csrf: 'x-csrf-header',
  }),
  deletePreset: defineRoute({
    method: 'DELETE',
    path: '/presets/:id',
    summary: 'Deletes one of the viewer’s presets (If-Match: the version being deleted).',
    tag: 'presets',
    params: presetPathSchema,
    ifMatch: true,
    answer: { status: 204 },
    errors: OWN_PRESET_WRITE_ERRORS,
    access: 'preset-owner',
    csrf: 'x-csrf-header',
  }),
} as const;

export type ApiRoutes = typeof apiRoutes;
export type ApiRouteName = keyof ApiRoutes;

/** A route's path with its parameters filled in (each one URL-encoded), without the prefix. */
export function routePath(
  route: ApiRouteSpec,
  params: Readonly<Record<string, string | number | undefined>> = {},
) {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') {
      throw new Error(`${route.method} ${route.path}: no value for :${name}`);
    }
    return encodeURIComponent(String(value));
  });
}

/**
 * A query string (with its `?`, or empty) from a route's query input: undefined values are left
 * out, every name and value is URL-encoded but for the commas that separate list items.
 */
export function routeQueryString(
  query: Readonly<Record<string, string | number | boolean | undefined>> = {},
): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${encode(name)}=${encode(String(value))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

const encode = (text: string) => encodeURIComponent(text).replace(/%2C/gi, ',');
