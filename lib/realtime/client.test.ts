// The client: connecting, validation of every frame, handshake timeout. (Liveness and reconnect: client-liveness.test.ts.)
import { describe, expect, it, vi } from 'vitest';
import {
  changed,
  client,
  dropAll,
  h,
  installClientHarness,
  ofType,
  settle,
} from '../../test/support/client-harness';
import type { WorkspaceEvent } from './index';

installClientHarness();

describe('connecting and receiving', () => {
  it('opens, reports status changes once each, and delivers valid events', async () => {
    const c = client();
    c.connect();
    expect(c.status).toBe('connecting');
    await settle();
    expect(c.status).toBe('open');
    h.workspace.broadcast(changed);
    expect(h.events).toEqual([changed]);
    expect(h.statuses).toEqual(['connecting', 'open']);
    c.close();
    expect(h.statuses).toEqual(['connecting', 'open', 'closed']);
  });

  it('connect() while connecting or open does nothing: one socket', async () => {
    const c = client();
    c.connect();
    c.connect();
    await settle();
    c.connect();
    await settle();
    expect(h.workspace.connections).toBe(1);
    expect(h.workspace.clients()).toHaveLength(1);
    c.close();
  });

  it('close() is idempotent, leaves no timer, and connect() after it starts afresh', async () => {
    const c = client();
    c.connect();
    await settle();
    c.close();
    c.close();
    await settle();
    expect(vi.getTimerCount()).toBe(0);
    expect(h.workspace.clients()).toHaveLength(0);
    expect(h.statuses.filter((s) => s === 'closed')).toHaveLength(1);
    c.connect();
    await settle();
    expect(c.status).toBe('open');
    expect(c.attempt).toBe(1);
    expect(h.workspace.connections).toBe(2);
    c.close();
  });

  it('calls a url function before every attempt and awaits a promise', async () => {
    let calls = 0;
    const c = client({ url: async () => `${h.workspace.url}&n=${++calls}` });
    c.connect();
    await settle();
    expect(c.status).toBe('open');
    await dropAll(1011, 'restart');
    await settle(10_000);
    expect(calls).toBe(2);
    expect(c.status).toBe('open');
    c.close();
  });

  it('retries when the url function rejects, and reports why', async () => {
    let fail = true;
    const c = client({
      url: () => (fail ? Promise.reject(new Error('token service down')) : Promise.resolve(h.workspace.url)),
    });
    c.connect();
    await settle();
    expect(c.status).toBe('connecting');
    expect(ofType('error')[0]?.message).toContain('token service down');
    fail = false;
    await settle(10_000);
    expect(c.status).toBe('open');
    c.close();
  });

  it('a url the WebSocket constructor rejects is final and reported', async () => {
    const c = client({ url: 'not a url' });
    c.connect();
    await settle();
    expect(c.status).toBe('closed');
    expect(ofType('error')[0]?.message).toMatch(/bad url/);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an onEvent that throws is reported and later events still arrive', async () => {
    let first = true;
    const c = client({
      onEvent: (event) => {
        if (first) {
          first = false;
          throw new Error('handler bug');
        }
        h.events.push(event);
      },
    });
    c.connect();
    await settle();
    h.workspace.broadcast(changed);
    h.workspace.broadcast(changed);
    expect(h.events).toHaveLength(1);
    expect(ofType('error')[0]?.message).toContain('handler bug');
    c.close();
  });
});

