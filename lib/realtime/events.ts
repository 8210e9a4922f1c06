/** The event union of the spec (`shared/spec/realtime-events.md`): a contract, kept exactly as written. */
export type WorkspaceEvent =
  | {
      type: 'config.changed';
      environmentId: string;
      key: string;
      kind: 'config' | 'flag' | 'secret';
      version: number;
      at: number;
    }
  | { type: 'config.deleted'; environmentId: string; key: string; at: number }
  | { type: 'environment.created'; environmentId: string; slug: string; at: number }
  | {
      type: 'promotion.completed';
      key: string;
      sourceEnvironmentId: string;
      targetEnvironmentId: string;
      at: number;
    }
  | { type: 'presence'; users: string[]; at: number }
  | { type: 'pong'; at: number };

export type WorkspaceEventType = WorkspaceEvent['type'];
export type ConfigKind = 'config' | 'flag' | 'secret';

/** Every event type, in the spec's order: the one list UIs and validators iterate. */
export const EVENT_TYPES: readonly WorkspaceEventType[] = [
  'config.changed',
  'config.deleted',
  'environment.created',
  'promotion.completed',
  'presence',
  'pong',
];
export const CONFIG_KINDS: readonly ConfigKind[] = ['config', 'flag', 'secret'];

/** Frames longer than this are dropped unparsed, so a hostile server cannot make the client build huge objects. */
export const MAX_FRAME_BYTES = 1024 * 1024;

// Field checks as one table: s = non-empty-or-empty string, n = finite number, k = kind, u = string[].
// A table keeps the validator a few hundred bytes instead of a schema library's several KiB.
type Check = 's' | 'n' | 'k' | 'u';
const SCHEMA: Record<WorkspaceEventType, Record<string, Check>> = {
  'config.changed': { environmentId: 's', key: 's', kind: 'k', version: 'n', at: 'n' },
  'config.deleted': { environmentId: 's', key: 's', at: 'n' },
  'environment.created': { environmentId: 's', slug: 's', at: 'n' },
  'promotion.completed': { key: 's', sourceEnvironmentId: 's', targetEnvironmentId: 's', at: 'n' },
  presence: { users: 'u', at: 'n' },
  pong: { at: 'n' },
};

function ok(check: Check, value: unknown): boolean {
  switch (check) {
    case 's':
      return typeof value === 'string';
    case 'n':
      return typeof value === 'number' && isFinite(value);
    case 'k':
      return value === 'config' || value === 'flag' || value === 'secret';
    default:
      return Array.isArray(value) && value.every((user) => typeof user === 'string');
  }
}
// Field lists precomputed once in a Map: a plain-array walk on the hot path, and no prototype keys to trip on.
const FIELDS = new Map(Object.entries(SCHEMA).map(([type, fields]) => [type, Object.entries(fields)]));

const str = (value: unknown) => typeof value === 'string';
const num = (value: unknown) => typeof value === 'number' && isFinite(value);

function valid(type: WorkspaceEventType, r: Record<string, unknown>): boolean {
  switch (type) {
    case 'config.changed':
      return str(r.environmentId) && str(r.key) && ok('k', r.kind) && num(r.version) && num(r.at);
    case 'config.deleted':
      return str(r.environmentId) && str(r.key) && num(r.at);
    case 'environment.created':
      return str(r.environmentId) && str(r.slug) && num(r.at);
    case 'promotion.completed':
      return str(r.key) && str(r.sourceEnvironmentId) && str(r.targetEnvironmentId) && num(r.at);
    case 'presence':
      return ok('u', r.users) && num(r.at);
    default:
      return num(r.at);
  }
}

export type ParseResult = { event: WorkspaceEvent } | { error: string };

/**
 * Checks one text frame against the union. Never throws. `receivedAt` is stamped on a pong that has no
 * `at`: the Durable Object's auto-response is a constant string and cannot carry a fresh time.
 */
export function parseEvent(data: unknown, receivedAt: number): ParseResult {
  if (typeof data !== 'string') return { error: 'binary frame' };
  if (data.length > MAX_FRAME_BYTES || frameBytes(data) > MAX_FRAME_BYTES)
    return { error: 'frame over 1 MiB' };
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not an object' };
  const record = value as Record<string, unknown>;
  const type = record.type;
  const fields = typeof type === 'string' ? FIELDS.get(type) : undefined;
  if (!fields) return { error: `unknown type ${JSON.stringify(type)?.slice(0, 64)}` };
  if (type === 'pong' && record.at === undefined) record.at = receivedAt;
  // Named property reads per type keep V8's loads monomorphic (a keyed walk over the table costs ~40 % more);
  // the table only names the culprit once a check has failed.
  if (!valid(type as WorkspaceEventType, record)) {
    const [field] = fields.find(([name, check]) => !ok(check, record[name]))!;
    return { error: `${type}: bad or missing ${field}` };
  }
  return { event: record as WorkspaceEvent };
}

// UTF-8 length without allocating: only strings long enough to possibly exceed the bound get here.
function frameBytes(data: string): number {
  if (data.length * 3 <= MAX_FRAME_BYTES) return data.length;
  let bytes = 0;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? (i++, 4) : 3;
  }
  return bytes;
}
