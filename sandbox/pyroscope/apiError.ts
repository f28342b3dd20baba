import type { ServerResponse } from 'node:http';

/**
 * Errors as Grafana Pyroscope writes them: a Connect code, a message, and the HTTP status Connect maps the code to
 * (`connect-go: protocol_connect.go, connectCodeToHTTP`). Legacy handlers (`/ingest`,
 * `/pyroscope/render`) write the same `{code, message}` body with a status of their own, so the status can be
 * overridden; they then derive the code from the status (`pkg/util/http/error.go, ErrorWithStatus`).
 */

export type ConnectCode =
  | 'canceled'
  | 'unknown'
  | 'invalid_argument'
  | 'deadline_exceeded'
  | 'not_found'
  | 'already_exists'
  | 'permission_denied'
  | 'resource_exhausted'
  | 'failed_precondition'
  | 'aborted'
  | 'out_of_range'
  | 'unimplemented'
  | 'internal'
  | 'unavailable'
  | 'data_loss'
  | 'unauthenticated';

const STATUS_OF_CODE: Record<ConnectCode, number> = {
  canceled: 499,
  unknown: 500,
  invalid_argument: 400,
  deadline_exceeded: 504,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  resource_exhausted: 429,
  failed_precondition: 400,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
  unauthenticated: 401,
};

/** HTTP status of a Connect code. */
export function statusOfCode(code: ConnectCode): number {
  return STATUS_OF_CODE[code];
}

/** Connect code Pyroscope's legacy handlers put in the body for a status (`connectgrpc.HTTPToCode`). */
export function codeOfStatus(status: number): ConnectCode {
  switch (status) {
    case 400:
    case 413:
      return 'invalid_argument';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission_denied';
    case 404:
      return 'unimplemented';
    case 412:
      return 'failed_precondition';
    case 429:
    case 431:
      return 'resource_exhausted';
    case 499:
      return 'canceled';
    case 502:
    case 503:
      return 'unavailable';
    case 504:
      return 'deadline_exceeded';
    default:
      return 'unknown';
  }
}

/** An error to send to the client: `{code, message}` with `status` (by default the code's Connect status). */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ConnectCode,
    message: string,
    status?: number
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status ?? statusOfCode(code);
  }

  /** A legacy-handler error: the status is given and the code follows from it. */
  static withStatus(status: number, message: string): ApiError {
    return new ApiError(codeOfStatus(status), message, status);
  }
}

/** Shorthand for the most common error, a 400 `invalid_argument`. */
export function invalidArgument(message: string): ApiError {
  return new ApiError('invalid_argument', message);
}

/**
 * Writes a JSON body. Go's `json.Encoder` (legacy handlers) ends the body with a newline; Connect's protojson does
 * not, so Connect routes pass `newline: false`.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, newline = true): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(newline ? `${text}\n` : text);
}

/** Writes a plain-text body. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8'
): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(text);
}

/** Writes an `ApiError` as Grafana Pyroscope does: `{"code","message"}`. */
export function sendApiError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, { code: error.code, message: error.message });
}
