// The hub: one socket per workspace, snapshot then increments, batching, pause, history, presence, lifecycle.
import { describe, expect, it } from 'vitest';
import { FakePort } from '../../test/support/fake-extension';
import {
  ID_A,
  ID_B,
  URL_A,
  URL_B,
  change,
  historyOf,
  hub,
  installHubHarness,
  panel,
  settle,
  t,
  watch,
} from '../../test/support/hub-harness';

installHubHarness();

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
    t.a.broadcast(change(1));
    await settle();
    expect(t.a.connections).toBe(1);
    expect(t.a.clients()).toHaveLength(1);
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
    t.a.broadcast(change(1));
    t.b.broadcast(change(2));
    await settle();
    expect([t.a.connections, t.b.connections]).toEqual([1, 1]);
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
    t.a.broadcast(change(1));
    await settle();
    expect(h.workspaces.get(ID_A)!.history.size).toBe(1);
    const other = await panel(h);
    other.send({ type: 'unwatch', workspaceId: ID_A });
    await settle();
    expect(t.a.clients()).toHaveLength(0);
    expect(h.workspaces.size).toBe(0);
    expect(other.of('workspaces').at(-1)!.workspaces).toEqual([]);
  });

  it('watching the same workspace with a new token reconnects with it', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    await watch(port, 'ws://127.0.0.1:9/api/v1/workspaces/a/ws?token=fresh');
    expect(h.workspaces.size).toBe(1);
    expect(t.a.connections).toBe(2);
    expect(t.a.clients().map((client) => client.url)).toEqual([
      'ws://127.0.0.1:9/api/v1/workspaces/a/ws?token=fresh',
    ]);
  });
});

describe('snapshot, then increments', () => {
  it('loses and duplicates nothing at the seam', async () => {
    const h = hub();
    const port = await panel(h);
    await watch(port, URL_A);
    for (let v = 1; v <= 50; v++) t.a.broadcast(change(v));
    const late = new FakePort();
    h.connect(late);
    t.a.broadcast(change(51)); // arrives while the late panel's subscribe is in flight
    late.send({ type: 'subscribe', workspaceId: ID_A });
    for (let v = 52; v <= 100; v++) t.a.broadcast(change(v));
    await settle();
    for (let v = 101; v <= 150; v++) t.a.broadcast(change(v));
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
    for (let v = 1; v <= 5_000; v++) t.a.broadcast(change(v));
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
    t.a.broadcast(change(1));
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
    t.a.broadcast(change(1));
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
    t.a.broadcast({ type: 'presence', users: ['ana'], at: 1 });
    t.a.broadcast({ type: 'presence', users: ['ana', 'bo'], at: 2 });
    t.a.broadcast({ type: 'presence', users: ['bo'], at: 3 });
    t.a.broadcast('not json');
    await settle();
    t.a.closeAll(4401, 'invalid token');
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
