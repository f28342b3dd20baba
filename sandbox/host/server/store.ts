import { randomBytes } from 'node:crypto';

import { isJsonObject, type DataSourceRecord, type ProvisionedDataSource } from './types';

/** An API error with Grafana's status and message. */

/** The fields of a record that an add or update command sets, as Grafana stores them. */
function editableFields(command: Omit<UpdateDataSourceCommand, 'version'>) {
  return {
    name: command.name,
    type: command.type,
    access: command.access === 'direct' ? ('direct' as const) : ('proxy' as const),
    url: command.url,
    user: command.user,
    database: command.database,
    basicAuth: command.basicAuth,
    basicAuthUser: command.basicAuthUser,
    withCredentials: command.withCredentials,
    isDefault: command.isDefault,
    jsonData: structuredClone(command.jsonData),
  } satisfies Partial<DataSourceRecord>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The body of `PUT /api/datasources/uid/:uid` (Grafana's `UpdateDataSourceCommand`). Grafana replaces the whole
 * record: a field the client leaves out becomes empty. In `secureJsonData` a key replaces the stored secret (an empty
 * string clears it); keys that are absent keep their stored value.
 */
export interface UpdateDataSourceCommand extends Pick<
  DataSourceRecord,
  | 'name'
  | 'type'
  | 'url'
  | 'user'
  | 'database'
  | 'basicAuth'
  | 'basicAuthUser'
  | 'withCredentials'
  | 'isDefault'
  | 'jsonData'
  | 'version'
> {
  /** Whatever the client sends; the store checks it. */
  access: string;
  secureJsonData: Record<string, string>;
}

/**
 * Reads an update command the way Grafana binds it: `name`, `type` and `access` are required (400 `bad request data`
 * otherwise), other fields default to their zero value, and a field of the wrong JSON type is a binding error too.
 */
export function parseUpdateCommand(body: unknown): UpdateDataSourceCommand {
  if (!isJsonObject(body)) {
    throw new ApiError(400, 'bad request data');
  }
  const str = (key: string): string => {
    const value = body[key];
    if (value === undefined || value === null) {
      return '';
    }
    if (typeof value !== 'string') {
      throw new ApiError(400, 'bad request data');
    }
    return value;
  };
  const bool = (key: string): boolean => {
    const value = body[key];
    if (value === undefined || value === null) {
      return false;
    }
    if (typeof value !== 'boolean') {
      throw new ApiError(400, 'bad request data');
    }
    return value;
  };
  const version = body.version ?? 0;
  const jsonData = body.jsonData ?? {};
  const secure = body.secureJsonData ?? {};
  if (typeof version !== 'number' || !Number.isInteger(version) || !isJsonObject(jsonData) || !isJsonObject(secure)) {
    throw new ApiError(400, 'bad request data');
  }
  const secureJsonData: Record<string, string> = {};
  for (const [key, value] of Object.entries(secure)) {
    if (typeof value !== 'string') {
      throw new ApiError(400, 'bad request data');
    }
    secureJsonData[key] = value;
  }
  const command = {
    name: str('name'),
    type: str('type'),
    access: str('access'),
    url: str('url'),
    user: str('user'),
    database: str('database'),
    basicAuth: bool('basicAuth'),
    basicAuthUser: str('basicAuthUser'),
    withCredentials: bool('withCredentials'),
    isDefault: bool('isDefault'),
    jsonData,
    secureJsonData,
    version,
  };
  if (command.name === '' || command.type === '' || command.access === '') {
    throw new ApiError(400, 'bad request data');
  }
  return command;
}

/**
 * The body of `POST /api/datasources` (Grafana's `AddDataSourceCommand`): the update command's fields, with `uid`
 * optional (Grafana generates one) and no `version` (a new record starts at 1).
 */
export interface AddDataSourceCommand extends Omit<UpdateDataSourceCommand, 'version'> {
  uid: string;
}

/** Reads an add command as Grafana binds it; `name`, `type` and `access` are required (400 `bad request data`). */
export function parseAddCommand(body: unknown): AddDataSourceCommand {
  const { version: _ignored, ...command } = parseUpdateCommand(isJsonObject(body) ? { ...body, version: 0 } : body);
  const uid = isJsonObject(body) ? (body.uid ?? '') : '';
  if (typeof uid !== 'string') {
    throw new ApiError(400, 'bad request data');
  }
  return { ...command, uid };
}

/** Grafana's `util.GenerateShortUID` alphabet and length: 14 lower-case letters and digits, starting with a letter. */
function generateUid(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(14);
  let uid = alphabet[bytes[0] % 26];
  for (let i = 1; i < 14; i++) {
    uid += alphabet[bytes[i] % alphabet.length];
  }
  return uid;
}

/**
 * The in-memory datasource table of the sandbox host (org 1). Records come out as copies, so nothing outside can change
 * the store, and secure values never leave it except through {@link DataSourceStore.decryptedValues}, which only the
 * datasource proxy uses.
 */
export class DataSourceStore {
  private readonly records: DataSourceRecord[] = [];
  private readonly secrets = new Map<number, Record<string, string>>();

  constructor(provisioned: readonly ProvisionedDataSource[] = []) {
    provisioned.forEach((ds, index) => {
      const id = index + 1;
      this.records.push({ ...structuredClone(ds.record), id });
      this.secrets.set(id, { ...ds.secureJsonData });
    });
  }

  /** All datasources in id order. */
  list(): DataSourceRecord[] {
    return this.records.map((record) => structuredClone(record));
  }

  byUid(uid: string): DataSourceRecord | undefined {
    return this.copy(this.records.find((record) => record.uid === uid));
  }

  byId(id: number): DataSourceRecord | undefined {
    return this.copy(this.records.find((record) => record.id === id));
  }

  byName(name: string): DataSourceRecord | undefined {
    return this.copy(this.records.find((record) => record.name === name));
  }

  /** Grafana's `secureJsonFields`: `true` for every secure key holding a non-empty value. */
  secureJsonFields(id: number): Record<string, boolean> {
    const fields: Record<string, boolean> = {};
    for (const [key, value] of Object.entries(this.secrets.get(id) ?? {})) {
      if (value.length > 0) {
        fields[key] = true;
      }
    }
    return fields;
  }

  /** The decrypted secure values, for the datasource proxy only (Grafana's `DecryptedValues`). */
  decryptedValues(id: number): Readonly<Record<string, string>> {
    return { ...this.secrets.get(id) };
  }

  /**
   * Applies an update as Grafana's `UpdateDataSource` does.
   *
   * @throws ApiError 404 unknown uid, 403 read-only (provisioned with `editable: false`), 409 stale version or a
   *   name another datasource has.
   */
  update(uid: string, command: UpdateDataSourceCommand): DataSourceRecord {
    const record = this.records.find((candidate) => candidate.uid === uid);
    if (!record) {
      throw new ApiError(404, 'Data source not found');
    }
    if (record.readOnly) {
      throw new ApiError(403, 'Cannot update read-only data source');
    }
    if (this.records.some((other) => other.id !== record.id && other.name === command.name)) {
      throw new ApiError(409, 'Failed to update datasource: data source with the same name already exists');
    }
    // Optimistic locking: a client may send a newer version (provisioning files do) but not an older one.
    if (command.version !== 0 && command.version < record.version) {
      throw new ApiError(409, 'Datasource has already been updated by someone else. Please reload and try again');
    }
    Object.assign(record, {
      ...editableFields(command),
      version: command.version + 1,
    } satisfies Partial<DataSourceRecord>);
    if (command.isDefault) {
      for (const other of this.records) {
        other.isDefault = other.id === record.id;
      }
    }
    this.secrets.set(record.id, { ...this.secrets.get(record.id), ...command.secureJsonData });
    return structuredClone(record);
  }

  /**
   * Adds a datasource as Grafana's `AddDataSource` does: the next id, the given uid or a generated one, version 1, not
   * read-only; `isDefault` takes the default from the others.
   *
   * @throws ApiError 409 for a name or uid another datasource has, 400 for a uid Grafana would refuse.
   */
  add(command: AddDataSourceCommand): DataSourceRecord {
    if (this.records.some((other) => other.name === command.name)) {
      throw new ApiError(409, 'data source with the same name already exists');
    }
    if (command.uid !== '' && !/^[a-zA-Z0-9\-_]{1,40}$/.test(command.uid)) {
      throw new ApiError(400, 'Failed to add datasource: invalid UID');
    }
    if (command.uid !== '' && this.records.some((other) => other.uid === command.uid)) {
      throw new ApiError(409, 'data source with the same uid already exists');
    }
    let uid = command.uid;
    while (uid === '' || this.records.some((other) => other.uid === uid)) {
      uid = generateUid();
    }
    const id = this.records.reduce((max, other) => Math.max(max, other.id), 0) + 1;
    const record: DataSourceRecord = {
      id,
      uid,
      orgId: 1,
      ...editableFields(command),
      version: 1,
      readOnly: false,
    };
    if (command.isDefault) {
      for (const other of this.records) {
        other.isDefault = false;
      }
    }
    this.records.push(record);
    this.secrets.set(id, { ...command.secureJsonData });
    return structuredClone(record);
  }

  private copy(record: DataSourceRecord | undefined): DataSourceRecord | undefined {
    return record ? structuredClone(record) : undefined;
  }
}
