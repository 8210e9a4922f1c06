// The workspace's data in the Durable Object's SQLite: environments, and per environment the config keys.
import type { ConfigKind } from '../../lib/realtime/events';
import { HttpError } from './http';

export type Environment = { id: string; slug: string; createdAt: number };
export type ConfigEntry = {
  key: string;
  kind: ConfigKind;
  value: unknown;
  version: number;
  updatedAt: number;
};

/** What a listing shows instead of a secret's value. */
export const MASK = '••••••';

type Row = Record<string, SqlStorageValue>;

export class WorkspaceStore {
  constructor(private readonly storage: DurableObjectStorage) {
    // Idempotent, and cheap enough for every wake from hibernation.
    storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS environments (
        id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS configs (
        environment_id TEXT NOT NULL REFERENCES environments(id), key TEXT NOT NULL,
        kind TEXT NOT NULL, value TEXT NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        PRIMARY KEY (environment_id, key));`);
  }

  environments(): Environment[] {
    return this.rows('SELECT id, slug, created_at FROM environments ORDER BY created_at, slug').map(
      toEnvironment,
    );
  }

  /** Finds an environment by id or by slug; 404 when neither matches. */
  environment(idOrSlug: string): Environment {
    const [row] = this.rows(
      'SELECT id, slug, created_at FROM environments WHERE id = ? OR slug = ?',
      idOrSlug,
      idOrSlug,
    );
    if (!row) throw new HttpError(404, `unknown environment "${idOrSlug}"`);
    return toEnvironment(row);
  }

  createEnvironment(slug: string, now: number): Environment {
    const id = `env_${slug}`;
    if (this.rows('SELECT 1 FROM environments WHERE id = ? OR slug = ?', id, slug).length)
      throw new HttpError(409, `environment "${slug}" already exists`);
    this.storage.sql.exec('INSERT INTO environments (id, slug, created_at) VALUES (?, ?, ?)', id, slug, now);
    return { id, slug, createdAt: now };
  }

  /** Config keys of an environment, secret values masked. */
  configs(environmentId: string): ConfigEntry[] {
    return this.rows(
      'SELECT key, kind, value, version, updated_at FROM configs WHERE environment_id = ? ORDER BY key',
      environmentId,
    ).map(toMaskedEntry);
  }

  config(environmentId: string, key: string): ConfigEntry {
    const [row] = this.rows(
      'SELECT key, kind, value, version, updated_at FROM configs WHERE environment_id = ? AND key = ?',
      environmentId,
      key,
    );
    if (!row) throw new HttpError(404, `unknown config key "${key}" in ${environmentId}`);
    return toMaskedEntry(row);
  }

  /** Writes a key and returns its new version (1 for a new key). */
  putConfig(environmentId: string, key: string, kind: ConfigKind, value: unknown, now: number): number {
    const [row] = this.rows(
      `INSERT INTO configs (environment_id, key, kind, value, version, updated_at) VALUES (?, ?, ?, ?, 1, ?)
       ON CONFLICT (environment_id, key) DO UPDATE SET
         kind = excluded.kind, value = excluded.value, version = configs.version + 1, updated_at = excluded.updated_at
       RETURNING version`,
      environmentId,
      key,
      kind,
      JSON.stringify(value),
      now,
    );
    return Number(row!.version);
  }

  deleteConfig(environmentId: string, key: string): void {
    const cursor = this.storage.sql.exec(
      'DELETE FROM configs WHERE environment_id = ? AND key = ?',
      environmentId,
      key,
    );
    if (cursor.rowsWritten === 0) throw new HttpError(404, `unknown config key "${key}" in ${environmentId}`);
  }

  /** Copies a key from source to target in one transaction; returns the kind and the target's new version. */
  promote(
    key: string,
    sourceId: string,
    targetId: string,
    now: number,
  ): { kind: ConfigKind; version: number } {
    return this.storage.transactionSync(() => {
      const [row] = this.rows(
        'SELECT kind, value FROM configs WHERE environment_id = ? AND key = ?',
        sourceId,
        key,
      );
      if (!row) throw new HttpError(404, `unknown config key "${key}" in ${sourceId}`);
      const kind = row.kind as ConfigKind;
      return { kind, version: this.putConfig(targetId, key, kind, JSON.parse(String(row.value)), now) };
    });
  }

  private rows(query: string, ...bindings: SqlStorageValue[]): Row[] {
    return this.storage.sql.exec<Row>(query, ...bindings).toArray();
  }
}

const toEnvironment = (row: Row): Environment => ({
  id: String(row.id),
  slug: String(row.slug),
  createdAt: Number(row.created_at),
});

function toMaskedEntry(row: Row): ConfigEntry {
  const kind = row.kind as ConfigKind;
  return {
    key: String(row.key),
    kind,
    value: kind === 'secret' ? MASK : JSON.parse(String(row.value)),
    version: Number(row.version),
    updatedAt: Number(row.updated_at),
  };
}
