import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { sendProblem } from './problem';

/**
 * The one error middleware: everything becomes problem+json; 5xx details never leak internals.
 * Refusals (401, 403) also go to the audit log: who was turned away from what.
 */
export function errorHandler(logger: Logger, audit: Logger = logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = err instanceof AppError ? err : (fromExpress(err) ?? internalError(err));
    if (appError.status === 401 || appError.status === 403) {
      const viewer = res.locals.viewer as { id: string } | undefined;
      audit.info(
        {
          event: 'refused',
          status: appError.status,
          reason: appError.title,
          user: viewer?.id,
          method: req.method,
          path: req.path.slice(0, 300),
        },
        'request refused',
      );
    }
    if (appError.status >= 500) {
      logger.error(
        { err: describe(err), method: req.method, path: req.path, status: appError.status },
        'request failed',
      );
    }
    sendProblem(res, appError);
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new AppError({
      status: 404,
      title: 'Not found',
      detail: `No route for ${req.method} ${req.path}`,
    }),
  );
};

/**
 * Errors Express itself raises before a handler runs. body-parser's carry `status` and `type`;
 * the router's URIError (status 400) means a path segment is not valid percent-encoding
 * (`/api/orgs/%zz/projects`), which is the client's mistake, not a 500.
 */
function fromExpress(err: unknown): AppError | undefined {
  if (err instanceof URIError && (err as { status?: unknown }).status === 400) {
    return new AppError({
      status: 400,
      title: 'Invalid request',
      // Never echo the segment: it is attacker-chosen bytes.
      detail: 'Check path: a path segment is not valid percent-encoding',
      errors: [{ field: 'path', message: 'is not valid percent-encoding' }],
    });
  }
  if (typeof err !== 'object' || err === null) return undefined;
  return fromBodyParser(err) ?? fromStaticFiles(err);
}

/** body-parser's errors carry `type`; each is the client's mistake, named as such. */
function fromBodyParser(err: object): AppError | undefined {
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return new AppError({ status: 413, title: 'Request body too large' });
  }
  if (type === 'entity.parse.failed') {
    return new AppError({
      status: 400,
      title: 'Invalid JSON',
      detail: 'The request body is not valid JSON',
      errors: [{ field: 'body', message: 'must be a valid JSON object' }],
    });
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError({ status: 415, title: 'Unsupported encoding' });
  }
  return undefined;
}

/**
 * The static file layer (send, behind express.static and res.sendFile) raises http-errors such
 * as 412 for an `If-Match` that does not match or 416 for an unsatisfiable `Range`. They are the
 * client's answers, marked `expose`: passed on with their status, never turned into a 500.
 */
function fromStaticFiles(err: object): AppError | undefined {
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status >= 500) {
    return undefined;
  }
  return new AppError({ status, title: STATUS_CODES[status] ?? 'Request refused' });
}

function internalError(cause: unknown): AppError {
  return new AppError({
    status: 500,
    title: 'Internal error',
    detail: 'Something went wrong on our side',
    cause,
  });
}

/** Error name and message only: stacks and causes may hold request options. */
function describe(err: unknown): { name: string; message: string } {
  return err instanceof Error
    ? { name: err.name, message: err.message }
    : { name: 'NonError', message: String(err) };
}
