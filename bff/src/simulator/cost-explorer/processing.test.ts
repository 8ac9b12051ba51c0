import { afterEach, describe, expect, it } from 'vitest';
import { ATLAS_JSON, startSession, usagePath, type Session } from '../testing/atlas';
import { openRequest, pause, rawExchange, request } from '../testing/http';
import type { ProcessingMode, SimulatorOptions } from '../types';

const BODY = { startDate: '2026-01-01', endDate: '2026-03-01' };

describe('answers while a query is processing', () => {
  let h: Session;
  afterEach(() => h.sim.close());

  async function pendingQuery(mode: ProcessingMode, options: SimulatorOptions = {}) {
    h = await startSession({ processingMs: 1_000, processingMode: mode, ...options });
    const { auth } = h;
    const path = usagePath(h.orgId, await h.createQuery(BODY));
    return { auth, path, headers: { authorization: auth, accept: ATLAS_JSON } };
  }

  it('final-102-close writes a bare 102 status line and closes the connection', async () => {
    const { auth, path } = await pendingQuery('final-102-close');
    const wire = await rawExchange(
      h.url,
      `GET ${path} HTTP/1.1\r\nHost: sim\r\nAuthorization: ${auth}\r\nAccept: ${ATLAS_JSON}\r\n\r\n`,
    );
    expect(wire).toBe('HTTP/1.1 102 Processing\r\n\r\n');
    expect(h.sim.requests.at(-1)).toMatchObject({ route: 'getUsage', status: 102 });
  });

  it('final-102-close is seen by node:http as an interim 102 and then a dropped socket', async () => {
    const { path, headers } = await pendingQuery('final-102-close');
    const events = await openRequest(`${h.url}${path}`, { headers }).settled;
    expect(events).toEqual(['information 102', 'error ECONNRESET']);
  });

  it('final-102-close carries RateLimit headers on the 102 when rate limiting is on', async () => {
    const { auth, path } = await pendingQuery('final-102-close', {
      rateLimit: { capacity: 10, refillPerMinute: 5 },
    });
    const wire = await rawExchange(
      h.url,
      `GET ${path} HTTP/1.1\r\nHost: sim\r\nAuthorization: ${auth}\r\nAccept: ${ATLAS_JSON}\r\n\r\n`,
    );
    expect(wire).toBe(
      'HTTP/1.1 102 Processing\r\nRateLimit-Limit: 10\r\nRateLimit-Remaining: 8\r\n\r\n',
    );
  });

  it('final-102-hold writes the 102 and keeps the connection open without a final response', async () => {
    const { path, headers } = await pendingQuery('final-102-hold');
    const open = openRequest(`${h.url}${path}`, { headers });
    expect(await open.information).toBe(102);
    await pause(20);
    expect(open.events).toEqual(['information 102']);
    await h.sim.close();
    expect(await open.settled).toEqual(['information 102', 'error ECONNRESET']);
  });

  it('interim-102-then-200 sends a real interim 102 and the 200 once the query is done', async () => {
    const { path, headers } = await pendingQuery('interim-102-then-200');
    const open = openRequest(`${h.url}${path}`, { headers });
    expect(await open.information).toBe(102);
    expect(open.events).toEqual(['information 102']);
    h.clock.advance(1_000);
    expect(await open.settled).toEqual(['information 102', 'response 200']);
  });

  it('interim-102-then-200 delivers the result body after the interim response', async () => {
    const { path, headers } = await pendingQuery('interim-102-then-200');
    const res = await request(`${h.url}${path}`, {
      headers,
      onInformation: () => h.clock.advance(1_000),
    });
    expect(res.informational).toEqual([102]);
    expect(res.status).toBe(200);
    expect(res.json<{ usageDetails: unknown[] }>().usageDetails.length).toBeGreaterThan(0);
  });

  it('envelope mode answers HTTP 200 with {"status":102,"content":null}', async () => {
    const { path, headers } = await pendingQuery('envelope');
    const res = await request(`${h.url}${path}`, { headers });
    expect(res.status).toBe(200);
    expect(res.informational).toEqual([]);
    expect(res.text).toBe('{"status":102,"content":null}');
  });

  it('envelope=true gets the enveloped 102 whatever the mode', async () => {
    const { path, headers } = await pendingQuery('final-102-close');
    const res = await request(`${h.url}${path}?envelope=true`, { headers });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 102, content: null });
  });

  it('answers 200 with the result once processingMs has passed on the simulator clock', async () => {
    const { auth, path } = await pendingQuery('final-102-close');
    h.clock.advance(999);
    const early = await openRequest(`${h.url}${path}`, {
      headers: { authorization: auth, accept: ATLAS_JSON },
    }).settled;
    expect(early[0]).toBe('information 102');
    h.clock.advance(1);
    const done = await h.atlas(auth, path);
    expect(done.status).toBe(200);
    expect(done.headers['content-type']).toBe(ATLAS_JSON);
  });

  it('status-body answers a final 202 {"status":"PROCESSING"} with RateLimit headers until done', async () => {
    const { path, headers } = await pendingQuery('status-body', {
      rateLimit: { capacity: 10, refillPerMinute: 5 },
    });
    const res = await request(`${h.url}${path}`, { headers });
    expect(res.informational).toEqual([]);
    expect(res.status).toBe(202);
    expect(res.headers['content-type']).toBe(ATLAS_JSON);
    expect(res.headers['ratelimit-remaining']).toBe('8');
    expect(res.text).toBe('{"status":"PROCESSING"}');
    h.clock.advance(1_000);
    const done = await request(`${h.url}${path}`, { headers });
    expect(done.status).toBe(200);
    expect(done.json<{ usageDetails: unknown[] }>().usageDetails.length).toBeGreaterThan(0);
  });

  it('status-body on the all-unknowns profile answers HTTP 200 {"status":"IN_PROGRESS"}', async () => {
    h = await startSession({ processingMs: 1_000, profile: 'all-unknowns' });
    const path = usagePath(h.orgId, await h.createQuery(BODY));
    const res = await h.atlas(h.auth, path);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'IN_PROGRESS' });
  });

  it('status-body under envelope=true wraps the status body like any other', async () => {
    const { path, headers } = await pendingQuery('status-body');
    const res = await request(`${h.url}${path}?envelope=true`, { headers });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 202, content: { status: 'PROCESSING' } });
  });

  it('switches mode and processing time at run time', async () => {
    const { auth, path } = await pendingQuery('final-102-close');
    h.sim.setProcessingMode('envelope');
    expect((await h.atlas(auth, path)).json()).toEqual({ status: 102, content: null });
    h.sim.setProcessingMs(0);
    const token = await h.createQuery(BODY);
    expect((await h.atlas(auth, usagePath(h.orgId, token))).status).toBe(200);
    expect(() => h.sim.setProcessingMode('sometimes' as ProcessingMode)).toThrow(TypeError);
  });
});
