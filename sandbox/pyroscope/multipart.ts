/**
 * A small `multipart/form-data` reader (RFC 7578) for the ingest endpoint: the Go and Node agents upload pprof as a
 * form with a `profile` file part and, for some profile types, a `sample_type_config` JSON part. Parts are found by
 * searching the raw bytes for the boundary, so binary (gzip) data passes untouched.
 */

/** One form part. `data` is a view into the request body. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array;
}

/** The body is not a readable multipart form; the message says why. */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** The boundary parameter of a `multipart/form-data` content type, or undefined when there is none. */
export function multipartBoundary(contentType: string): string | undefined {
  const [type, ...params] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'multipart/form-data') {
    return undefined;
  }
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'boundary') {
      continue;
    }
    const value = param.slice(eq + 1).trim();
    return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
  }
  return undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Splits a multipart body into its parts. Throws `MultipartError` for a missing boundary or a truncated body. */
export function parseMultipart(body: Uint8Array, contentType: string): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  if (boundary === undefined || boundary === '') {
    throw new MultipartError('no multipart boundary in the Content-Type header');
  }
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  // The first delimiter may be preceded by a preamble; later ones always follow a CRLF.
  let at = buf.indexOf(delimiter);
  if (at < 0) {
    throw new MultipartError(`multipart boundary "${boundary}" not found in the body`);
  }
  const next = Buffer.concat([CRLF, delimiter]);
  const parts: MultipartPart[] = [];
  for (;;) {
    let pos = at + delimiter.length;
    if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) {
      // `--boundary--` closes the form.
      return parts;
    }
    // Skip transport padding (spaces, tabs) and the CRLF after the delimiter.
    while (buf[pos] === 0x20 || buf[pos] === 0x09) {
      pos++;
    }
    if (buf[pos] !== 0x0d || buf[pos + 1] !== 0x0a) {
      throw new MultipartError('malformed multipart delimiter line');
    }
    pos += 2;
    const headerEnd = buf.indexOf(HEADER_END, pos - 2);
    if (headerEnd < 0) {
      throw new MultipartError('multipart part headers are not terminated');
    }
    const headers = pos - 2 === headerEnd ? '' : buf.toString('utf8', pos, headerEnd);
    const dataStart = headerEnd + HEADER_END.length;
    const dataEnd = buf.indexOf(next, dataStart);
    if (dataEnd < 0) {
      throw new MultipartError('multipart body is truncated: the closing boundary is missing');
    }
    parts.push({ ...readPartHeaders(headers), data: body.subarray(dataStart, dataEnd) });
    at = dataEnd + CRLF.length;
  }
}

function readPartHeaders(headers: string): Omit<MultipartPart, 'data'> {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') {
      contentType = value;
    } else if (key === 'content-disposition') {
      name = dispositionParam(value, 'name');
      filename = dispositionParam(value, 'filename');
    }
  }
  if (name === undefined) {
    throw new MultipartError('a multipart part has no Content-Disposition name');
  }
  return {
    name,
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

/** A parameter of a Content-Disposition value, quoted (with `\"` escapes) or bare. */
function dispositionParam(value: string, param: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(value);
  if (!m) {
    return undefined;
  }
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim();
}
