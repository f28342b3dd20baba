import type { IncomingHttpHeaders } from 'node:http';

import { DEFAULT_TENANT } from './store';

/**
 * Authentication and tenancy.
 * - Credentials stand for the reverse proxy users put in front of Grafana Pyroscope (Basic, or a Bearer token as
 *   the SDKs send) and for pyroscope-io's API keys (Bearer). When both are configured, either is accepted.
 * - `X-Scope-OrgID` picks the tenant when multi-tenancy is on; `a|b` reads several tenants, sorted, duplicates
 *   dropped. When it is off the header is ignored and everything belongs to `anonymous`.
 */

export interface AuthConfig {
  /** `user:password` expected in `Authorization: Basic ...`. */
  basicAuth?: string;
  /** Token expected in `Authorization: Bearer ...`. */
  bearerToken?: string;
  multitenancy: boolean;
}

/** True when the request carries valid credentials, or when none are required. */
export function hasValidCredentials(headers: IncomingHttpHeaders, auth: AuthConfig): boolean {
  if (auth.basicAuth === undefined && auth.bearerToken === undefined) {
    return true;
  }
  const header = headers.authorization ?? '';
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header.toLowerCase() : header.slice(0, space).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'basic' && auth.basicAuth !== undefined) {
    return Buffer.from(value, 'base64').toString('utf8') === auth.basicAuth;
  }
  if (scheme === 'bearer' && auth.bearerToken !== undefined) {
    return value === auth.bearerToken;
  }
  return false;
}

/**
 * The tenants a request reads or writes: `['anonymous']` without multi-tenancy; otherwise the `X-Scope-OrgID`
 * tenants, or undefined when the header is missing or empty (the caller answers 401 "no org id").
 */
export function requestTenants(headers: IncomingHttpHeaders, multitenancy: boolean): string[] | undefined {
  if (!multitenancy) {
    return [DEFAULT_TENANT];
  }
  const raw = headers['x-scope-orgid'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) {
    return undefined;
  }
  const tenants = [...new Set(value.split('|').filter((t) => t !== ''))].sort();
  return tenants.length > 0 ? tenants : undefined;
}

/** The message Grafana Pyroscope gives for a missing tenant (dskit's `user.ErrNoOrgID`). */
export const NO_ORG_ID = 'no org id';
