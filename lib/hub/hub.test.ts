import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceEvent } from '@edgevault/realtime';
import { MockSocket, MockWorkspace } from '../../test/support/mock-workspace';
import { EXTENSION_ID, FakePort, MemoryStore } from '../../test/support/fake-extension';
import { Hub, type HubOptions } from './hub';
import type { HistoryEntry } from '../protocol';

const URL_A = 'ws://127.0.0.1:9/api/v1/workspaces/a/ws?token=secret-token-a';
const URL_B = 'ws://127.0.0.1:9/api/v1/workspaces/b/ws?token=secret-token-b';
const ID_A = 'ws://127.0.0.1:9/api/v1/workspaces/a/ws';
const ID_B = 'ws://127.0.0.1:9/api/v1/workspaces/b/ws';
const change = (version: number): WorkspaceEvent => ({
  type: 'config.changed',
  environmentId: 'env_dev',
  key: 'K',
  kind: 'config',
  version,
  at: 1_000 + version,
});

let a: MockWorkspace;
let b: MockWorkspace;
let local: MemoryStore;
let session: MemoryStore;
let badges: { text: string; color: string }[];
let hubs: Hub[];
let reports: string[];

function hub(options: HubOptions = {}): Hub {
  const created = new Hub(
    {
      local,
      session,
      extensionId: EXTENSION_ID,
      WebSocket: MockSocket,
      setBadge: (badge) => badges.push(badge),
      report: (message) => reports.push(message),
    },
    options,
  );
  hubs.push(created);
  return created;
}
const settle = (ms = 100) => vi.advanceTimersByTimeAsync(ms);
async function panel(target: Hub, workspaceId?: string): Promise<FakePort> {
  const port = new FakePort();
  target.connect(port);
  if (workspaceId) port.send({ type: 'subscribe', workspaceId });
  await settle();
  return port;
}
async function watch(port: FakePort, url: string, rememberToken = false) {
  port.send({ type: 'watch', url, rememberToken });
  await settle();
}
const historyOf = (port: FakePort, workspaceId: string): HistoryEntry[] => [
  ...port
    .of('snapshot')
    .filter((m) => m.workspaceId === workspaceId)
    .flatMap((m) => m.history),
  ...port
    .of('increment')
    .filter((m) => m.workspaceId === workspaceId)
    .flatMap((m) => m.history),
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  a = new MockWorkspace(URL_A);
  b = new MockWorkspace(URL_B);
  local = new MemoryStore();
  session = new MemoryStore();
  badges = [];
  hubs = [];
  reports = [];
});
afterEach(() => {
  for (const h of hubs) h.dispose();
  a.stop();
  b.stop();
  vi.useRealTimers();
});

describe('one socket per workspace', () => {
  it('two panels on one workspace share one socket and both receive its events', async () => {
    const h = hub();
    const first = await panel(h);
    await watch(first, URL_A);
    const second = await panel(h);
    await watch(second, URL_A);
    first.send({ type: 'subscribe', workspaceId: ID_A });
    second.send({ type: 'subscribe', workspaceId: ID_A });
    await settle();
    a.broadcast(change(1));
    await settle();
    expect(a.connections).toBe(1);
    expect(a.clients()).toHaveLength(1);
    expect(historyOf(first, ID_A).map((e) => e.event)).toEqual([change(1)]);
    expect(historyOf(second, ID_A).map((e) => e.event)).toEqual([change(1)]);
  });

  it('panels on two workspaces get two sockets, each only its own events', async () => {
    const h = hub();
    const first = await panel(h);
    await watch(first, URL_A);
    await watch(first, URL_B);
    first.send({ type: 'subscribe', workspaceId: ID_A });
    const second = await panel(h, ID_B);
    await settle();
    a.broadcast(change(1));
    b.broadcast(change(2));
    await settle();
    expect([a.connections, b.connections]).toEqual([1, 1]);
    expect(historyOf(first, ID_A).map((e) => e.event.type === 'config.changed' && e.event.version)).toEqual([
      1,
    ]);
    expect(historyOf(second, ID_B).map((e) => e.event.type === 'config.changed' && e.event.version)).toEqual([
      2,
    ]);
  });

  it('stays connected with no panel open, and unwatch closes the socket', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    port.close();
    a.broadcast(change(1));
    await settle();
    expect(h.workspaces.get(ID_A)!.history.size).toBe(1);
    const other = await panel(h);
    other.send({ type: 'unwatch', workspaceId: ID_A });
    await settle();
    expect(a.clients()).toHaveLength(0);
    expect(h.workspaces.size).toBe(0);
    expect(other.of('workspaces').at(-1)!.workspaces).toEqual([]);
  });

  it('watching the same workspace with a new token reconnects with it', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    await watch(port, 'ws://127.0.0.1:9/api/v1/workspaces/a/ws?token=fresh');
    expect(h.workspaces.size).toBe(1);
    expect(a.connections).toBe(2);
    expect(a.clients().map((client) => client.url)).toEqual([
      'ws://127.0.0.1:9/api/v1/workspaces/a/ws?token=fresh',
    ]);
  });
});