describe('validation', () => {
  const valid: WorkspaceEvent[] = [
    changed,
    { type: 'config.deleted', environmentId: 'e', key: 'k', at: 1 },
    { type: 'environment.created', environmentId: 'e', slug: 'staging', at: 1 },
    { type: 'promotion.completed', key: 'k', sourceEnvironmentId: 'a', targetEnvironmentId: 'b', at: 1 },
    { type: 'presence', users: ['ana', 'bo'], at: 1 },
    { type: 'pong', at: 1 },
  ];
  const invalid: [string, unknown][] = [
    ['not JSON', '{"type":'],
    ['plain text', 'hello'],
    ['JSON array', '[1,2]'],
    ['JSON null', 'null'],
    ['JSON number', '42'],
    ['unknown type', { type: 'config.exploded', at: 1 }],
    ['missing type', { at: 1 }],
    ['type not a string', { type: 7, at: 1 }],
    ['missing at', { ...changed, at: undefined }],
    ['at as string', { ...changed, at: '1' }],
    ['at NaN (null in JSON)', '{"type":"pong","at":null}'],
    ['version as string', { ...changed, version: '3' }],
    ['unknown kind', { ...changed, kind: 'password' }],
    ['key missing', { type: 'config.deleted', environmentId: 'e', at: 1 }],
    ['slug a number', { type: 'environment.created', environmentId: 'e', slug: 1, at: 1 }],
    ['users not an array', { type: 'presence', users: 'ana', at: 1 }],
    ['users with a number', { type: 'presence', users: ['ana', 3], at: 1 }],
    ['promotion without target', { type: 'promotion.completed', key: 'k', sourceEnvironmentId: 'a', at: 1 }],
    ['prototype key as type', { type: '__proto__', at: 1 }],
    ['toString as type', { type: 'toString', at: 1 }],
    ['frame over 1 MiB', JSON.stringify({ ...changed, key: 'x'.repeat(1024 * 1024) })],
    ['multi-byte frame over 1 MiB', JSON.stringify({ ...changed, key: 'é'.repeat(600 * 1024) })],
    ['deep nesting', '['.repeat(100_000)],
  ];

  it('delivers every member of the union', async () => {
    const c = client();
    c.connect();
    await settle();
    for (const event of valid) h.workspace.broadcast(event);
    expect(h.events).toEqual(valid);
    c.close();
  });

  it.each(invalid)('drops %s, counts it, stays open, and delivers the next valid frame', async (_, frame) => {
    const c = client();
    c.connect();
    await settle();
    h.workspace.broadcast(frame);
    expect(h.events).toEqual([]);
    expect(c.invalidFrames).toBe(1);
    expect(ofType('invalid-frame')).toHaveLength(1);
    h.workspace.broadcast(changed);
    expect(h.events).toEqual([changed]);
    expect(c.status).toBe('open');
    c.close();
  });

  it('drops binary frames', async () => {
    const c = client();
    c.connect();
    await settle();
    for (const socket of h.workspace.clients()) socket.send(new Uint8Array([123, 125]).buffer);
    expect(ofType('invalid-frame')[0]?.error).toBe('binary frame');
    expect(c.status).toBe('open');
    c.close();
  });

  it('accepts a multi-byte frame just under 1 MiB', async () => {
    const c = client();
    c.connect();
    await settle();
    const big = { ...changed, key: 'é'.repeat(500 * 1024) }; // 1,000 KiB of UTF-8
    h.workspace.broadcast(big);
    expect(h.events).toHaveLength(1);
    c.close();
  });
});

describe('handshake timeout', () => {
  it('gives up on a handshake that never completes, and retries', async () => {
    // A socket that never opens: what a server that accepts TCP and never answers looks like.
    class Silent {
      static made = 0;
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      constructor() {
        Silent.made++;
      }
      send() {}
      close() {}
    }
    const c = client({
      WebSocket: Silent as never,
      connectTimeoutMs: 2_000,
      backoff: { baseMs: 10, maxMs: 20 },
    });
    c.connect();
    await settle(1_990);
    expect(ofType('dead-link')).toHaveLength(0);
    await settle(20);
    expect(ofType('dead-link')).toHaveLength(1);
    expect(c.lastClose).toEqual({ code: 4000, reason: 'dead link: handshake did not complete' });
    expect(c.status).toBe('connecting');
    await settle(100);
    expect(Silent.made).toBe(2);
    c.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
