import type { IncomingHttpHeaders } from 'node:http';

import type { AuthConfig } from './auth';
import type { Flavor, ServerLimits } from './options';
import type { ProfileStore } from './store';

/** A request with its body read (routes are synchronous functions of it). */
export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
  /** The body was larger than `limits.maxBodyBytes`; `body` is empty then. */
  bodyTooLarge: boolean;
}

/** What every route can use. */
export interface ServerState {
  store: ProfileStore;
  flavor: Flavor;
  limits: ServerLimits;
  auth: AuthConfig;
  now: () => number;
  /** See `PyroscopeServerOptions.pprofFormat`. */
  pprofFormat: boolean;
}

/** The first value of a header. */
export function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