describe('snapshot, then increments', () => {
  it('loses and duplicates nothing at the seam', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    for (let v = 1; v <= 50; v++) a.broadcast(change(v));
    const late = new FakePort();
    h.connect(late);
    a.broadcast(change(51)); // arrives while the late panel's subscribe is in flight
    late.send({ type: 'subscribe', workspaceId: ID_A });
    for (let v = 52; v <= 100; v++) a.broadcast(change(v));
    await settle();
    for (let v = 101; v <= 150; v++) a.broadcast(change(v));
    await settle();
    const versions = historyOf(late, ID_A).map((e) =>
      e.event.type === 'config.changed' ? e.event.version : 0,
    );
    expect(versions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const seqs = historyOf(late, ID_A).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const snapshot = late.of('snapshot')[0]!;
    expect(snapshot.connection.status).toBe('open');
    expect(snapshot.historyLimit).toBe(10_000);
  });

  it('batches: a burst of 5,000 events reaches a port in a handful of messages', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    port.send({ type: 'subscribe', workspaceId: ID_A });
    await settle();
    const before = port.received.length;
    for (let v = 1; v <= 5_000; v++) a.broadcast(change(v));
    await settle();
    const increments = port.of('increment').filter((m) => m.history.length > 0);
    expect(increments.reduce((n, m) => n + m.history.length, 0)).toBe(5_000);
    expect(port.received.length - before).toBeLessThanOrEqual(12);
  });

  it('pause stops increments to that port only; resume sends a fresh snapshot', async () => {
    const h = hub();
    const paused = await panel(h);
    await watch(paused, URL_A);
    paused.send({ type: 'subscribe', workspaceId: ID_A });
    const live = await panel(h, ID_A);
    paused.send({ type: 'pause' });
    await settle();
    const mark = paused.received.length;
    a.broadcast(change(1));
    await settle();
    expect(paused.received.slice(mark).filter((m) => m.type === 'increment')).toEqual([]);
    expect(historyOf(live, ID_A)).toHaveLength(1);
    paused.send({ type: 'resume' });
    await settle();
    expect(
      paused
        .of('snapshot')
        .at(-1)!
        .history.map((e) => e.event),
    ).toEqual([change(1)]);
  });

  it('clear-history empties the ring and tells every subscribed panel', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    port.send({ type: 'subscribe', workspaceId: ID_A });
    a.broadcast(change(1));
    await settle();
    port.send({ type: 'clear-history', workspaceId: ID_A });
    await settle();
    expect(h.workspaces.get(ID_A)!.history.size).toBe(0);
    expect(port.of('history-cleared')).toEqual([{ type: 'history-cleared', workspaceId: ID_A }]);
  });

  it('records presence joins and leaves, the lifecycle, and close codes with their meaning', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    port.send({ type: 'subscribe', workspaceId: ID_A });
    a.broadcast({ type: 'presence', users: ['ana'], at: 1 });
    a.broadcast({ type: 'presence', users: ['ana', 'bo'], at: 2 });
    a.broadcast({ type: 'presence', users: ['bo'], at: 3 });
    a.broadcast('not json');
    await settle();
    a.closeAll(4401, 'invalid token');
    await settle();
    const workspace = h.workspaces.get(ID_A)!;
    expect(workspace.presence()).toEqual({
      users: ['bo'],
      changes: [
        { at: 1, user: 'ana', change: 'joined' },
        { at: 2, user: 'bo', change: 'joined' },
        { at: 3, user: 'ana', change: 'left' },
      ],
    });
    const kinds = workspace.lifecycle.toArray().map((e) => e.kind);
    expect(kinds).toEqual(['status', 'attempt', 'status', 'open', 'invalid-frame', 'close', 'status']);
    expect(workspace.lifecycle.toArray().find((e) => e.kind === 'close')).toMatchObject({
      code: 4401,
      meaning: 'unauthorized: bad or missing token',
      final: true,
    });
    expect(port.of('workspaces').at(-1)!.workspaces[0]!.connection).toMatchObject({
      status: 'closed',
      lastClose: { code: 4401 },
    });
  });
});

