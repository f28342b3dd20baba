import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

/**
 * Static server of the sandbox host: the host page and bundle, the built plugin under
 * `/public/plugins/<app id>/` (where Grafana serves plugin files, nested plugins in their sub-folders), and the
 * fixtures. Listens on 127.0.0.1 only.
 */
const ROOT = resolve(__dirname, '..', '..');
const APP_ID = 'flamelens-profiles-app';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
};

/** Maps a URL path to a file, or undefined when it is outside the served folders. */
export function resolveStatic(urlPath: string): string | undefined {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const mounts: Array<[string, string]> = [
    ['/host/systemjs/', join(ROOT, 'node_modules', 'systemjs', 'dist')],
    ['/host/', join(ROOT, 'sandbox', 'host', 'dist')],
    [`/public/plugins/${APP_ID}/`, join(ROOT, 'dist')],
    ['/fixtures/', join(ROOT, 'fixtures')],
  ];
  if (path === '/' || path === '/index.html') {
    return join(ROOT, 'sandbox', 'host', 'index.html');
  }
  for (const [prefix, dir] of mounts) {
    if (path.startsWith(prefix)) {
      const file = normalize(join(dir, path.slice(prefix.length)));
      // No escaping the mount with `..`.
      return file.startsWith(dir) ? file : undefined;
    }
  }
  return undefined;
}

/** Starts the host server; port 0 picks a free one. */
export function startHostServer(port = 0): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const file = resolveStatic(req.url ?? '/');
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(`not found: ${req.url}`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolveStart) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolveStart({
        url: `http://127.0.0.1:${actual}`,
        server,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
