// Flapping: the server killed and restarted again and again under a hub with 10 subscribers.
import { afterAll, expect, it } from 'vitest';
import { Hub } from '../../lib/hub/hub';
import { WorkspaceServer, call } from '../../server/dev-server.mjs';
import { FakePort, memoryPlatform } from '../support/fake-extension';
import { NodeWebSocket, until } from '../support/ws-server';
import { scale } from './scale';

const CYCLES = scale(3, 100);
const SUBSCRIBERS = 10;
const EVENTS_PER_CYCLE = 5;

let server: WorkspaceServer;
let hub: Hub;
afterAll(async () => {
  hub?.dispose();
  await server?.stop();
});

it(`${CYCLES} kill/restart cycles: one socket at most, right status, every event delivered once`, async () => {
  server = await WorkspaceServer.start();
  await call(server, 'POST', '/environments', { slug: 'flap' });
  hub = new Hub(memoryPlatform({ WebSocket: NodeWebSocket }), { backoff: { baseMs: 25, maxMs: 250 } });
  const ports = Array.from({ length: SUBSCRIBERS }, () => {
    const port = new FakePort();
    hub.connect(port);
    return port;
  });
  ports[0]!.send({ type: 'watch', url: server.socketUrl('dev-ana') });
  const id = server.socketUrl('dev-ana').replace('?token=dev-ana', '');
  for (const port of ports) port.send({ type: 'subscribe', workspaceId: id });
  const status = () => hub.workspaces.get(id)?.connection().status;
  let maxSockets = 0;
  const watchSockets = async () => {
    const sockets = (await call(server, 'GET', '/_debug')).body.sockets as number;
    maxSockets = Math.max(maxSockets, sockets);
    return sockets;
  };
  const sent: string[] = [];

  for (let cycle = 0; cycle < CYCLES; cycle++) {
    await until(() => status() === 'open', 10_000, `open in cycle ${cycle}`);
    await until(async () => (await watchSockets()) === 1, 5_000, 'one socket');
    for (let n = 0; n < EVENTS_PER_CYCLE; n++) {
      const key = `FLAP_${cycle}_${n}`;
      await call(server, 'PUT', `/environments/flap/configs/${key}`, { kind: 'flag', value: true });
      sent.push(key);
    }
    await until(() => hub.workspaces.get(id)!.total >= sent.length, 5_000, 'events in');
    await server.kill();
    await until(() => status() === 'connecting', 5_000, `connecting after kill ${cycle}`);
    await server.launch();
  }
  await until(() => status() === 'open', 10_000, 'open at the end');
  await until(async () => (await watchSockets()) === 1, 5_000, 'one socket at the end');
  await new Promise((done) => setTimeout(done, 100)); // one more batch interval

  for (const port of ports) {
    const keys = [...port.of('snapshot'), ...port.of('increment')]
      .filter((m) => m.workspaceId === id)
      .flatMap((m) => m.history)
      .flatMap(({ event }) => (event.type === 'config.changed' ? [event.key] : []));
    expect(keys).toEqual(sent);
  }
  console.log(
    `flapping: ${CYCLES} cycles, ${sent.length} events each delivered once to ${SUBSCRIBERS} subscribers; most sockets seen at once: ${maxSockets}`,
  );
  expect(maxSockets).toBe(1);
}, 900_000);
