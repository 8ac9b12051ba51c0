import { afterEach, describe, expect, it, vi } from 'vitest';
import { AtlasNetworkError, AtlasTimeoutError } from './errors';
import { sendRaw, type RawRequest } from './http';
import { INTERIM_102, httpResponse, startRawServer, type RawServer } from './testing/raw-server';

let server: RawServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

/**
 * Real sockets, fake clock: the exchange's deadline and grace timers run on time the test
 * moves, so "which timer ended it, and when" is exact on any machine.
 */
function fakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
}

/** Lets real I/O run (setImmediate is not faked) until `count` timers are pending. */
async function untilTimers(count: number) {
  while (vi.getTimerCount() < count) await new Promise((resolve) => setImmediate(resolve));
}

/** A promise and whether it has settled yet. */
function watch<T>(promise: Promise<T>) {
  const state = { settled: false, promise };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

const poll = (url: string, extra: Partial<RawRequest> = {}): RawRequest => ({
  url: new URL(`${url}/poll`),
  method: 'GET',
  headers: { connection: 'close' },
  timeoutMs: 1_000,
  processingGraceMs: 50,
  operation: 'GET /poll',
  ...extra,
});

describe('sendRaw and HTTP 102', () => {
  it('reads a final 102 followed by a closed connection as processing', async () => {
    server = await startRawServer((socket) => socket.end(INTERIM_102));
    await expect(sendRaw(poll(server.url))).resolves.toEqual({ kind: 'processing' });
  });

  it('reads a final 102 on a connection held open as processing once the grace has passed', async () => {
    server = await startRawServer((socket) => socket.write(INTERIM_102));
    fakeClock();
    const poll102 = watch(sendRaw(poll(server.url, { timeoutMs: 1_000, processingGraceMs: 50 })));
    await untilTimers(2); // the call's deadline, and the grace the 102 started
    await vi.advanceTimersByTimeAsync(49);
    expect(poll102.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1); // the grace, long before the 1 s deadline
    expect(poll102.settled).toBe(true);
    await expect(poll102.promise).resolves.toEqual({ kind: 'processing' });
  });

  it('returns the final 200 that follows an interim 102 within the grace', async () => {
    server = await startRawServer((socket) => {
      socket.write(INTERIM_102);
      setTimeout(() => socket.end(httpResponse(200, { usageDetails: [] })), 5);
    });
    fakeClock();
    const call = sendRaw(poll(server.url, { processingGraceMs: 500 }));
    await untilTimers(3); // the deadline, the server's 5 ms, the grace
    await vi.advanceTimersByTimeAsync(5);
    const res = await call;
    expect(res).toMatchObject({ kind: 'response', status: 200, body: '{"usageDetails":[]}' });
  });

  it('gives up on a final 200 that comes later than the grace and reads processing', async () => {
    server = await startRawServer((socket) => {
      socket.write(INTERIM_102);
      setTimeout(() => socket.end(httpResponse(200, { usageDetails: [] })), 300);
    });
    fakeClock();
    const call = watch(sendRaw(poll(server.url, { processingGraceMs: 30 })));
    await untilTimers(3); // the deadline, the server's 300 ms, the grace
    await vi.advanceTimersByTimeAsync(30);
    expect(call.settled).toBe(true);
    await expect(call.promise).resolves.toEqual({ kind: 'processing' });
  });

  it('treats a 102 then close as a network error on calls that are not polls', async () => {
    server = await startRawServer((socket) => socket.end(INTERIM_102));
    const req = poll(server.url, { processingGraceMs: undefined });
    await expect(sendRaw(req)).rejects.toBeInstanceOf(AtlasNetworkError);
  });
});

describe('sendRaw failures', () => {
  it('times out a server that never answers at timeoutMs', async () => {
    server = await startRawServer(() => undefined);
    fakeClock();
    const call = watch(sendRaw(poll(server.url, { timeoutMs: 100 })));
    await untilTimers(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.settled).toBe(true);
    const err = await call.promise.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasTimeoutError);
    expect(err).toMatchObject({ timeoutMs: 100, message: expect.stringContaining('GET /poll') });
  });

  it('reports a connection closed without an answer as a network error', async () => {
    server = await startRawServer((socket) => socket.destroy());
    await expect(sendRaw(poll(server.url))).rejects.toBeInstanceOf(AtlasNetworkError);
  });

  it('reports a refused connection as a network error with its code', async () => {
    server = await startRawServer(() => undefined);
    const { url } = server;
    await server.close();
    server = undefined;
    const err = await sendRaw(poll(url)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasNetworkError);
    expect((err as AtlasNetworkError).code).toBe('ECONNREFUSED');
  });

  it('reports a body cut short as a network error', async () => {
    server = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"usageDe');
      setTimeout(() => socket.destroy(), 5);
    });
    await expect(sendRaw(poll(server.url))).rejects.toBeInstanceOf(AtlasNetworkError);
  });

  it('stops at once when the caller aborts', async () => {
    server = await startRawServer(() => undefined);
    const controller = new AbortController();
    const pending = sendRaw(poll(server.url, { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('cancelled by test')), 10);
    await expect(pending).rejects.toThrow('cancelled by test');
  });

  it('sends the body and headers it was given', async () => {
    server = await startRawServer((socket) => socket.end(httpResponse(202, { token: 'x' })));
    const res = await sendRaw({
      ...poll(server.url),
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '2' },
      body: '{}',
    });
    expect(res).toMatchObject({ kind: 'response', status: 202 });
    expect(server.requests[0]?.head).toMatch(/^POST \/poll HTTP\/1.1/);
    expect(server.requests[0]?.body).toBe('{}');
  });
});
