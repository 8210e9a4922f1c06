// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/preact';
import { MockSocket, MockWorkspace } from '../../test/support/mock-workspace';
import { useWorkspaceEvents } from './react';
import type { WorkspaceEvent } from './events';

const event: WorkspaceEvent = { type: 'config.deleted', environmentId: 'e', key: 'k', at: 1 };
let a: MockWorkspace;
let b: MockWorkspace;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  a = new MockWorkspace('ws://127.0.0.1:9/api/v1/workspaces/a/ws?token=t');
  b = new MockWorkspace('ws://127.0.0.1:9/api/v1/workspaces/b/ws?token=t');
});
afterEach(() => {
  a.stop();
  b.stop();
  vi.useRealTimers();
});
const settle = () =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(20);
  });
const options = { WebSocket: MockSocket };

it('stays disconnected with a null url', async () => {
  const { result } = renderHook(() => useWorkspaceEvents(null, () => {}, options));
  await settle();
  expect(result.current).toBe('closed');
  expect(a.connections + b.connections).toBe(0);
});

it('connects, returns the status, and delivers events', async () => {
  const seen: WorkspaceEvent[] = [];
  const { result } = renderHook(() => useWorkspaceEvents(a.url, (e) => seen.push(e), options));
  expect(result.current).toBe('connecting');
  await settle();
  expect(result.current).toBe('open');
  act(() => a.broadcast(event));
  expect(seen).toEqual([event]);
});

it('a new url closes the old socket and opens one', async () => {
  const { result, rerender } = renderHook(({ url }) => useWorkspaceEvents(url, () => {}, options), {
    initialProps: { url: a.url },
  });
  await settle();
  rerender({ url: b.url });
  await settle();
  expect(result.current).toBe('open');
  expect(a.clients()).toHaveLength(0);
  expect(b.clients()).toHaveLength(1);
});

it('calls the newest onEvent without reconnecting', async () => {
  const first: WorkspaceEvent[] = [];
  const second: WorkspaceEvent[] = [];
  const { rerender } = renderHook(({ sink }) => useWorkspaceEvents(a.url, (e) => sink.push(e), options), {
    initialProps: { sink: first },
  });
  await settle();
  rerender({ sink: second });
  await settle();
  act(() => a.broadcast(event));
  expect(first).toEqual([]);
  expect(second).toEqual([event]);
  expect(a.connections).toBe(1);
});

it('switching to null disconnects, and unmount closes', async () => {
  const { result, rerender, unmount } = renderHook(
    ({ url }: { url: string | null }) => useWorkspaceEvents(url, () => {}, options),
    { initialProps: { url: a.url as string | null } },
  );
  await settle();
  rerender({ url: null });
  await settle();
  expect(result.current).toBe('closed');
  expect(a.clients()).toHaveLength(0);
  rerender({ url: a.url });
  await settle();
  expect(a.clients()).toHaveLength(1);
  unmount();
  await settle();
  expect(a.clients()).toHaveLength(0);
});

it('a double mount (as StrictMode does) leaves exactly one socket', async () => {
  const first = renderHook(() => useWorkspaceEvents(a.url, () => {}, options));
  first.unmount();
  const second = renderHook(() => useWorkspaceEvents(a.url, () => {}, options));
  await settle();
  expect(a.clients()).toHaveLength(1);
  expect(second.result.current).toBe('open');
});
