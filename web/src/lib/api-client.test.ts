import { apiRoutes } from '@ace/bff/contract';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, callApi, fetchApi, parseRetryAfter } from './api-client';

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
    await expect(fetchApi(apiRoutes.getMeta, {})).resolves.toEqual(meta);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/meta');
    expect(new Headers(init?.headers).get('X-CSRF')).toBe('1');
    expect(new Headers(init?.headers).get('Content-Type')).toBeNull();
  });

  it('builds the path and query string from the route table, encoding each part', async () => {
    const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
      Promise.resolve(Response.json({ items: [] })),
    );
    vi.stubGlobal('fetch', fetchMock);
    await fetchApi(apiRoutes.listClusters, {
      params: { orgId: 'a/b' },
      query: { projects: 'p1,p2', includeDeleted: 'true' },
    });
    await fetchApi(apiRoutes.listClusters, {
      params: { orgId: 'o1' },
      query: { projects: undefined, includeDeleted: undefined },
    });
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
      '/api/orgs/a%2Fb/clusters?projects=p1,p2&includeDeleted=true',
      '/api/orgs/o1/clusters',
    ]);
  });

  it('sends JSON bodies with their content type and the route’s method', async () => {
    const fetchMock = stubFetch(Response.json({ id: 'q1', status: 'processing' }, { status: 202 }));
    const { status } = await callApi(apiRoutes.createCostQuery, {
      params: { orgId: 'o1' },
      body: { period: { kind: 'relative', period: 'last-6-months' } },
    });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(status).toBe(202);
    expect(url).toBe('/api/orgs/o1/cost-queries');
    expect(init!.method).toBe('POST');
    expect(init!.body).toBe('{"period":{"kind":"relative","period":"last-6-months"}}');
    expect(new Headers(init!.headers).get('Content-Type')).toBe('application/json');
  });

  it('sends If-Match where the route asks for it, never in place of the CSRF header', async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204, headers: { ETag: '"4"' } }));
    const { data, headers } = await callApi(apiRoutes.deletePreset, {
      params: { id: 'AbCdEfGhIjKlMnOpQrStUv' },
      ifMatch: '"3"',
    });
    const [url, init] = fetchMock.mock.calls[0]!;
    const sent = new Headers(init!.headers);
    expect(url).toBe('/api/presets/AbCdEfGhIjKlMnOpQrStUv');
    expect(init!.method).toBe('DELETE');
    expect(sent.get('If-Match')).toBe('"3"');
    expect(sent.get('X-CSRF')).toBe('1');
    expect(data).toBeUndefined();
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
    const error = await caught(
      callApi(apiRoutes.cancelCostQuery, { params: { orgId: 'o1', id: 'q1' } }),
    );
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
    const error = await caught(fetchApi(apiRoutes.getMeta, {}));
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.isTransient).toBe(true);
  });

  it('describes a non-JSON error page without leaking it', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await caught(fetchApi(apiRoutes.getMeta, {}));
    expect(error.status).toBe(502);
    expect(error.title).toBe('Bad Gateway');
    expect(error.detail).not.toContain('<html>');
  });

  it('reports a network failure as status 0', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const error = await caught(fetchApi(apiRoutes.getMeta, {}));
    expect(error).toMatchObject({ status: 0, title: 'Cannot reach the server' });
  });

  it('rejects a success body that does not match the contract', async () => {
    stubFetch(Response.json({ dataSource: 'mainframe' }));
    const error = await caught(fetchApi(apiRoutes.getMeta, {}));
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
