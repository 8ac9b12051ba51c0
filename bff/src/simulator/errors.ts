import { STATUS_CODES } from 'node:http';

/**
 * Atlas's `ApiError` body (spec: components/schemas/ApiError). Keys are built in alphabetical
 * order because that is how Atlas serialises them. Error codes marked [UNVERIFIED] come from
 * other Atlas endpoints or third-party reports, not from a captured Cost Explorer response.
 */
export interface FieldViolation {
  field: string;
  description: string;
}

export interface ApiErrorBody {
  badRequestDetail?: { fields: FieldViolation[] };
  detail: string;
  error: number;
  errorCode: string;
  parameters?: unknown[];
  reason: string;
}

/** Thrown by handlers; the router turns it into the response. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly headers: Record<string, string> = {},
    readonly contentType?: string,
  ) {
    super(body.detail);
  }
}

export function apiError(
  status: number,
  errorCode: string,
  detail: string,
  extra: { parameters?: unknown[]; fields?: FieldViolation[] } = {},
): ApiErrorBody {
  return {
    ...(extra.fields && { badRequestDetail: { fields: extra.fields } }),
    detail,
    error: status,
    errorCode,
    ...(extra.parameters && { parameters: extra.parameters }),
    reason: STATUS_CODES[status] ?? 'Error',
  };
}

export function fail(
  status: number,
  errorCode: string,
  detail: string,
  extra: {
    parameters?: unknown[];
    fields?: FieldViolation[];
    headers?: Record<string, string>;
    contentType?: string;
  } = {},
): ApiFailure {
  const body = apiError(status, errorCode, detail, extra);
  return new ApiFailure(status, body, extra.headers, extra.contentType);
}

/** Codes the spec's examples use per status; what a fault rule sends when it names no body. */
const DEFAULT_CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED', // [UNVERIFIED]
  403: 'FORBIDDEN', // [UNVERIFIED]
  404: 'RESOURCE_NOT_FOUND',
  409: 'CONFLICT', // [UNVERIFIED]
  429: 'RATE_LIMITED',
  500: 'UNEXPECTED_ERROR',
  502: 'BAD_GATEWAY', // [UNVERIFIED]
  503: 'SERVICE_UNAVAILABLE', // [UNVERIFIED]
  504: 'GATEWAY_TIMEOUT', // [UNVERIFIED]
};

export function defaultApiError(status: number): ApiErrorBody {
  const code = DEFAULT_CODES[status] ?? (status >= 500 ? 'UNEXPECTED_ERROR' : 'VALIDATION_ERROR');
  return apiError(status, code, `Simulated ${status} ${STATUS_CODES[status] ?? ''}`.trim() + '.');
}

/** [UNVERIFIED] observed by third parties for a missing Accept version on other v2 endpoints. */
export const notAcceptable = () =>
  fail(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.');

export const notFound = (
  detail: string,
  errorCode = 'RESOURCE_NOT_FOUND',
  parameters?: unknown[],
) => fail(404, errorCode, detail, parameters ? { parameters } : {});
