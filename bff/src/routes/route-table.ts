import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import {
  apiRoutes,
  ROUTE_ACCESS,
  ROUTE_CSRF,
  type ApiRouteName,
  type ApiRoutes,
  type ApiRouteSpec,
} from '../contract';
import { AppError } from '../errors';
import { viewerOf } from '../http/identity';
import { parseOr400, queryParams } from '../http/validate';
import { assertCanSee, type Viewer } from '../services/access';

// The BFF side of the route table (contract/api-routes.ts): one Express route per entry, with
// the entry's schemas parsed in one order (path, If-Match, query, body: each failure a 400 that
// names every field) and its access rule applied before the handler runs. Handlers get typed,
// parsed input and return the answer; they never parse or build error bodies themselves.

type Parsed<R, K extends 'params' | 'query' | 'body'> =
  R extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;

export interface RouteInput<R extends ApiRouteSpec> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  /** The version `If-Match` names, for routes that require it. */
  ifMatch: R extends { ifMatch: true } ? number : undefined;
}

type AnswerBody<R extends ApiRouteSpec> = R['answer'] extends { schema: infer S extends z.ZodType }
  ? z.input<S>
  : never;

export interface RouteReply<R extends ApiRouteSpec> {
  /** The answer, sent as JSON with the route's status; absent for 204. */
  body?: AnswerBody<R>;
  /** The answer already serialized (a stored result is sent as stored, without JSON work). */
  json?: string;
  /**
   * The same in pieces (a million rows in columns are ~55 MB): each written as it comes, waiting
   * while the connection (and compression) is behind, never joined into one string.
   */
  jsonPieces?: AsyncIterable<string> | Iterable<string>;
  headers?: Readonly<Record<string, string>>;
}

export interface RouteContext {
  req: Request;
  res: Response;
  viewer: Viewer;
}

export type RouteHandler<R extends ApiRouteSpec> = (
  input: RouteInput<R>,
  context: RouteContext,
) => RouteReply<R> | Promise<RouteReply<R>>;

/** A handler, optionally with middleware that runs first (a rate limit counts even bad requests). */
export type RouteBinding<R extends ApiRouteSpec> =
  RouteHandler<R> | { before: RequestHandler[]; handle: RouteHandler<R> };

export type RouteBindings<N extends ApiRouteName = ApiRouteName> = {
  [K in N]: RouteBinding<ApiRoutes[K]>;
};

/**
 * A route that says nothing about who may call it, or how cross-site requests are refused,
 * is a programming error: refuse to start rather than serve it open.
 */
export function assertRouteRules(name: string, route: ApiRouteSpec): void {
  if (!(ROUTE_ACCESS as readonly unknown[]).includes(route.access)) {
    throw new Error(`Route ${name} (${route.method} ${route.path}) declares no access rule`);
  }
  if (!(ROUTE_CSRF as readonly unknown[]).includes(route.csrf)) {
    throw new Error(`Route ${name} (${route.method} ${route.path}) declares no CSRF rule`);
  }
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  const declared = route.params ? Object.keys(route.params.shape) : [];
  if (names.join(',') !== declared.join(',')) {
    throw new Error(
      `Route ${name} (${route.method} ${route.path}) declares path parameters [${declared.join(', ')}]`,
    );
  }
  if (route.access === 'org' && !names.includes('orgId')) {
    throw new Error(`Route ${name} (${route.method} ${route.path}) is org-scoped without :orgId`);
  }
}

