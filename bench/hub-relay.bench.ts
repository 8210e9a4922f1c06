// Events per second from the socket to port deliveries with 1 and 10 subscribers, and heap after 1,000,000
// events, beside the same events delivered to one subscriber without batching (one port message per event).
// Ports structured-clone every message, as Chrome's runtime ports serialize them.
import { Hub } from '../lib/hub/hub';
import { DrivenSocket, DrivenSocketClass } from '../test/support/driven-socket';
import { FakePort, memoryPlatform } from '../test/support/fake-extension';

const EVENTS = 200_000;
const HEAP_EVENTS = 1_000_000;
const frame = (i: number) =>
  `{"type":"config.changed","environmentId":"env_prod","key":"K${i % 100}","kind":"flag","version":${i},"at":${i}}`;
const frames = Array.from({ length: EVENTS }, (_, i) => frame(i + 1));
const tick = () => new Promise((done) => setTimeout(done, 0));

async function run(subscribers: number, maxBatch: number, events = EVENTS) {
  const hub = new Hub(memoryPlatform({ WebSocket: DrivenSocketClass }), { maxBatch, batchIntervalMs: 50 });
  await hub.ready;
  let delivered = 0;
  let messages = 0;
  const ports = Array.from({ length: subscribers }, () => {
    const port = new FakePort();
    port.postMessage = (message) => {
      const copy = structuredClone(message);
      messages++;
      if (copy.type === 'increment') delivered += copy.history.length;
    };
    hub.connect(port);
    return port;
  });
  ports[0]!.send({ type: 'watch', url: 'ws://h/api/v1/workspaces/w/ws?token=t' });
  await tick();
  for (const port of ports) port.send({ type: 'subscribe', workspaceId: 'ws://h/api/v1/workspaces/w/ws' });
  await tick();
  const socket = DrivenSocket.last!;
  socket.open();
  const start = performance.now();
  // Deliver in slices of 5,000 with a turn of the event loop between, as frames arrive in a browser.
  for (let i = 0; i < events; i += 5_000) {
    for (let j = i; j < i + 5_000 && j < events; j++)
      socket.deliver(events === EVENTS ? frames[j]! : frame(j + 1));
    await tick();
  }
  await new Promise((done) => setTimeout(done, 60));
  const seconds = (performance.now() - start) / 1000;
  hub.dispose();
  return { rate: events / seconds, delivered, messages, hub };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`${EVENTS.toLocaleString('en')} events, socket -> hub -> port(s)`);
console.log('setup'.padEnd(44), 'events/s'.padStart(12), 'port msgs'.padStart(12), 'delivered'.padStart(12));
for (const [label, subscribers, maxBatch] of [
  ['baseline: 1 subscriber, no batching', 1, 1],
  ['hub: 1 subscriber, batched', 1, 1_000],
  ['hub: 10 subscribers, batched', 10, 1_000],
] as const) {
  const { rate, messages, delivered } = await run(subscribers, maxBatch);
  console.log(
    label.padEnd(44),
    fmt(rate).padStart(12),
    fmt(messages).padStart(12),
    fmt(delivered).padStart(12),
  );
}

const gc = (globalThis as { gc?: () => void }).gc;
for (const [label, maxBatch] of [
  ['baseline (no batching)', 1],
  ['hub (batched)', 1_000],
] as const) {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const { hub, rate } = await run(1, maxBatch, HEAP_EVENTS);
  gc?.();
  const after = process.memoryUsage().heapUsed;
  const ring = hub.workspaces.values().next().value!.history;
  console.log(
    `${label}: ${HEAP_EVENTS.toLocaleString('en')} events at ${fmt(rate)}/s; heap after GC ${(after / 1048576).toFixed(1)} MiB ` +
      `(${((after - before) / 1048576).toFixed(1)} MiB above before the run, hub still referenced); history ring ${ring.size.toLocaleString('en')} / ${ring.capacity.toLocaleString('en')}`,
  );
}
