// The record store on Azure Table Storage, for several instances of the bot sharing one storage
// account: one table, a partition of records a PartitionKey, a record an entity, its version the
// entity's ETag. Conditional writes are the service's own (create fails on an existing entity,
// update and delete with an ETag fail when it changed), so instances need no lock between them.
//
// Table keys may not hold / \ # ? or control characters and are at most 1 KiB: partitions and ids
// are encoded (reversibly, readable where they are plain), long ones by a hash, and the original
// is kept in a column. A property holds at most 64 KiB, an entity at most 1 MiB: the value's JSON
// is split over several columns, and a record too large for one entity is refused by name.
// Every column holds ASCII only (JSON with \u escapes): the size of a column is then exact, and
// Azurite, which decodes a large request body piece by piece, cannot break a character in two.
import { createHash, randomUUID } from 'node:crypto';
import { odata, TableClient, type TableEntity, type TableEntityResult } from '@azure/data-tables';
import { VersionConflictError, type RecordStore, type StoredRecord, type WriteCondition } from '../../core/ports/recordStore.js';
import { freezeJson } from '../../core/json.js';

/** The columns of a record's entity besides the keys. */
interface RecordEntity {
  /** The partition and id as the store was given them, as ASCII JSON strings (the keys are encodings of them). */
  recordPartition: string;
  recordId: string;
  /** Unique to the write that stored this entity: tells a retried write that landed from a lost race. */
  writeId: string;
  /** How many `value<n>` columns hold the value's JSON. */
  valueParts: number;
  [part: `value${number}`]: string;
}

/** Characters of ASCII JSON a column holds: 32,000 (64,000 bytes as the service counts), under the 64 KiB a property may hold. */
const partLength = 32_000;
/** Columns a value may fill: 15 × 64,000 bytes stays under the 1 MiB of an entity with its keys. */
const maxParts = 15;
export const maxValueLength = partLength * maxParts;
/** Encoded keys longer than this are replaced by a hash (a key may hold 1 KiB). */
const maxKeyLength = 400;

/** A record whose JSON does not fit in one entity. */
export class RecordTooLargeError extends Error {
  constructor(partition: string, id: string, length: number) {
    super(`The record ${partition}/${id} is too large for Azure Table Storage: ${length} characters of JSON, at most ${maxValueLength}.`);
    this.name = 'RecordTooLargeError';
  }
}

/**
 * A table key for any string: letters, digits and `-_.~@` as they are, every other UTF-8 byte as
 * `!` and two hex digits; an encoding longer than 400 characters becomes `!!` and its SHA-256 (no
 * encoding starts so, since `!` is always followed by a hex digit there).
 */
export function tableKey(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-_.~@]/.test(char) ? char : `!${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded.length <= maxKeyLength ? encoded : `!!${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** JSON in ASCII: every other character as a \u escape, which JSON.parse reads back as it was. */
export function asciiJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function split(json: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < json.length; start += partLength) parts.push(json.slice(start, start + partLength));
  return parts;
}

const statusOf = (error: unknown): unknown => (error as { statusCode?: unknown } | undefined)?.statusCode;

/** Whether a connection string sends requests over plain HTTP (Azurite); the SDK refuses that unless told. */
const overHttp = (connectionString: string): boolean =>
  /(^|;)\s*(DefaultEndpointsProtocol=http|TableEndpoint=http:)(;|\/|$)/i.test(connectionString) || /UseDevelopmentStorage=true/i.test(connectionString);

export interface TableRecordsOptions {
  readonly connectionString: string;
  /** Letters and digits, 3 to 63, starting with a letter. */
  readonly table: string;
}

export class TableRecords implements RecordStore {
  private constructor(private readonly client: TableClient) {}

  /** Connects to the table, creating it if it is missing; fails when the account does not answer. */
  static async open(options: TableRecordsOptions): Promise<TableRecords> {
    let client: TableClient;
    try {
      client = TableClient.fromConnectionString(options.connectionString, options.table, {
        allowInsecureConnection: overHttp(options.connectionString),
        // Timeouts, throttling (429) and server errors (5xx) are tried again, with exponential back-off.
        retryOptions: { maxRetries: 4, retryDelayInMs: 200, maxRetryDelayInMs: 4_000 },
      });
    } catch (error) {
      // The SDK's message never repeats the connection string (a secret); say which setting it was.
      throw new Error(`AZURE_STORAGE_CONNECTION_STRING is not a storage connection string: ${error instanceof Error ? error.message : String(error)}`);
    }
    await client.createTable();
    return new TableRecords(client);
  }

