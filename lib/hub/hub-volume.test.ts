// Volume: a million events through the hub with a subscribed port, on a hand-driven socket (no network).
import { expect, it } from 'vitest';
import { DrivenSocket, DrivenSocketClass } from '../../test/support/driven-socket';
import { FakePort, memoryPlatform } from '../../test/support/fake-extension';
import { Hub } from './hub';
import { LIFECYCLE_LIMIT } from './watched-workspace';

it('keeps history bounded after 1,000,000 events, and the port receives them all in batches', async () => {
  const hub = new Hub(memoryPlatform({ WebSocket: DrivenSocketClass }), {
    historyLimit: 10_000,
    batchIntervalMs: 60_000,
    maxBatch: 1_000,
  });
  await hub.ready;
  const port = new FakePort();
  let delivered = 0;
  let messages = 0;
  port.postMessage = (message) => {
    messages++;
    if (message.type === 'increment') delivered += message.history.length;
  };
  hub.connect(port);
  port.send({ type: 'watch', url: 'ws://h/api/v1/workspaces/w/ws?token=t' });
  await new Promise((done) => setTimeout(done, 0));
  const id = 'ws://h/api/v1/workspaces/w/ws';
  port.send({ type: 'subscribe', workspaceId: id });
  await new Promise((done) => setTimeout(done, 0));
  const socket = DrivenSocket.last!;
  socket.open();
  const frame = (i: number) =>
    `{"type":"config.changed","environmentId":"env_prod","key":"K${i % 100}","kind":"flag","version":${i},"at":${i}}`;
  for (let i = 1; i <= 1_000_000; i++) socket.deliver(frame(i));
  const workspace = hub.workspaces.get(id)!;
  expect(workspace.history.size).toBe(10_000);
  expect(workspace.history.toArray()[0]!.seq).toBe(990_001);
  expect(workspace.history.last()!.seq).toBe(1_000_000);
  expect(workspace.lifecycle.size).toBeLessThanOrEqual(LIFECYCLE_LIMIT);
  expect(workspace.total).toBe(1_000_000);
  expect(delivered).toBe(1_000_000);
  expect(messages).toBeLessThan(1_100);
  hub.dispose();
}, 60_000);
