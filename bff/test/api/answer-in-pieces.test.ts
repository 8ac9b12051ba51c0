import type { AddressInfo } from 'node:net';
import compression from 'compression';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/contract';
import { LOCAL_VIEWER } from '../../src/services/access';
import { buildApiRouter, type RouteReply } from '../../src/routes/route-table';

// An answer given in pieces (the rows route's ~55 MB at a million rows) is written piece by
// piece through compression: over real HTTP it must arrive as the pieces joined, and a failure
// once it has started must cut the connection rather than end a truncated answer cleanly.

const ROWS = apiRoutes.getCostQueryRows;
type RowsReply = RouteReply<typeof ROWS>;
const PATH = '/api/orgs/5f0c9a7b3d8e2a6100000001/cost-queries/AbCdEfGhIjKlMnOpQrStUv/rows';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(reply: () => RowsReply): Promise<string> {
  const app = express();
  app.use(compression());
  app.use((_req, res, next) => {
    res.locals.viewer = LOCAL_VIEWER;
    next();
  });
  app.use('/api', buildApiRouter({ rows: ROWS }, { rows: reply }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
}

/** Pieces that compress poorly (so compression falls behind) and hold wide characters. */
function* pieces(count: number, failAt = -1): Generator<string> {
  let seed = 7;
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error('a piece went missing');
    let piece = i === 0 ? '["東京",' : ',';
    for (let j = 0; j < 2_000; j++) {
      seed = (seed * 48_271) % 2_147_483_647;
      piece += `${j > 0 ? ',' : ''}${seed}`;
    }
    yield i === count - 1 ? `${piece}]` : piece;
  }
}

describe('an answer in pieces', () => {
  it('arrives compressed as the pieces joined', async () => {
    const url = await serve(() => ({ jsonPieces: pieces(200) }));
    const res = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe([...pieces(200)].join(''));
  });

  it('cuts the connection when a piece fails after the answer has started', async () => {
    const url = await serve(() => ({ jsonPieces: pieces(20, 10) }));
    const res = await fetch(url);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('answers an error when the first piece fails', async () => {
    const url = await serve(() => ({ jsonPieces: pieces(20, 0) }));
    const res = await fetch(url);
    expect(res.status).toBe(500);
  });
});
