import net from 'node:net';

/**
 * A bare TCP server for wire cases no HTTP server library will produce (a final 102, a
 * reset mid-body). Each request's head and body are read, then `respond` owns the socket.
 */
export interface RawServer {
  url: string;
  requests: { head: string; body: string }[];
  close(): Promise<void>;
}

export async function startRawServer(
  respond: (socket: net.Socket, request: { head: string; body: string }, index: number) => void,
): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  const requests: { head: string; body: string }[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.slice(0, end);
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      const request = { head, body: buffer.slice(end + 4, end + 4 + length) };
      buffer = buffer.slice(end + 4 + length);
      requests.push(request);
      respond(socket, request, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A complete HTTP/1.1 response with a JSON (or raw string) body. */
export function httpResponse(
  status: number,
  body: unknown = '',
  headers: Record<string, string> = {},
): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} X`,
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Content-Type: application/json',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${text}`;
}

export const INTERIM_102 = 'HTTP/1.1 102 Processing\r\n\r\n';
