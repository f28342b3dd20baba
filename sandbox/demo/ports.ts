import { createServer } from 'node:net';

/** A port that was free a moment ago on `host` (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A port the demo needs is taken; the message names the port, what wanted it and the variable that moves it. */
export class PortBusyError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly envVar: string
  ) {
    super(
      `port ${port} (${what}) is already in use: stop whatever listens there, or pick another port with ` +
        `${envVar}, e.g. \`${envVar}=${port + 1} npm run demo\``
    );
    this.name = 'PortBusyError';
  }
}

/** Throws `PortBusyError` when `port` cannot be bound on `host`; port 0 (any free port) always passes. */
export function assertPortFree(port: number, what: string, envVar: string, host = '127.0.0.1'): Promise<void> {
  if (port === 0) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') {
        reject(new PortBusyError(port, what, envVar));
      } else if (e.code === 'EACCES') {
        reject(new Error(`no permission to listen on port ${port} (${what}): pick a port above 1023 with ${envVar}`));
      } else {
        reject(new Error(`cannot listen on port ${port} (${what}, set with ${envVar}): ${e.message}`, { cause: e }));
      }
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
