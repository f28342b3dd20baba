import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { FIXTURES_DIR } from './seed';

/**
 * Helpers for the test server's own tests (real HTTP with the global `fetch`): a Connect client, a multipart
 * body builder that writes what the Go and Node agents write, and fixture loading.
 */

export interface JsonResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

async function readResponse(res: Response): Promise<JsonResponse> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (text errors, HTML pages): callers look at `text`.
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Calls a Connect method with a JSON body. */
export async function connect(
  baseUrl: string,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
  service = 'querier.v1.QuerierService'
): Promise<JsonResponse> {
  const res = await fetch(`${baseUrl}/${service}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return readResponse(res);
}

/** GET (or another method) with optional headers. */
export async function request(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  return readResponse(await fetch(url, init));
}

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array | string;
}

/** A `multipart/form-data` body as Go's `mime/multipart` writes it. */
export function multipartBody(parts: readonly FormPart[]): { body: Uint8Array; contentType: string } {
  const boundary = 'f1a3e1e45c0ffee0b0dd5e1d2c3b4a59687766554433221100';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    chunks.push(Buffer.from(`Content-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(typeof p.data === 'string' ? Buffer.from(p.data) : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs to `/ingest` with query parameters and a body. */
export async function ingest(
  baseUrl: string,
  params: Record<string, string>,
  body: Uint8Array | string,
  contentType = 'text/plain',
  headers: Record<string, string> = {},
  path = '/ingest'
): Promise<JsonResponse> {
  const url = `${baseUrl}${path}?${new URLSearchParams(params).toString()}`;
  // Buffer is a BodyInit; a Uint8Array over a shared buffer is not, for the DOM typings.
  const payload = typeof body === 'string' ? body : Buffer.from(body);
  return request(url, { method: 'POST', headers: { 'Content-Type': contentType, ...headers }, body: payload });
}

/** Bytes of a fixture in `fixtures/pprof`. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(FIXTURES_DIR, name)));
}

/** Narrows a JSON value to an object for property access in tests. */
export function obj(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(v)?.slice(0, 200)}`);
  }
  return v as Record<string, unknown>;
}
