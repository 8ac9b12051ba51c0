import type { Response } from 'express';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../contract';
import type { AppError } from '../errors';

/** Writes an RFC 9457 problem document; mirrors retryAfterSeconds into the Retry-After header. */
export function sendProblem(res: Response, error: AppError): void {
  const body: Problem = {
    type: 'about:blank',
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: error.retryAfterSeconds }
      : {}),
  };
  // An error is about this one request: never kept by a cache (API routes set this already).
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
  if (error.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
  }
  res.status(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
