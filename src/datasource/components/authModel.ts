import type { DataSourceSettings } from '@grafana/data';

import type { AuthMethod, ProfileDataSourceOptions, ProfileSecureJsonData } from '../types';

export type Settings = DataSourceSettings<ProfileDataSourceOptions, ProfileSecureJsonData>;

/** Grafana's standard custom header slot 1 (`httpHeaderName1` + secret `httpHeaderValue1`), which we use for bearer tokens. */
/** Settings with the custom header slot (declared on ProfileDataSourceOptions). */
export type JsonDataWithHeader = ProfileDataSourceOptions;

export type SecretKey = keyof ProfileSecureJsonData;

const AUTHORIZATION = 'Authorization';
const BEARER_PREFIX = /^\s*bearer\s+/i;

function headerName(options: Settings): string | undefined {
  return (options.jsonData as JsonDataWithHeader).httpHeaderName1;
}

function isAuthorizationHeader(name: string | undefined): boolean {
  return name?.toLowerCase() === AUTHORIZATION.toLowerCase();
}

/** The method in use: saved explicitly, or recognised from Grafana's standard fields (e.g. a provisioned datasource). */
export function authMethodOf(options: Settings): AuthMethod {
  if (options.jsonData.authMethod) {
    return options.jsonData.authMethod;
  }
  if (options.basicAuth) {
    return 'basic';
  }
  return isAuthorizationHeader(headerName(options)) ? 'bearer' : 'none';
}

/** Clears a secret the way Grafana's own editors do: the stored value is replaced by an empty one on save. */
export function resetSecret(options: Settings, key: SecretKey): Settings {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}

function hasSecret(options: Settings, key: SecretKey): boolean {
  return Boolean(options.secureJsonFields?.[key] || options.secureJsonData?.[key]);
}

/**
 * Switches the auth method and clears everything the other methods stored, so that no secret stays saved (and sent)
 * for a method that is no longer chosen. A custom header that is not `Authorization` is not ours and is left alone.
 */
export function withAuthMethod(options: Settings, method: AuthMethod): Settings {
  let next: Settings = options;
  const oldHeader = headerName(options);
  if (method !== 'basic' && (options.basicAuth || options.basicAuthUser || hasSecret(options, 'basicAuthPassword'))) {
    next = { ...resetSecret(next, 'basicAuthPassword'), basicAuth: false, basicAuthUser: '' };
  }
  const jsonData: JsonDataWithHeader = { ...next.jsonData, authMethod: method };
  if (method === 'bearer') {
    jsonData.httpHeaderName1 = AUTHORIZATION;
    if (oldHeader !== undefined && !isAuthorizationHeader(oldHeader) && hasSecret(next, 'httpHeaderValue1')) {
      // The slot held another header's secret: it must not be sent as the Authorization header.
      next = resetSecret(next, 'httpHeaderValue1');
    }
  } else if (isAuthorizationHeader(oldHeader)) {
    delete jsonData.httpHeaderName1;
    if (hasSecret(next, 'httpHeaderValue1')) {
      next = resetSecret(next, 'httpHeaderValue1');
    }
  }
  return { ...next, basicAuth: method === 'basic', jsonData };
}

/** The token part of a stored `Bearer <token>` header value. */
export function bearerToken(headerValue: string | undefined): string {
  return (headerValue ?? '').replace(BEARER_PREFIX, '');
}

/** The header value for a typed token: the user types (or pastes) the token, with or without `Bearer `. */
export function bearerHeaderValue(typed: string): string {
  const token = typed.replace(BEARER_PREFIX, '').trim();
  return token === '' ? '' : `Bearer ${token}`;
}
