import type { z } from 'zod';
import { AppError, type FieldError } from '../errors';

/** Parses untrusted input with a contract schema; failures become one 400 naming every field. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || where,
    message: issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : issue.message,
  }));
  const fields = [...new Set(errors.map((e) => e.field))];
  throw new AppError({
    status: 400,
    title: 'Invalid request',
    detail: `Check ${fields.join(', ')}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    errors,
  });
}

function unknownKeysMessage(keys: string[]): string {
  return `has unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}

/**
 * A request's query parameters as a plain record for a strict schema. Repeated parameters
 * (`?a=1&a=2`, HTTP parameter pollution) arrive as arrays, which the schemas' string fields
 * refuse.
 */
export function queryParams(query: unknown): Record<string, unknown> {
  return typeof query === 'object' && query !== null
    ? { ...(query as Record<string, unknown>) }
    : {};
}