describe('storage and restart', () => {
  it('keeps tokens in session storage only, unless the user opts in', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    await watch(port, URL_B, true);
    expect(local.dump()).not.toContain('secret-token-a');
    expect(local.dump()).toContain('secret-token-b');
    expect(session.dump()).toContain('secret-token-a');
    expect(JSON.stringify(port.received)).not.toContain('secret-token');
    expect(
      port
        .of('workspaces')
        .at(-1)!
        .workspaces.map((w) => w.displayUrl),
    ).toEqual([
      'ws://127.0.0.1:9/api/v1/workspaces/a/ws?token=•••',
      'ws://127.0.0.1:9/api/v1/workspaces/b/ws?token=•••',
    ]);
  });

  it('a worker restart (a new hub over the same storage) restores and reconnects once', async () => {
    const first = hub();
    const port = await panel(first);
    await watch(port, URL_A);
    await watch(port, URL_B);
    first.dispose(); // the worker is gone, and its sockets with it
    await settle();
    expect(a.clients()).toHaveLength(0);
    const second = hub();
    const reopened = await panel(second, ID_A);
    await settle();
    expect([a.connections, b.connections]).toEqual([2, 2]);
    expect([a.clients().length, b.clients().length]).toEqual([1, 1]);
    expect(reopened.of('snapshot')).toHaveLength(1);
    expect(
      reopened
        .of('workspaces')
        .at(-1)!
        .workspaces.map((w) => w.connection.status),
    ).toEqual(['open', 'open']);
  });

  it('after a browser restart (session storage gone) a remembered token reconnects; others wait for one', async () => {
    const first = hub();
    const port = await panel(first);
    await watch(port, URL_A);
    await watch(port, URL_B, true);
    first.dispose();
    session = new MemoryStore();
    const second = hub();
    await settle();
    expect(second.workspaces.size).toBe(2);
    expect(b.clients()).toHaveLength(1);
    expect(second.workspaces.get(ID_A)!.hasToken).toBe(false);
  });

  it('survives a corrupt watch list', async () => {
    await local.set('watched', [null, 7, { id: 42 }, { id: ID_A, rememberToken: 'yes' }]);
    await session.set('tokens', 'garbage');
    const h = hub();
    await settle();
    expect([...h.workspaces.keys()]).toEqual([ID_A]);
  });
});

describe('bad port messages and foreign senders', () => {
  const malformed: unknown[] = [
    null,
    undefined,
    42,
    'watch',
    [],
    {},
    { type: 'explode' },
    { type: 'watch' },
    { type: 'watch', url: 7 },
    { type: 'watch', url: 'x'.repeat(5_000) },
    { type: 'watch', url: URL_A, rememberToken: 'yes' },
    { type: 'unwatch' },
    { type: 'unwatch', workspaceId: 'never-watched' },
    { type: 'subscribe' },
    { type: 'subscribe', workspaceId: 5 },
    { type: 'reconnect', workspaceId: {} },
    { type: 'clear-history', workspaceId: 'nope' },
    { type: '__proto__' },
  ];

  it('drops every malformed message with a reason, and keeps working', async () => {
    const h = hub();
    const port = await panel(h);
    for (const message of malformed) port.send(message);
    await settle();
    expect(h.rejectedMessages).toBe(malformed.length);
    expect(port.of('rejected')).toHaveLength(malformed.length);
    expect(reports).toHaveLength(malformed.length);
    await watch(port, URL_A);
    expect(a.clients()).toHaveLength(1);
  });

  it('answers a bad URL with a clear watch error', async () => {
    const h = hub();
    const port = await panel(h);
    port.send({ type: 'watch', url: 'https://example.test/ws' });
    port.send({ type: 'watch', url: 'not a url' });
    await settle();
    expect(port.of('watch-result')).toEqual([
      { type: 'watch-result', ok: false, error: 'expected a ws:// or wss:// URL, got https://' },
      { type: 'watch-result', ok: false, error: 'not a URL: expected ws://… or wss://…' },
    ]);
  });

  it('refuses ports from another extension or with another name', async () => {
    const h = hub();
    const foreign = new FakePort({ id: 'someone-else' });
    const anonymous = new FakePort({});
    const misnamed = new FakePort({ id: EXTENSION_ID }, 'other');
    for (const port of [foreign, anonymous, misnamed]) h.connect(port);
    foreign.send({ type: 'watch', url: URL_A });
    await settle();
    expect([foreign.disconnected, anonymous.disconnected, misnamed.disconnected]).toEqual([true, true, true]);
    expect(foreign.received).toEqual([]);
    expect(h.rejectedPorts).toBe(3);
    expect(a.connections).toBe(0);
  });

  it('a port that goes away mid-stream is dropped without an error', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    port.send({ type: 'subscribe', workspaceId: ID_A });
    await settle();
    port.disconnected = true; // gone, but its onDisconnect has not fired yet
    a.broadcast(change(1));
    await expect(settle()).resolves.not.toThrow();
  });
});

describe('badge', () => {
  it('shows the worst status and the events since the popup was last opened', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    await watch(port, URL_B);
    await settle();
    expect(badges.at(-1)).toEqual({ text: '', color: '#1a7f37' });
    a.broadcast(change(1));
    a.broadcast(change(2));
    b.broadcast(change(3));
    await settle();
    expect(badges.at(-1)).toEqual({ text: '3', color: '#1a7f37' });
    port.send({ type: 'popup-opened' });
    await settle();
    expect(badges.at(-1)!.text).toBe('');
    b.closeAll(4403, 'no access');
    await settle();
    expect(badges.at(-1)).toEqual({ text: '!', color: '#cf222e' });
  });
});
