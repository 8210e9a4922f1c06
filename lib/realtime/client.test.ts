import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockSocket, MockWorkspace } from '../../test/support/mock-workspace';
import {
  WorkspaceEventsClient,
  type ConnectionStatus,
  type Diagnostic,
  type WorkspaceEvent,
  type WorkspaceEventsClientOptions,
} from './index';

const changed: WorkspaceEvent = {
  type: 'config.changed',
  environmentId: 'env_prod',
  key: 'API_URL',
  kind: 'config',
  version: 3,
  at: 1_700_000_000_000,
};

let workspace: MockWorkspace;
let events: WorkspaceEvent[];
let statuses: ConnectionStatus[];
let diagnostics: Diagnostic[];

function client(options: Partial<WorkspaceEventsClientOptions> = {}): WorkspaceEventsClient {
  return new WorkspaceEventsClient({
    url: workspace.url,
    WebSocket: MockSocket,
    onEvent: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    ...options,
  });
}
const ofType = <T extends Diagnostic['type']>(type: T) =>
  diagnostics.filter((d): d is Extract<Diagnostic, { type: T }> => d.type === type);
const settle = (ms = 20) => vi.advanceTimersByTimeAsync(ms);
/** mock-socket delivers a server-side close 4 ms later, on a timer. */
const dropAll = async (code?: number, reason?: string) => {
  workspace.closeAll(code, reason);
  await settle(4);
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  workspace = new MockWorkspace();
  events = [];
  statuses = [];
  diagnostics = [];
});
afterEach(() => {
  workspace.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('connecting and receiving', () => {
  it('opens, reports status changes once each, and delivers valid events', async () => {
    const c = client();
    c.connect();
    expect(c.status).toBe('connecting');
    await settle();
    expect(c.status).toBe('open');
    workspace.broadcast(changed);
    expect(events).toEqual([changed]);
    expect(statuses).toEqual(['connecting', 'open']);
    c.close();
    expect(statuses).toEqual(['connecting', 'open', 'closed']);
  });

  it('connect() while connecting or open does nothing: one socket', async () => {
    const c = client();
    c.connect();
    c.connect();
    await settle();
    c.connect();
    await settle();
    expect(workspace.connections).toBe(1);
    expect(workspace.clients()).toHaveLength(1);
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
    expect(workspace.clients()).toHaveLength(0);
    expect(statuses.filter((s) => s === 'closed')).toHaveLength(1);
    c.connect();
    await settle();
    expect(c.status).toBe('open');
    expect(c.attempt).toBe(1);
    expect(workspace.connections).toBe(2);
    c.close();
  });

  it('calls a url function before every attempt and awaits a promise', async () => {
    let calls = 0;
    const c = client({ url: async () => `${workspace.url}&n=${++calls}` });
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
      url: () => (fail ? Promise.reject(new Error('token service down')) : Promise.resolve(workspace.url)),
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
        events.push(event);
      },
    });
    c.connect();
    await settle();
    workspace.broadcast(changed);
    workspace.broadcast(changed);
    expect(events).toHaveLength(1);
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
    for (const event of valid) workspace.broadcast(event);
    expect(events).toEqual(valid);
    c.close();
  });

  it.each(invalid)('drops %s, counts it, stays open, and delivers the next valid frame', async (_, frame) => {
    const c = client();
    c.connect();
    await settle();
    workspace.broadcast(frame);
    expect(events).toEqual([]);
    expect(c.invalidFrames).toBe(1);
    expect(ofType('invalid-frame')).toHaveLength(1);
    workspace.broadcast(changed);
    expect(events).toEqual([changed]);
    expect(c.status).toBe('open');
    c.close();
  });

  it('drops binary frames', async () => {
    const c = client();
    c.connect();
    await settle();
    for (const socket of workspace.clients()) socket.send(new Uint8Array([123, 125]).buffer);
    expect(ofType('invalid-frame')[0]?.error).toBe('binary frame');
    expect(c.status).toBe('open');
    c.close();
  });

  it('accepts a multi-byte frame just under 1 MiB', async () => {
    const c = client();
    c.connect();
    await settle();
    const big = { ...changed, key: 'é'.repeat(500 * 1024) }; // 1,000 KiB of UTF-8
    workspace.broadcast(big);
    expect(events).toHaveLength(1);
    c.close();
  });
});

