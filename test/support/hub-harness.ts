// Shared setup of the hub's unit tests: two mock workspaces, in-memory storage, fake ports, fake timers.
import { afterEach, beforeEach, vi } from 'vitest';
import type { WorkspaceEvent } from '@edgevault/realtime';
import { Hub, type HubOptions } from '../../lib/hub/hub';
import type { HistoryEntry } from '../../lib/protocol';
import { EXTENSION_ID, FakePort, MemoryStore } from './fake-extension';
import { MockSocket, MockWorkspace } from './mock-workspace';

export const URL_A = 'ws://127.0.0.1:9/api/v1/workspaces/a/ws?token=secret-token-a';
export const URL_B = 'ws://127.0.0.1:9/api/v1/workspaces/b/ws?token=secret-token-b';
export const ID_A = 'ws://127.0.0.1:9/api/v1/workspaces/a/ws';
export const ID_B = 'ws://127.0.0.1:9/api/v1/workspaces/b/ws';
export const change = (version: number): WorkspaceEvent => ({
  type: 'config.changed',
  environmentId: 'env_dev',
  key: 'K',
  kind: 'config',
  version,
  at: 1_000 + version,
});

/** Reset before every test by installHubHarness(). */
export const t = {
  a: undefined as unknown as MockWorkspace,
  b: undefined as unknown as MockWorkspace,
  local: new MemoryStore(),
  session: new MemoryStore(),
  badges: [] as { text: string; color: string }[],
  hubs: [] as Hub[],
  reports: [] as string[],
};

export function installHubHarness(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    t.a = new MockWorkspace(URL_A);
    t.b = new MockWorkspace(URL_B);
    t.local = new MemoryStore();
    t.session = new MemoryStore();
    t.badges = [];
    t.hubs = [];
    t.reports = [];
  });
  afterEach(() => {
    for (const created of t.hubs) created.dispose();
    t.a.stop();
    t.b.stop();
    vi.useRealTimers();
  });
}

export function hub(options: HubOptions = {}): Hub {
  const created = new Hub(
    {
      local: t.local,
      session: t.session,
      extensionId: EXTENSION_ID,
      WebSocket: MockSocket,
      setBadge: (badge) => t.badges.push(badge),
      report: (message) => t.reports.push(message),
    },
    options,
  );
  t.hubs.push(created);
  return created;
}
export const settle = (ms = 100) => vi.advanceTimersByTimeAsync(ms);
export async function panel(target: Hub, workspaceId?: string): Promise<FakePort> {
  const port = new FakePort();
  target.connect(port);
  if (workspaceId) port.send({ type: 'subscribe', workspaceId });
  await settle();
  return port;
}
export async function watch(port: FakePort, url: string, rememberToken = false): Promise<void> {
  port.send({ type: 'watch', url, rememberToken });
  await settle();
}
export const historyOf = (port: FakePort, workspaceId: string): HistoryEntry[] => [
  ...port
    .of('snapshot')
    .filter((m) => m.workspaceId === workspaceId)
    .flatMap((m) => m.history),
  ...port
    .of('increment')
    .filter((m) => m.workspaceId === workspaceId)
    .flatMap((m) => m.history),
];
