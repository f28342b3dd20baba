import http from 'http';
import type { AddressInfo, Socket } from 'net';
// Node's own timers: under jsdom the global setTimeout returns a number, and this one must not keep Node alive.
import { clearTimeout, setTimeout } from 'timers';

/** What the server does with one request. */
export type FaultHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A misbehaving HTTP server on 127.0.0.1: one handler at a time, swapped per case. */
export interface FaultServer {
  url: string;
  /** The handler for the next requests (the default answers 404). */
  handle: FaultHandler;
  /** Requests seen since start, by path. */
  paths: string[];
  /** Closes the server and every open socket (stalled ones included). */
  close(): Promise<void>;
}

/**
 * Starts a server for fault tests. It is bounded: it refuses to live longer than `maxLifetimeMs` (it closes itself,
 * so a failed suite never leaves it running) and holds at most `maxSockets` connections.
 */
export async function startFaultServer(maxLifetimeMs = 120_000, maxSockets = 64): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const state: { handle: FaultHandler; paths: string[] } = {
    handle: (_req, res) => {
      res.writeHead(404).end('404 page not found');
    },
    paths: [],
  };
  const server = http.createServer((req, res) => {
    state.paths.push(new URL(req.url ?? '/', 'http://x').pathname);
    // Read the request body before answering, as a real server does.
    req.resume();
    req.on('end', () => state.handle(req, res));
  });
  server.maxConnections = maxSockets;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(deadline);
      for (const s of sockets) {
        s.destroy();
      }
      server.close(() => resolve());
    });
  const deadline = setTimeout(() => void close(), maxLifetimeMs);
  deadline.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get handle() {
      return state.handle;
    },
    set handle(h: FaultHandler) {
      state.handle = h;
    },
    paths: state.paths,
    close,
  };
}

/** A port nothing listens on: a server is started and closed, so a connection is refused. */
export async function refusedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Answers with a status, a body and headers. */
export function answer(status: number, body: string | Buffer, headers: Record<string, string> = {}): FaultHandler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
  };
}