describe('ping, pong and dead links', () => {
  it('sends exactly {"type":"ping"} every pingIntervalMs while open', async () => {
    const c = client({ pingIntervalMs: 1_000 });
    c.connect();
    await settle(10);
    await settle(3_000);
    expect(workspace.received).toEqual(['{"type":"ping"}', '{"type":"ping"}', '{"type":"ping"}']);
    c.close();
  });

  it('defaults to a 30 s ping', async () => {
    const c = client();
    c.connect();
    await settle(10);
    await settle(29_000);
    expect(workspace.received).toHaveLength(0);
    await settle(1_000);
    expect(workspace.received).toEqual(['{"type":"ping"}']);
    c.close();
  });

  it('stamps a pong without at with its receipt time and measures RTT', async () => {
    const c = client({ pingIntervalMs: 1_000 });
    c.connect();
    await settle(10);
    await settle(1_000);
    const pong = events.find((e) => e.type === 'pong');
    expect(pong?.at).toBeTypeOf('number');
    expect(Math.abs(pong!.at - Date.now())).toBeLessThan(50);
    expect(ofType('rtt')).toHaveLength(1);
    expect(c.rttMs).toBeGreaterThanOrEqual(0);
    c.close();
  });

  it('keeps a pong that carries its own at', async () => {
    const c = client();
    c.connect();
    await settle();
    workspace.broadcast({ type: 'pong', at: 42 });
    expect(events).toEqual([{ type: 'pong', at: 42 }]);
    c.close();
  });

  it('closes and reconnects when nothing arrives within the interval plus the pong timeout', async () => {
    workspace.answerPings = false;
    const c = client({ pingIntervalMs: 1_000, pongTimeoutMs: 500 });
    c.connect();
    await settle(10);
    const openedAt = ofType('open')[0]!.at;
    await settle(1_400);
    expect(ofType('dead-link')).toHaveLength(0);
    await settle(200);
    const dead = ofType('dead-link');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.at - openedAt).toBeGreaterThanOrEqual(1_500);
    expect(dead[0]!.at - openedAt).toBeLessThan(1_510);
    expect(c.lastClose).toEqual({ code: 4000, reason: 'dead link: no answer to ping' });
    expect(c.status).toBe('connecting');
    workspace.answerPings = true;
    await settle(4_000);
    expect(c.status).toBe('open');
    expect(workspace.connections).toBe(2);
    c.close();
  });

  it('any frame after a ping proves the link alive', async () => {
    workspace.answerPings = false;
    const c = client({ pingIntervalMs: 1_000, pongTimeoutMs: 500 });
    c.connect();
    await settle(10);
    for (let i = 0; i < 10; i++) {
      await settle(1_200);
      workspace.broadcast(changed);
    }
    expect(ofType('dead-link')).toHaveLength(0);
    expect(c.status).toBe('open');
    c.close();
  });

  it('a timer that fires late (throttled tab) neither raises a false alarm nor misses a dead link', async () => {
    const realSetTimeout = globalThis.setTimeout;
    // Every timer of the client fires 60 s late, as in a throttled background tab.
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms = 0, ...args: unknown[]) =>
      // mock-socket's own 4 ms delivery timers keep their time.
      realSetTimeout(fn, ms < 100 ? ms : ms + 60_000, ...args)) as typeof setTimeout);
    const c = client({ pingIntervalMs: 1_000, pongTimeoutMs: 500 });
    c.connect();
    await settle(60_010);
    expect(c.status).toBe('open');
    for (let i = 0; i < 5; i++) await settle(61_000);
    expect(ofType('dead-link')).toHaveLength(0);
    expect(workspace.received.length).toBeGreaterThanOrEqual(4);
    workspace.answerPings = false;
    await settle(61_000);
    await settle(61_000);
    expect(ofType('dead-link')).toHaveLength(1);
    c.close();
  });

  it('runs no timer while closed or before connect', async () => {
    const c = client({ pingIntervalMs: 1_000 });
    expect(vi.getTimerCount()).toBe(0);
    c.connect();
    await settle(2_500);
    c.close();
    await settle(5); // mock-socket's close delivery
    expect(vi.getTimerCount()).toBe(0);
    await settle(10_000);
    expect(workspace.received).toHaveLength(2);
  });
});

