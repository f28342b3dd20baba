import { invalidArgument } from './apiError';

/**
 * Reads Connect JSON requests the way protojson does: a field may be spelled with its JSON
 * name (`profileTypeID`) or its proto name (`profile_typeID`); int64 values may be numbers or strings; enums may be
 * names or numbers; `null` means unset; unknown fields are ignored. A value of the wrong type is a 400
 * `invalid_argument` naming the field, so bad requests are rejected at the boundary.
 */
export class Fields {
  private constructor(
    private readonly obj: Readonly<Record<string, unknown>>,
    private readonly path: string
  ) {}

  /** Parses a request body; an empty body or anything but a JSON object is `invalid_argument`. */
  static parse(body: Uint8Array): Fields {
    if (body.length === 0) {
      throw invalidArgument('unmarshal message: zero-length payload is not a valid JSON object');
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(body));
    } catch (e) {
      throw invalidArgument(`unmarshal message: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!isRecord(value)) {
      throw invalidArgument('unmarshal message: expected a JSON object');
    }
    return new Fields(value, '');
  }

  /** Wraps an object already parsed (nested messages). */
  static of(obj: Readonly<Record<string, unknown>>, path = ''): Fields {
    return new Fields(obj, path);
  }

  string(json: string, proto = json): string {
    const v = this.get(json, proto);
    if (v === undefined) {
      return '';
    }
    if (typeof v !== 'string') {
      throw this.bad('string', json, v);
    }
    return v;
  }

  /** An int64 (0 when absent). */
  int64(json: string, proto = json): number {
    return this.optionalInt64(json, proto) ?? 0;
  }

  /** An optional int64 (undefined when absent, as `optional int64 max_nodes`). */
  optionalInt64(json: string, proto = json): number | undefined {
    const v = this.get(json, proto);
    if (v === undefined) {
      return undefined;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isInteger(n)) {
      throw this.bad('int64', json, v);
    }
    return n;
  }

  /** A double: a number, or a numeric string (protojson also reads "NaN" and "Infinity", which are rejected here). */
  double(json: string, proto = json): number {
    const v = this.get(json, proto);
    if (v === undefined) {
      return 0;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) {
      throw this.bad('double', json, v);
    }
    return n;
  }

  strings(json: string, proto = json): string[] {
    const v = this.get(json, proto);
    if (v === undefined) {
      return [];
    }
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
      throw this.bad('repeated string', json, v);
    }
    return v;
  }

  /** An enum given by name or number; returns its number. */
  enumValue(json: string, proto: string, names: readonly string[]): number {
    const v = this.get(json, proto);
    if (v === undefined) {
      return 0;
    }
    if (typeof v === 'number' && Number.isInteger(v)) {
      return v;
    }
    const i = typeof v === 'string' ? names.indexOf(v) : -1;
    if (i < 0) {
      throw this.bad('enum', json, v);
    }
    return i;
  }

  /** A nested message, or undefined when absent. */
  message(json: string, proto = json): Fields | undefined {
    const v = this.get(json, proto);
    if (v === undefined) {
      return undefined;
    }
    if (!isRecord(v)) {
      throw this.bad('message', json, v);
    }
    return new Fields(v, `${this.path}${json}.`);
  }

  /** A repeated message field. */
  messages(json: string, proto = json): Fields[] {
    const v = this.get(json, proto);
    if (v === undefined) {
      return [];
    }
    if (!Array.isArray(v) || !v.every(isRecord)) {
      throw this.bad('repeated message', json, v);
    }
    return v.map((m, i) => new Fields(m, `${this.path}${json}[${i}].`));
  }

  /** A bytes field (standard or URL-safe base64). */
  bytes(json: string, proto = json): Uint8Array {
    const v = this.get(json, proto);
    if (v === undefined) {
      return new Uint8Array(0);
    }
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) {
      throw this.bad('bytes', json, v);
    }
    return new Uint8Array(Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }

  private get(json: string, proto: string): unknown {
    const own = (k: string) => Object.prototype.hasOwnProperty.call(this.obj, k);
    const v = own(json) ? this.obj[json] : own(proto) ? this.obj[proto] : undefined;
    return v === null ? undefined : v;
  }

  private bad(type: string, field: string, value: unknown) {
    const shown = JSON.stringify(value)?.slice(0, 60) ?? String(value);
    return invalidArgument(`unmarshal message: invalid value for ${type} field ${this.path}${field}: ${shown}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
