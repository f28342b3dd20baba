import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of a test server that holds each request for a while: a slow server, for tests. */
export interface DelayProxy {
  url: string;
  /** Holds each request from now on this long before forwarding it (0: none). */
  setDelay(ms: number): void;
  /** Requests forwarded so far and requests being held now. */
  counts(): { forwarded: number; held: number };
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 forwarding everything to `targetUrl` after the current delay. */
export async function startDelayProxy(targetUrl: string, delayMs = 0): Promise<DelayProxy> {
  const target = new URL(targetUrl);
  let delay = delayMs;
  let forwarded = 0;
  let held = 0;
  const server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      held++;
      setTimeout(() => {
        held--;
        forwarded++;
        const upstream = request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          }
        );
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(body));
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setDelay: (ms) => {
      delay = ms;
    },
    counts: () => ({ forwarded, held }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
