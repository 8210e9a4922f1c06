// The client's liveness: ping cadence, pongs and RTT, dead links, reconnect with backoff, final close codes.
import { describe, expect, it, vi } from 'vitest';
import { MockWorkspace } from '../../test/support/mock-workspace';
import {
  changed,
  client,
  dropAll,
  h,
  installClientHarness,
  ofType,
  settle,
} from '../../test/support/client-harness';

installClientHarness();

describe('ping, pong and dead links', () => {
  it('sends exactly {"type":"ping"} every pingIntervalMs while open', async () => {
    const c = client({ pingIntervalMs: 1_000 });
    c.connect();
    await settle(10);
    await settle(3_000);
    expect(h.workspace.received).toEqual(['{"type":"ping"}', '{"type":"ping"}', '{"type":"ping"}']);
    c.close();
  });

  it('defaults to a 30 s ping', async () => {
    const c = client();
    c.connect();
    await settle(10);
    await settle(29_000);
    expect(h.workspace.received).toHaveLength(0);
    await settle(1_000);
    expect(h.workspace.received).toEqual(['{"type":"ping"}']);
    c.close();
  });

  it('stamps a pong without at with its receipt time and measures RTT', async () => {
    const c = client({ pingIntervalMs: 1_000 });
    c.connect();
    await settle(10);
    await settle(1_000);
    const pong = h.events.find((e) => e.type === 'pong');
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
    h.workspace.broadcast({ type: 'pong', at: 42 });
    expect(h.events).toEqual([{ type: 'pong', at: 42 }]);
    c.close();
  });

  it('closes and reconnects when nothing arrives within the interval plus the pong timeout', async () => {
    h.workspace.answerPings = false;
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
    h.workspace.answerPings = true;
    await settle(4_000);
    expect(c.status).toBe('open');
    expect(h.workspace.connections).toBe(2);
    c.close();
  });

  it('any frame after a ping proves the link alive', async () => {
    h.workspace.answerPings = false;
    const c = client({ pingIntervalMs: 1_000, pongTimeoutMs: 500 });
    c.connect();
    await settle(10);
    for (let i = 0; i < 10; i++) {
      await settle(1_200);
      h.workspace.broadcast(changed);
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
    expect(h.workspace.received.length).toBeGreaterThanOrEqual(4);
    h.workspace.answerPings = false;
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
    expect(h.workspace.received).toHaveLength(2);
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
    expect(h.statuses).toEqual(['connecting', 'open', 'connecting', 'open']);
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
    h.workspace.stop();
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
    expect(h.workspace.connections).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not reconnect with reconnect: false', async () => {
    const c = client({ reconnect: false });
    c.connect();
    await settle();
    await dropAll(1011, 'oops');
    expect(c.status).toBe('closed');
    await settle(60_000);
    expect(h.workspace.connections).toBe(1);
  });

  it('retries at once when the network comes back online', async () => {
    const target = new EventTarget();
    vi.stubGlobal('addEventListener', target.addEventListener.bind(target));
    vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target));
    try {
      h.workspace.stop();
      const c = client({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
      c.connect();
      await settle();
      const attempts = ofType('attempt').length;
      h.workspace = new MockWorkspace();
      target.dispatchEvent(new Event('online'));
      await settle();
      expect(ofType('attempt').length).toBe(attempts + 1);
      expect(c.status).toBe('open');
      c.close();
      target.dispatchEvent(new Event('online'));
      await settle();
      expect(h.workspace.connections).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('retries at once when a hidden page becomes visible, not while it stays hidden', async () => {
    const page = Object.assign(new EventTarget(), { hidden: true });
    vi.stubGlobal('document', page);
    try {
      h.workspace.stop();
      const c = client({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
      c.connect();
      await settle();
      const attempts = ofType('attempt').length;
      h.workspace = new MockWorkspace();
      page.dispatchEvent(new Event('visibilitychange')); // still hidden: wait for the backoff
      await settle();
      expect(ofType('attempt').length).toBe(attempts);
      page.hidden = false;
      page.dispatchEvent(new Event('visibilitychange'));
      await settle();
      expect(ofType('attempt').length).toBe(attempts + 1);
      expect(c.status).toBe('open');
      c.close();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('never holds two sockets: a dead-link reconnect closes the old one first', async () => {
    h.workspace.answerPings = false;
    const c = client({ pingIntervalMs: 500, pongTimeoutMs: 100, backoff: { baseMs: 10, maxMs: 50 } });
    c.connect();
    for (let i = 0; i < 40; i++) {
      await settle(50);
      expect(h.workspace.clients().length).toBeLessThanOrEqual(1);
    }
    expect(ofType('dead-link').length).toBeGreaterThan(1);
    c.close();
  });
});
