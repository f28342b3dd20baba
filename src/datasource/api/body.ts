import { ProfileDecodeError } from '../../model/errors';
import { PyroscopeRequestError } from './errors';

/**
 * Parses a 2xx body as JSON. Proxies and wrong URLs answer 200 with HTML or nothing; say that instead of
 * "Unexpected token <".
 */
export function parseJsonBody(text: string, endpoint: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw invalidAnswer(endpoint, 'the body is empty', 'Check the server flavor and URL in the data source settings');
  }
  if (trimmed.startsWith('<')) {
    throw invalidAnswer(
      endpoint,
      'an HTML page came back instead of JSON',
      'The URL probably points at a web page or a proxy login, not at the Pyroscope API'
    );
  }
  try {
    return JSON.parse(trimmed);
  } catch (cause) {
    throw invalidAnswer(endpoint, `the JSON is malformed or truncated (${(cause as Error).message})`, undefined, cause);
  }
}

/** A 2xx answer whose content cannot be used. */
export function invalidAnswer(
  endpoint: string,
  problem: string,
  hint?: string,
  cause?: unknown
): PyroscopeRequestError {
  return new PyroscopeRequestError(
    { status: 0, endpoint, problem: `The server's answer could not be read: ${problem}`, hint },
    cause === undefined ? undefined : { cause }
  );
}

/** Narrows to a JSON object. */
export function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A JSON array of strings, or throws an invalid-answer error naming the field. */
export function stringArray(v: unknown, endpoint: string, field: string): string[] {
  if (v === undefined) {
    // protojson leaves empty lists out.
    return [];
  }
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
    throw invalidAnswer(endpoint, `${field} is not a list of strings`);
  }
  return v;
}

/** A decode failure of a 2xx body, as a request error naming the endpoint. */
export function decodeFailed(endpoint: string, err: unknown) {
  if (err instanceof ProfileDecodeError) {
    return invalidAnswer(endpoint, err.message, undefined, err);
  }
  return err;
}

/**
 * pyroscope-io's error shape (`{"errors": [...]}`) arriving with a 2xx, as a proxy that
 * rewrites statuses sends it: reported with the server's words, not read as a missing flame graph or an empty list.
 */
export function checkOgBody(body: unknown, status: number, endpoint: string): unknown {
  const rec = asObject(body);
  if (rec && Array.isArray(rec.errors) && Object.keys(rec).length === 1 && rec.errors.length > 0) {
    const message = rec.errors.map(String).join('; ');
    throw new PyroscopeRequestError({
      status,
      endpoint,
      problem: 'The server answered with an error instead of data',
      serverMessage: message.length > 300 ? `${message.slice(0, 300)}…` : message,
      hint: 'A proxy or gateway between Grafana and the server may be rewriting error statuses; check its logs',
    });
  }
  return body;
}