  /** A read made for this caller alone, frozen as the contract says (no memory to share here). */
  async view<T>(partition: string, id: string): Promise<StoredRecord<T> | undefined> {
    return freezeJson(await this.get<T>(partition, id));
  }

  async get<T>(partition: string, id: string): Promise<StoredRecord<T> | undefined> {
    try {
      const entity = await this.client.getEntity<RecordEntity>(tableKey(partition), tableKey(id));
      return { value: this.valueOf<T>(entity), version: entity.etag };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async put<T>(partition: string, id: string, value: T, condition: WriteCondition = { always: true }): Promise<string> {
    const json = asciiJson(value);
    if (json.length > maxValueLength) throw new RecordTooLargeError(partition, id, json.length);
    const parts = split(json);
    const entity: TableEntity<RecordEntity> = {
      partitionKey: tableKey(partition), rowKey: tableKey(id),
      recordPartition: asciiJson(partition), recordId: asciiJson(id), writeId: randomUUID(), valueParts: parts.length,
      ...Object.fromEntries(parts.map((part, n) => [`value${n}`, part])),
    };
    let written: { etag?: string };
    try {
      if ('always' in condition) written = await this.client.upsertEntity(entity, 'Replace');
      else if ('absent' in condition) written = await this.client.createEntity(entity);
      else written = await this.client.updateEntity(entity, 'Replace', { etag: condition.version });
    } catch (error) {
      // 409: it exists (create); 412: it changed; 404: it is gone (update with an ETag).
      if (![409, 412, 404].includes(statusOf(error) as number)) throw error;
      // A write tried again after its answer was lost finds its own entity: it did land.
      const landed = await this.versionOf(entity).catch(() => undefined);
      if (landed !== undefined) return landed;
      throw new VersionConflictError(partition, id);
    }
    const version = written.etag ?? (await this.versionOf(entity));
    if (version === undefined) throw new VersionConflictError(partition, id);
    return version;
  }

  async remove(partition: string, id: string, condition: WriteCondition = { always: true }): Promise<boolean> {
    if ('absent' in condition) {
      if (await this.get(partition, id)) throw new VersionConflictError(partition, id);
      return false;
    }
    try {
      await this.client.deleteEntity(tableKey(partition), tableKey(id), 'version' in condition ? { etag: condition.version } : {});
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 && 'always' in condition) return false;
      if (status === 404 || status === 412) throw new VersionConflictError(partition, id);
      throw error;
    }
  }

  async list<T>(partition: string): Promise<readonly (StoredRecord<T> & { readonly id: string })[]> {
    const records: (StoredRecord<T> & { id: string })[] = [];
    const entities = this.client.listEntities<RecordEntity>({ queryOptions: { filter: odata`PartitionKey eq ${tableKey(partition)}` } });
    for await (const entity of entities) records.push({ id: JSON.parse(entity.recordId) as string, value: this.valueOf<T>(entity), version: entity.etag });
    return records;
  }

  async ids(partition: string): Promise<readonly string[]> {
    const ids: string[] = [];
    const entities = this.client.listEntities<Pick<RecordEntity, 'recordId'>>({ queryOptions: { filter: odata`PartitionKey eq ${tableKey(partition)}`, select: ['recordId'] } });
    for await (const entity of entities) ids.push(JSON.parse(entity.recordId) as string);
    return ids;
  }

  /** The entity's ETag when the stored entity is the one this write sent (its writeId), else undefined. */
  private async versionOf(entity: TableEntity<RecordEntity>): Promise<string | undefined> {
    try {
      const stored = await this.client.getEntity<Pick<RecordEntity, 'writeId'>>(entity.partitionKey, entity.rowKey, { queryOptions: { select: ['writeId'] } });
      return stored.writeId === entity.writeId ? stored.etag : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private valueOf<T>(entity: TableEntityResult<RecordEntity>): T {
    let json = '';
    for (let n = 0; n < entity.valueParts; n += 1) json += entity[`value${n}`] ?? '';
    return JSON.parse(json) as T;
  }
}
