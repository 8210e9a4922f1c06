// The hub: storage and worker restarts, bad port messages and foreign senders, the badge.
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, FakePort, MemoryStore } from '../../test/support/fake-extension';
import {
  ID_A,
  URL_A,
  URL_B,
  change,
  hub,
  installHubHarness,
  panel,
  settle,
  t,
  watch,
} from '../../test/support/hub-harness';

installHubHarness();

describe('storage and restart', () => {
  it('keeps tokens in session storage only, unless the user opts in', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    await watch(port, URL_B, true);
    expect(t.local.dump()).not.toContain('secret-token-a');
    expect(t.local.dump()).toContain('secret-token-b');
    expect(t.session.dump()).toContain('secret-token-a');
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
    expect(t.a.clients()).toHaveLength(0);
    const second = hub();
    const reopened = await panel(second, ID_A);
    await settle();
    expect([t.a.connections, t.b.connections]).toEqual([2, 2]);
    expect([t.a.clients().length, t.b.clients().length]).toEqual([1, 1]);
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
    t.session = new MemoryStore();
    const second = hub();
    await settle();
    expect(second.workspaces.size).toBe(2);
    expect(t.b.clients()).toHaveLength(1);
    expect(second.workspaces.get(ID_A)!.hasToken).toBe(false);
  });

  it('survives a corrupt watch list', async () => {
    await t.local.set('watched', [null, 7, { id: 42 }, { id: ID_A, rememberToken: 'yes' }]);
    await t.session.set('tokens', 'garbage');
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
    expect(t.reports).toHaveLength(malformed.length);
    await watch(port, URL_A);
    expect(t.a.clients()).toHaveLength(1);
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
    expect(t.a.connections).toBe(0);
  });

  it('a port that goes away mid-stream is dropped without an error', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    port.send({ type: 'subscribe', workspaceId: ID_A });
    await settle();
    port.disconnected = true; // gone, but its onDisconnect has not fired yet
    t.a.broadcast(change(1));
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
    expect(t.badges.at(-1)).toEqual({ text: '', color: '#1a7f37' });
    t.a.broadcast(change(1));
    t.a.broadcast(change(2));
    t.b.broadcast(change(3));
    await settle();
    expect(t.badges.at(-1)).toEqual({ text: '3', color: '#1a7f37' });
    port.send({ type: 'popup-opened' });
    await settle();
    expect(t.badges.at(-1)!.text).toBe('');
    t.b.closeAll(4403, 'no access');
    await settle();
    expect(t.badges.at(-1)).toEqual({ text: '!', color: '#cf222e' });
  });
});

describe('subscribing to a workspace that is not watched', () => {
  it('is not an error: no snapshot, no refusal, and the snapshot comes once it is watched', async () => {
    const h = hub();
    const port = await panel(h, ID_A);
    expect(port.of('rejected')).toEqual([]);
    expect(port.of('snapshot')).toEqual([]);
    await watch(port, URL_A);
    expect(h.rejectedMessages).toBe(0);
    port.send({ type: 'subscribe', workspaceId: ID_A });
    await settle();
    expect(port.of('snapshot')).toHaveLength(1);
  });
});