/** The /api router: every route of `table`, each bound to its handler. */
export function buildApiRouter<T extends Readonly<Record<string, ApiRouteSpec>>>(
  table: T,
  bindings: { [K in keyof T]: RouteBinding<T[K]> },
): Router {
  const router = Router();
  for (const [name, route] of Object.entries(table) as Array<[keyof T & string, ApiRouteSpec]>) {
    assertRouteRules(name, route);
    const binding = bindings[name] as RouteBinding<ApiRouteSpec> | undefined;
    if (!binding) throw new Error(`Route ${name} has no handler`);
    const { before, handle } =
      typeof binding === 'function' ? { before: [], handle: binding } : binding;
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    router[method](route.path, ...before, async (req: Request, res: Response) => {
      const viewer = viewerOf(res);
      const input = parseInput(route, req);
      if (route.access === 'org') {
        assertCanSee(viewer, [(input.params as unknown as { orgId: string }).orgId]);
      }
      const reply = await handle(input, { req, res, viewer });
      await send(res, route, reply);
    });
  }
  return router;
}

/** The app's /api router, from the contract's table (the one place routes are mounted). */
export const apiRouter = (bindings: RouteBindings) => buildApiRouter(apiRoutes, bindings);

function parseInput(route: ApiRouteSpec, req: Request): RouteInput<ApiRouteSpec> {
  const params: unknown = route.params ? parseOr400(route.params, req.params, 'path') : undefined;
  const ifMatch = route.ifMatch ? expectedVersion(req) : undefined;
  const query: unknown = route.query
    ? parseOr400(route.query, queryParams(req.query), 'query')
    : undefined;
  const body: unknown = route.body ? parseOr400(route.body, req.body ?? {}, 'body') : undefined;
  return { params, query, body, ifMatch } as RouteInput<ApiRouteSpec>;
}

async function send(
  res: Response,
  route: ApiRouteSpec,
  reply: RouteReply<ApiRouteSpec>,
): Promise<void> {
  for (const [header, value] of Object.entries(reply.headers ?? {})) res.setHeader(header, value);
  res.status(route.answer.status);
  if (route.answer.status === 204) {
    res.end();
  } else if (reply.jsonPieces !== undefined) {
    await sendPieces(res, reply.jsonPieces);
  } else if (reply.json !== undefined) {
    res.type('application/json').send(reply.json);
  } else {
    res.json(reply.body);
  }
}

/**
 * Writes the pieces as they come. A failure before the first piece is an ordinary error answer;
 * after it the status is sent, so the connection is cut (the client sees an incomplete answer,
 * never a truncated one that parses). A client that goes away stops the reading.
 */
async function sendPieces(
  res: Response,
  pieces: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  res.type('application/json');
  // One listener for the whole answer: compression moves 'drain' listeners to its own stream,
  // where removing them through `res` does not reach (one per wait would pile up there).
  let wake: (() => void) | undefined;
  const ready = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  res.on('drain', ready);
  res.once('close', ready);
  try {
    for await (const piece of pieces) {
      if (res.destroyed) return;
      if (!res.write(piece)) await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (err) {
    if (!res.headersSent) throw err;
    res.destroy(err instanceof Error ? err : new Error(String(err)));
    return;
  } finally {
    res.off('close', ready);
  }
  res.end();
}

/**
 * Writes must say which version they change (RFC 9110 §13.1.1): no If-Match is 428 (RFC 6585),
 * and `*` is refused too because it would overwrite whatever someone else saved meanwhile.
 * A tag that is not one of ours can never match the current one: 412, as the RFC says.
 */
function expectedVersion(req: Request): number {
  const ifMatch = req.get('If-Match')?.trim();
  if (!ifMatch || ifMatch === '*') {
    throw new AppError({
      status: 428,
      title: 'If-Match required',
      detail: `Send If-Match with the ETag you got when you loaded the preset (e.g. If-Match: "3")${ifMatch === '*' ? '; "*" would overwrite changes you have not seen' : ''}.`,
    });
  }
  const match = /^"([1-9][0-9]{0,8})"$/.exec(ifMatch);
  if (!match?.[1]) {
    throw new AppError({
      status: 412,
      title: 'Preset changed since you loaded it',
      detail: 'If-Match does not match the preset’s ETag. Reload it and save again.',
    });
  }
  return Number(match[1]);
}
