import type { IncomingMessage, ServerResponse } from 'node:http';

import { ApiError } from './store';
import type { JsonValue } from './types';

/** Writes a JSON response the way Grafana's API does (`application/json`). */
export function sendJson(res: ServerResponse, status: number, body: JsonValue): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Grafana's API error body: `{"message": "..."}`. */
export function sendApiError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { message });
}

/** Plain text, for what Go's HTTP server itself answers (bad request lines, 405s...). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Reads a JSON request body (Grafana's `web.Bind`).
 *
 * @throws ApiError 400 `bad request data` for invalid JSON, 413 when the body exceeds `limitBytes`.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes = 1 << 20): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limitBytes) {
      throw new ApiError(413, `request body larger than ${limitBytes} bytes`);
    }
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiError(400, 'bad request data');
  }
}
