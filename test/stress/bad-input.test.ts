// Bad input: generated garbage into the client and into the hub. Zero exceptions out, every valid frame
// mixed in delivered, memory flat.
import { expect, it } from 'vitest';
import { WorkspaceEventsClient, type WorkspaceEvent } from '@edgevault/realtime';
import { Hub } from '../../lib/hub/hub';
import { DrivenSocket, DrivenSocketClass } from '../support/driven-socket';
import { EXTENSION_ID, FakePort, MemoryStore } from '../support/fake-extension';
import { heapAfterGc, mib, scale, seeded } from './scale';

const FRAMES = scale(20_000, 100_000);
const MESSAGES = scale(20_000, 100_000);
/** Heap growth allowed after everything is dropped: the client keeps counters, not frames. */
const HEAP_BOUND = 16 * 1048576;

const valid = (i: number): WorkspaceEvent => ({
  type: 'config.changed',
  environmentId: 'env_prod',
  key: `K${i}`,
  kind: 'secret',
  version: i,
  at: i,
});

function garbageFrame(random: () => number, i: number): string | ArrayBuffer {
  const pick = Math.floor(random() * 9);
  const good = JSON.stringify(valid(i));
  switch (pick) {
    case 0: // random bytes as text
      return String.fromCharCode(
        ...Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 65_536)),
      );
    case 1: // truncated JSON
      return good.slice(0, Math.floor(random() * (good.length - 1)));
    case 2: // deep JSON
      return '['.repeat(1 + Math.floor(random() * 50_000)) + ']'.repeat(Math.floor(random() * 10));
    case 3: // a huge string (rarely: each is over 1 MiB)
      return i % 997 === 0
        ? JSON.stringify({ ...valid(i), key: 'x'.repeat(1_100_000) })
        : '"' + 'y'.repeat(5_000) + '"';
    case 4: // wrong types
      return JSON.stringify({ ...valid(i), version: String(i), at: random() < 0.5 ? null : 'now' });
    case 5: // unknown type
      return JSON.stringify({ type: `config.${Math.floor(random() * 1e6)}`, at: i });
    case 6: // binary
      return new Uint8Array(Array.from({ length: 32 }, () => Math.floor(random() * 256))).buffer;
    case 7: // JSON that is not an object
      return random() < 0.5 ? '[]' : String(random());
    default: // prototype tricks
      return '{"type":"__proto__","at":1,"__proto__":{"type":"pong"}}';
  }
}

it(`${FRAMES.toLocaleString('en')} generated frames into the client: no exception, valid ones delivered, memory flat`, () => {
  const random = seeded(7);
  const delivered: number[] = [];
  const client = new WorkspaceEventsClient({
    url: 'ws://stress/api/v1/workspaces/w/ws',
    WebSocket: DrivenSocketClass,
    pingIntervalMs: 3_600_000,
    onEvent: (event) => event.type === 'config.changed' && delivered.push(event.version),
  });
  client.connect();
  const socket = DrivenSocket.last!;
  socket.open();
  const before = heapAfterGc();
  const sentValid: number[] = [];
  let garbage = 0;
  expect(() => {
    for (let i = 1; i <= FRAMES; i++) {
      if (i % 10 === 0) {
        sentValid.push(i);
        socket.deliver(JSON.stringify(valid(i)));
      } else {
        garbage++;
        socket.onmessage?.({ data: garbageFrame(random, i) });
      }
    }
  }).not.toThrow();
  const growth = heapAfterGc() - before;
  const status = client.status;
  client.close();
  console.log(
    `client: ${FRAMES} frames (${garbage} garbage), ${delivered.length} delivered, ${client.invalidFrames} dropped; heap growth ${mib(growth)} (bound ${mib(HEAP_BOUND)})`,
  );
  expect(delivered).toEqual(sentValid);
  expect(client.invalidFrames).toBe(garbage);
  expect(status).toBe('open');
  expect(growth).toBeLessThan(HEAP_BOUND);
});

function garbageMessage(random: () => number): unknown {
  const types = [
    'watch',
    'unwatch',
    'subscribe',
    'reconnect',
    'clear-history',
    'pause',
    'resume',
    'popup-opened',
    'explode',
    '__proto__',
    42,
    null,
  ];
  const values: unknown[] = [
    undefined,
    null,
    0,
    -1,
    'x',
    '',
    'not a url',
    'http://x/ws',
    {},
    [],
    true,
    'x'.repeat(5_000),
    { toString: 1 },
  ];
  const any = () => values[Math.floor(random() * values.length)];
  switch (Math.floor(random() * 5)) {
    case 0:
      return any();
    case 1:
      return [any(), any()];
    case 2:
      return { type: types[Math.floor(random() * types.length)] };
    default:
      return {
        type: types[Math.floor(random() * types.length)],
        url: any(),
        workspaceId: any(),
        rememberToken: any(),
      };
  }
}

it(`${MESSAGES.toLocaleString('en')} generated port messages into the hub: no exception, malformed ones refused, memory flat, still working`, async () => {
  const random = seeded(11);
  const reports: string[] = [];
  const hub = new Hub({
    local: new MemoryStore(),
    session: new MemoryStore(),
    extensionId: EXTENSION_ID,
    WebSocket: DrivenSocketClass,
    setBadge: () => {},
    report: () => reports.push(''),
  });
  await hub.ready;
  const port = new FakePort();
  let received = 0;
  port.postMessage = () => void received++; // structured cloning of 100,000 replies is not what is measured
  hub.connect(port);
  const errors: unknown[] = [];
  const onError = (error: unknown) => errors.push(error);
  process.on('unhandledRejection', onError);
  const before = heapAfterGc();
  for (let i = 0; i < MESSAGES; i++) port.send(garbageMessage(random));
  await new Promise((done) => setTimeout(done, 200));
  const growth = heapAfterGc() - before;
  process.off('unhandledRejection', onError);
  console.log(
    `hub: ${MESSAGES} messages, ${hub.rejectedMessages} refused, ${hub.workspaces.size} workspaces watched, ${reports.length} reports; heap growth ${mib(growth)} (bound ${mib(HEAP_BOUND)})`,
  );
  expect(errors).toEqual([]);
  expect(hub.rejectedMessages).toBeGreaterThan(MESSAGES * 0.5);
  expect(hub.workspaces.size).toBe(0); // no generated URL is a ws:// URL
  expect(growth).toBeLessThan(HEAP_BOUND);
  port.send({ type: 'watch', url: 'ws://after/api/v1/workspaces/w/ws?token=t' });
  await new Promise((done) => setTimeout(done, 20));
  expect(hub.workspaces.size).toBe(1); // still working
  hub.dispose();
});