describe('reconnect', () => {
  it('reconnects after a server close with a jittered delay within the first window', async () => {
    const c = client();
    c.connect();
    await settle();
    await dropAll(1001, 'deploy');
    const retry = ofType('retry')[0]!;
    expect(retry.attempt).toBe(2);
    expect(retry.delayMs).toBeGreaterThanOrEqual(0);
    expect(retry.delayMs).toBeLessThan(4_000);
    expect(c.status).toBe('connecting');
    expect(c.nextRetryAt).toBe(retry.at + retry.delayMs);
    await settle(4_000);
    expect(c.status).toBe('open');
    expect(statuses).toEqual(['connecting', 'open', 'connecting', 'open']);
    c.close();
  });

  it('the first retry is jittered too: clients dropped together do not return in lockstep', async () => {
    const delays = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const c = client();
      c.connect();
      await settle();
      await dropAll();
      delays.add(ofType('retry').at(-1)!.delayMs);
      c.close();
    }
    expect(delays.size).toBeGreaterThan(15);
  });

  it('backs off while the server stays down, never beyond the cap', async () => {
    workspace.stop();
    const c = client({ backoff: { baseMs: 100, maxMs: 2_000 } });
    c.connect();
    await settle(120_000);
    const retries = ofType('retry');
    expect(retries.length).toBeGreaterThan(50);
    expect(Math.max(...retries.map((r) => r.delayMs))).toBeLessThanOrEqual(2_000);
    expect(retries.map((r) => r.attempt)).toEqual(retries.map((_, i) => i + 2));
    expect(c.status).toBe('connecting');
    c.close();
    await settle(5);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resets the attempt counter only after a connection stayed open resetAfterMs', async () => {
    const c = client({ backoff: { resetAfterMs: 5_000 } });
    c.connect();
    await settle();
    await dropAll();
    await settle(4_000);
    expect(c.attempt).toBe(2);
    await dropAll(); // dropped again soon after opening: counter keeps growing
    expect(ofType('retry').at(-1)!.attempt).toBe(3);
    await settle(8_000);
    await settle(5_000);
    await dropAll(); // stayed open 5 s: counter resets
    expect(ofType('retry').at(-1)!.attempt).toBe(1);
    c.close();
  });

  it.each([4401, 4403, 1008])('treats close code %i as final: no retry, reason kept', async (code) => {
    const c = client();
    c.connect();
    await settle();
    await dropAll(code, 'token rejected');
    expect(c.status).toBe('closed');
    expect(c.lastClose).toEqual({ code, reason: 'token rejected' });
    expect(ofType('close')[0]!.final).toBe(true);
    await settle(60_000);
    expect(workspace.connections).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not reconnect with reconnect: false', async () => {
    const c = client({ reconnect: false });
    c.connect();
    await settle();
    await dropAll(1011, 'oops');
    expect(c.status).toBe('closed');
    await settle(60_000);
    expect(workspace.connections).toBe(1);
  });

  it('retries at once when the network comes back online', async () => {
    const target = new EventTarget();
    vi.stubGlobal('addEventListener', target.addEventListener.bind(target));
    vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target));
    try {
      workspace.stop();
      const c = client({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
      c.connect();
      await settle();
      const attempts = ofType('attempt').length;
      workspace = new MockWorkspace();
      target.dispatchEvent(new Event('online'));
      await settle();
      expect(ofType('attempt').length).toBe(attempts + 1);
      expect(c.status).toBe('open');
      c.close();
      target.dispatchEvent(new Event('online'));
      await settle();
      expect(workspace.connections).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('never holds two sockets: a dead-link reconnect closes the old one first', async () => {
    workspace.answerPings = false;
    const c = client({ pingIntervalMs: 500, pongTimeoutMs: 100, backoff: { baseMs: 10, maxMs: 50 } });
    c.connect();
    for (let i = 0; i < 40; i++) {
      await settle(50);
      expect(workspace.clients().length).toBeLessThanOrEqual(1);
    }
    expect(ofType('dead-link').length).toBeGreaterThan(1);
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
