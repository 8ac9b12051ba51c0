import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault } from './control/apply-fault';
import type { SimContext } from './context';
import { handleControl, type ControlTarget } from './control/control-plane';
import { apiError } from './errors';
import { isFailure, readBody, sendApiError, sendJson, type Exchange } from './http-io';
import { headerRecord, queryRecord } from './control/request-log';
import { classify, dispatch } from './router';

/** Large enough for a clusters filter listing every cluster at scale 50+. */
const MAX_BODY_BYTES = 20_000_000;

/**
 * One request, start to finish: control plane, or log → fault → auth/route (router.ts).
 */
export async function handle(
  ctx: SimContext,
  control: ControlTarget,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const path = url.pathname;
  if (path.startsWith('/__sim/')) return handleControl(req, res, path, control);
  if (!path.startsWith('/api/')) {
    res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not found"}');
    return;
  }
  const method = req.method ?? 'GET';
  const body = await readBody(req, MAX_BODY_BYTES).catch(() => undefined);
  const { route, params, wrongMethod } = classify(method, path);
  const orgId =
    params.orgId ??
    (params.groupId ? ctx.model.projectsById.get(params.groupId)?.pub.orgId : undefined);
  // Logged before auth and before any fault, so tests see exactly what the client sent.
  const log = ctx.log.add({
    time: ctx.nowMs(),
    method,
    path,
    query: queryRecord(url.searchParams),
    headers: headerRecord(req),
    body: body ?? '',
    route,
    ...(orgId !== undefined && { orgId }),
  });
  res.on('finish', () => {
    log.status = res.statusCode;
  });
  const x: Exchange = {
    req,
    res,
    method,
    path,
    rawUrl: req.url ?? path,
    query: log.query,
    body: body ?? '',
    route,
    params,
    ...(orgId !== undefined && { orgId }),
    log,
  };
  if (body === undefined) {
    return sendJson(x, 413, apiError(413, 'REQUEST_TOO_LARGE', 'The request body is too large.'));
  }
  try {
    const fault = ctx.faults.take(route, orgId);
    if (fault && (await applyFault(fault, x, faultEnv(ctx)))) return;
    if (ctx.closing) return;
    dispatch(x, ctx, wrongMethod ?? false);
  } catch (error) {
    if (!isFailure(error)) throw error;
    sendApiError(x, error);
  }
}

const faultEnv = (ctx: SimContext) => ({
  wait: (ms: number) => ctx.timers.wait(ms),
  rateLimitCapacity: ctx.rateLimiter.capacity,
});
