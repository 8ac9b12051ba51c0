import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

async function headersOf(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const headers = Object.fromEntries(res.headers);
    delete headers.date;
    delete headers['keep-alive'];
    return headers;
  } finally {
    server.close();
  }
}

describe('precomputed security headers', () => {
  const options: HelmetOptions[] = [
    {},
    { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } },
    { hsts: false, crossOriginEmbedderPolicy: true },
  ];
  it.each(options)('answer exactly what helmet answers (%j)', async (option) => {
    expect(await headersOf(securityHeaders(option))).toEqual(await headersOf(helmet(option)));
  });

  it('refuses options that need the request (a per-request CSP nonce)', () => {
    expect(() =>
      securityHeaders({
        contentSecurityPolicy: {
          directives: { scriptSrc: [(req) => String((req as { url: string }).url.length)] },
        },
      }),
    ).toThrow();
  });
});
