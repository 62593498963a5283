/** A tiny node:http server for the transport tests (not built): a handler and the requests it saw. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Date.now() when it arrived. */
  readonly at: number;
}

export interface HttpFake {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export type FakeHandler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest, index: number) => void;

export async function startHttpFake(handler: FakeHandler): Promise<HttpFake> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      seen.push(s);
      handler(req, res, s, seen.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const TAXII21 = 'application/taxii+json;version=2.1';

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': TAXII21, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export const API_ROOT_21 = { title: 'root', versions: [TAXII21], max_content_length: 1000 };
