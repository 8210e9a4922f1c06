// Events, connection states and snapshots for panel tests and benchmarks.
import type { WorkspaceEvent } from '@edgevault/realtime';
import type { ConnectionState, HistoryEntry, HubMessage, WorkspaceSummary } from '../../lib/protocol';

export const WORKSPACE_ID = 'ws://127.0.0.1:8787/api/v1/workspaces/demo/ws';
export const DISPLAY_URL = `${WORKSPACE_ID}?token=•••`;

export const openConnection = (overrides: Partial<ConnectionState> = {}): ConnectionState => ({
  status: 'open',
  attempt: 1,
  nextRetryAt: null,
  lastClose: null,
  rttMs: 12,
  invalidFrames: 0,
  openedAt: 1_700_000_000_000,
  ...overrides,
});

export const summary = (overrides: Partial<WorkspaceSummary> = {}): WorkspaceSummary => ({
  id: WORKSPACE_ID,
  displayUrl: DISPLAY_URL,
  connection: openConnection(),
  users: ['ana'],
  lastEvent: null,
  unseen: 0,
  total: 0,
  ...overrides,
});

const KINDS = ['config', 'flag', 'secret'] as const;
const ENVS = ['env_dev', 'env_staging', 'env_prod'];

/** A varied stream: mostly config.changed across keys, kinds and environments, some other types. */
export function makeEvent(i: number): WorkspaceEvent {
  const at = 1_700_000_000_000 + i * 10;
  if (i % 50 === 0) return { type: 'presence', users: i % 100 === 0 ? ['ana'] : ['ana', 'bo'], at };
  if (i % 20 === 0) return { type: 'config.deleted', environmentId: ENVS[i % 3]!, key: `KEY_${i % 300}`, at };
  if (i % 97 === 0)
    return {
      type: 'promotion.completed',
      key: `KEY_${i % 300}`,
      sourceEnvironmentId: 'env_dev',
      targetEnvironmentId: 'env_prod',
      at,
    };
  return {
    type: 'config.changed',
    environmentId: ENVS[i % 3]!,
    key: `KEY_${i % 300}`,
    kind: KINDS[i % 3]!,
    version: i,
    at,
  };
}

export const entries = (count: number, from = 1): HistoryEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    receivedAt: 1_700_000_000_005 + (from + i) * 10,
    event: makeEvent(from + i),
  }));

export const entry = (seq: number, event: WorkspaceEvent): HistoryEntry => ({
  seq,
  receivedAt: event.at + 5,
  event,
});

export function snapshot(
  history: HistoryEntry[],
  extra: Partial<Extract<HubMessage, { type: 'snapshot' }>> = {},
): HubMessage {
  return {
    type: 'snapshot',
    workspaceId: WORKSPACE_ID,
    history,
    lifecycle: [],
    presence: { users: ['ana'], changes: [] },
    connection: openConnection(),
    historyLimit: 10_000,
    ...extra,
  };
}

export function increment(
  history: HistoryEntry[],
  extra: Partial<Extract<HubMessage, { type: 'increment' }>> = {},
): HubMessage {
  return {
    type: 'increment',
    workspaceId: WORKSPACE_ID,
    history,
    lifecycle: [],
    presence: [],
    users: null,
    connection: null,
    ...extra,
  };
}
