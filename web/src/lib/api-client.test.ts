import { metaSchema } from '@ace/bff/contract';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, apiRequest, apiSend, parseRetryAfter } from './api-client';

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const meta = { dataSource: 'simulator', now: '2025-06-15T12:00:00.000Z', retentionMonths: 18 };

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('api-client', () => {
  it('calls relative /api URLs with the CSRF header and parses with the contract', async () => {
    const fetchMock = stubFetch(Response.json(meta));
    await expect(apiGet('/meta', metaSchema)).resolves.toEqual(meta);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/meta');
    expect(new Headers(init?.headers).get('X-CSRF')).toBe('1');
    expect(new Headers(init?.headers).get('Content-Type')).toBeNull();
  });

  it('sends JSON bodies with their content type', async () => {
    const fetchMock = stubFetch(Response.json(meta));
    await apiRequest('/x', metaSchema, { method: 'POST', body: { a: 1 } });
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
  });

  it('sends extra headers such as If-Match, never in place of the CSRF header', async () => {
    const fetchMock = stubFetch(Response.json(meta, { headers: { ETag: '"4"' } }));
    const { headers } = await apiRequest('/x', metaSchema, {
      method: 'PUT',
      body: {},
      headers: { 'If-Match': '"3"', 'X-CSRF': '0' },
    });
    const sent = new Headers(fetchMock.mock.calls[0]![1]!.headers);
    expect(sent.get('If-Match')).toBe('"3"');
    expect(sent.get('X-CSRF')).toBe('1');
    expect(headers.get('ETag')).toBe('"4"');
  });

  it('turns problem+json into an ApiError with field errors and Retry-After', async () => {
    stubFetch(
      new Response(
        JSON.stringify({
          type: 'about:blank',
          title: 'Invalid cost query',
          status: 400,
          detail: 'Fix the fields below.',
          errors: [{ field: 'clusters.0', message: 'is not known' }],
          retryAfterSeconds: 3,
        }),
        { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    const error = await caught(apiSend('/x', { method: 'DELETE' }));
    expect(error).toMatchObject({
      status: 400,
      title: 'Invalid cost query',
      detail: 'Fix the fields below.',
      errors: [{ field: 'clusters.0', message: 'is not known' }],
      retryAfterSeconds: 3,
    });
  });

  it('takes Retry-After from the header when the problem has none', async () => {
    stubFetch(
      new Response(JSON.stringify({ title: 'Atlas is busy', status: 503 }), {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' },
      }),
    );
    const error = await caught(apiGet('/meta', metaSchema));
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.isTransient).toBe(true);
  });

  it('describes a non-JSON error page without leaking it', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await caught(apiGet('/meta', metaSchema));
    expect(error.status).toBe(502);
    expect(error.title).toBe('Bad Gateway');
    expect(error.detail).not.toContain('<html>');
  });

  it('reports a network failure as status 0', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const error = await caught(apiGet('/meta', metaSchema));
    expect(error).toMatchObject({ status: 0, title: 'Cannot reach the server' });
  });

  it('rejects a success body that does not match the contract', async () => {
    stubFetch(Response.json({ dataSource: 'mainframe' }));
    const error = await caught(apiGet('/meta', metaSchema));
    expect(error.title).toBe('Unexpected response from the server');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('5')).toBe(5);
    const now = Date.parse('2025-06-15T12:00:00Z');
    expect(parseRetryAfter('Sun, 15 Jun 2025 12:00:10 GMT', now)).toBe(10);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
