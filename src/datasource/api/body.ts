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
