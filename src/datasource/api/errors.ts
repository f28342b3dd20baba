/**
 * A request to the Pyroscope server failed. The message is what a user reads in the panel or the datasource test:
 * what failed, the HTTP status, the server's own words and what to check. Fields keep the same facts for code.
 */
export class PyroscopeRequestError extends Error {
  /** HTTP status, or 0 when no answer came (network error, timeout, cancelled). */
  readonly status: number;
  /** Server path that was called, e.g. `querier.v1.QuerierService/SelectMergeStacktraces`. */
  readonly endpoint: string;
  /** What failed, in the user's words (the start of the message). */
  readonly problem: string;
  /** The server's message (Connect `message`, pyroscope-io text or `errors`), when it sent one. */
  readonly serverMessage?: string;
  /** What the user should check. */
  readonly hint?: string;

  constructor(
    init: { status: number; endpoint: string; problem: string; serverMessage?: string; hint?: string },
    options?: { cause?: unknown }
  ) {
    const status = init.status > 0 ? ` (HTTP ${init.status})` : '';
    const server = init.serverMessage ? `: ${init.serverMessage}` : '';
    const hint = init.hint ? `. ${init.hint}` : '';
    super(`${init.problem}${status} calling ${init.endpoint}${server}${hint}`, options);
    this.name = 'PyroscopeRequestError';
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.problem = init.problem;
    this.serverMessage = init.serverMessage;
    this.hint = init.hint;
  }
}

/**
 * A missing tenant, in the words servers use: Pyroscope's `no org id`, the header name, or the word tenant. Whole
 * words only: a user called george or a path under /organisation is not a tenant problem.
 */
const TENANT_WORDS = /\b(?:tenant|org ?id|orgid|x-scope-orgid)\b/i;

/**
 * What to check for an HTTP status, in Pyroscope terms. `retryAfter` is the server's Retry-After header (seconds or
 * an HTTP date), shown as it came for a 429 or 503 so the user knows when to try again.
 */
export function hintForStatus(
  status: number,
  serverMessage = '',
  retryAfter?: string
): { problem: string; hint?: string } {
  const msg = serverMessage.toLowerCase();
  const wait = retryAfter ? retryAfterText(retryAfter) : undefined;
  if (wait && (status === 429 || status === 503)) {
    const base = hintForStatus(status, serverMessage);
    return { problem: `${base.problem}; the server asks to retry ${wait}`, hint: base.hint };
  }
  if (status === 401 && TENANT_WORDS.test(serverMessage)) {
    return {
      problem: 'The server requires a tenant',
      hint: 'Set the tenant (X-Scope-OrgID) in the data source settings',
    };
  }
  if (status === 400 && msg.includes('authentication to data source failed')) {
    // Grafana's data proxy answers an upstream 401 with this 400 (so the browser session is not logged out),
    // dropping the server's own message: a missing tenant looks the same.
    return {
      problem: 'Authentication failed',
      hint: 'Check the credentials in the data source settings, and the tenant if the server is multi-tenant',
    };
  }
  switch (status) {
    case 400:
      return {
        problem: 'The server rejected the query',
        hint: 'Check the profile type, the label selector and the time range',
      };
    case 401:
      return { problem: 'Authentication failed', hint: 'Check the credentials in the data source settings' };
    case 403:
      return { problem: 'Access denied', hint: 'The credentials are valid but not allowed to read these profiles' };
    case 404:
      return {
        problem: 'Not found',
        hint: 'Check the URL: it must point at a Pyroscope server (for example http://pyroscope:4040), and the server flavor',
      };
    case 405:
    case 415:
      return {
        problem: 'The server does not speak this API',
        hint: 'Check the server flavor in the data source settings',
      };
    case 413:
      return { problem: 'The request is too large' };
    case 429:
      return {
        problem: 'The server is overloaded or a limit was reached',
        hint: 'Try a shorter time range or fewer max nodes',
      };
    case 499:
      return { problem: 'The request was cancelled' };
    case 502:
      return {
        problem: 'Grafana could not reach the server',
        hint: 'Check the URL, TLS settings and that the server is running and reachable from Grafana',
      };
    case 503:
      return { problem: 'The server is not ready', hint: 'It may be starting; try again shortly' };
    case 504:
      return { problem: 'The server did not answer in time', hint: 'Try a shorter time range, or raise the timeout' };
    default:
      return status >= 500 ? { problem: 'The server failed' } : { problem: 'The request failed' };
  }
}

/** Retry-After as words: `after 30 s` for delta-seconds, `after <date>` for an HTTP date, bounded and never HTML. */
function retryAfterText(value: string): string {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    return `after ${Number(v)} s`;
  }
  const clipped = v.slice(0, 64).replace(/[<>]/g, '');
  return `after ${clipped}`;
}
