import {
  AtlasApiError,
  AtlasAuthError,
  AtlasError,
  AtlasNetworkError,
  AtlasProtocolError,
  AtlasTimeoutError,
  AtlasUnrecognizedAnswerError,
} from '../../atlas';
import { AppError } from '../../errors';

/**
 * Failures that say "Atlas (or the way to it) is unwell", not "the question was wrong": they
 * feed the circuit breaker and are worth another try later. 429 is a budget, not an outage.
 * A redirect is neither: asking again would only be sent to the same place, and following it
 * could carry the credentials elsewhere, so it is one call and a 502, never a second request
 * (docs/reliability.md, Failures).
 */
export function isOutage(err: unknown): boolean {
  if (err instanceof AtlasApiError) return err.status >= 500;
  if (isRedirect(err)) return false;
  return (
    err instanceof AtlasNetworkError ||
    err instanceof AtlasTimeoutError ||
    // An answer we cannot read is not an outage: asking again gets the same answer.
    (err instanceof AtlasProtocolError && !(err instanceof AtlasUnrecognizedAnswerError))
  );
}

function isRedirect(err: unknown): boolean {
  return (
    err instanceof AtlasProtocolError &&
    err.status !== undefined &&
    err.status >= 300 &&
    err.status < 400
  );
}

export function isRateLimited(err: unknown): err is AtlasApiError {
  return err instanceof AtlasApiError && err.status === 429;
}

/**
 * Maps what Atlas did to what the browser should be told. Messages say what a person can do
 * and never echo credentials; Atlas's own `detail` is passed on only for its 400s and 404s,
 * which describe the user's input.
 */
export function fromAtlasError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (!(err instanceof AtlasError)) {
    return new AppError({
      status: 500,
      title: 'Internal error',
      detail: 'Something went wrong on our side',
      cause: err,
    });
  }
  if (err instanceof AtlasTimeoutError) {
    return new AppError({
      status: 504,
      title: 'Atlas did not answer in time',
      detail: `No answer from Atlas within ${err.timeoutMs >= 1000 ? `${Math.round(err.timeoutMs / 1000)} s` : `${err.timeoutMs} ms`}. Try again in a moment.`,
      cause: err,
    });
  }
  if (err instanceof AtlasAuthError) {
    return new AppError({
      status: 502,
      title: 'Atlas refused the dashboard’s credentials',
      detail:
        'The service account or API key configured for this dashboard was rejected. Ask an administrator to check it.',
      cause: err,
    });
  }
  if (err instanceof AtlasApiError) return fromApiError(err);
  if (err instanceof AtlasUnrecognizedAnswerError) {
    return new AppError({
      status: 502,
      title: 'Atlas sent an answer this dashboard does not understand',
      detail:
        `Atlas answered (HTTP ${err.status ?? '?'}) with ${err.keys.length > 0 ? `the keys ${err.keys.join(', ')}` : 'no keys'} ` +
        'and no usage rows, so nothing is shown rather than a wrong total. Please report these ' +
        'keys to whoever runs this dashboard (docs/atlas-wire.md says how).',
      cause: err,
    });
  }
  if (err instanceof AtlasNetworkError || err instanceof AtlasProtocolError) {
    return new AppError({
      status: 502,
      title: 'Could not reach Atlas',
      detail: 'The connection to Atlas failed or its answer could not be read. Try again.',
      cause: err,
    });
  }
  return new AppError({
    status: 502,
    title: 'Atlas error',
    detail: 'Atlas answered unexpectedly.',
    cause: err,
  });
}

function fromApiError(err: AtlasApiError): AppError {
  const detail = err.detail ?? undefined;
  switch (err.status) {
    case 400:
      return new AppError({
        status: 400,
        title: 'Atlas rejected the query',
        detail: detail ?? 'Bad request',
        cause: err,
      });
    case 401:
      return new AppError({
        status: 502,
        title: 'Atlas refused the dashboard’s credentials',
        detail:
          'The configured service account or API key is invalid or expired. Ask an administrator to renew it.',
        cause: err,
      });
    case 403:
      return new AppError({
        status: 403,
        title: 'No access to this organization’s billing',
        detail:
          'The dashboard’s Atlas credentials need the Organization Billing Viewer role for this organization (and the BFF’s address on its API access list).',
        cause: err,
      });
    case 404:
      return new AppError({
        status: 404,
        title: 'Not found in Atlas',
        detail: detail ?? 'Atlas does not know this resource',
        cause: err,
      });
    case 429:
      return new AppError({
        status: 503,
        title: 'Atlas rate limit reached',
        detail: 'Atlas asked us to slow down. The query can be retried shortly.',
        retryAfterSeconds: Math.max(1, Math.ceil((err.retryAfterMs ?? 60_000) / 1000)),
        cause: err,
      });
    default:
      return new AppError({
        status: 502,
        title: 'Atlas is having trouble',
        detail: `Atlas answered ${err.status}. Try again in a moment.`,
        cause: err,
      });
  }
}
