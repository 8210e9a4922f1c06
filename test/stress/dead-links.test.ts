// Dead links: a server that stops answering pings, one that accepts TCP and never speaks, and one that closes
// during the handshake. Each is detected within its documented bound, and the client recovers.
import { afterEach, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { WorkspaceEventsClient, type Diagnostic } from '@edgevault/realtime';
import { NodeWebSocket, WsWorkspaceServer, until } from '../support/ws-server';
import { freePort } from '../../server/dev-server.mjs';

const PING = 500;
const PONG_TIMEOUT = 250;
const CONNECT_TIMEOUT = 1_000;
const SLACK = 300; // timer and event-loop jitter on a busy 2-core machine

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function client(url: string, diagnostics: Diagnostic[]) {
  const c = new WorkspaceEventsClient({
    url,
    WebSocket: NodeWebSocket,
    pingIntervalMs: PING,
    pongTimeoutMs: PONG_TIMEOUT,
    connectTimeoutMs: CONNECT_TIMEOUT,
    backoff: { baseMs: 25, maxMs: 100 },
    onEvent: () => {},
    onDiagnostic: (d) => diagnostics.push(d),
  });
  cleanup.push(() => c.close());
  c.connect();
  return c;
}

async function rawServer(port: number, onSocket: (socket: Socket) => void): Promise<Server> {
  const server = createServer(onSocket);
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return server;
}
const closeServer = (server: Server) => new Promise((done) => server.close(done));

it('a server that stops answering pings: detected within ping + pong timeout, then recovered', async () => {
  const server = await new WsWorkspaceServer().start();
  cleanup.push(() => server.kill());
  const diagnostics: Diagnostic[] = [];
  const c = client(server.url, diagnostics);
  await until(() => c.status === 'open');
  server.answerPings = false;
  const silentFrom = Date.now();
  await until(() => diagnostics.some((d) => d.type === 'dead-link'), 5_000, 'dead link');
  const detectedAfter = diagnostics.find((d) => d.type === 'dead-link')!.at - silentFrom;
  server.answerPings = true;
  await until(() => c.status === 'open' && server.connections === 2, 5_000, 'recovered');
  console.log(
    `dead link (no pong): detected after ${detectedAfter} ms (bound ${PING + PONG_TIMEOUT} ms + ${SLACK} ms slack)`,
  );
  expect(detectedAfter).toBeLessThanOrEqual(PING + PONG_TIMEOUT + SLACK);
});

it('a server that accepts TCP and never speaks: detected by the handshake timeout, then recovered', async () => {
  const port = await freePort();
  const held: Socket[] = [];
  const silent = await rawServer(port, (socket) => held.push(socket));
  const diagnostics: Diagnostic[] = [];
  const startedAt = Date.now();
  const c = client(`ws://127.0.0.1:${port}/api/v1/workspaces/demo/ws?token=t`, diagnostics);
  await until(() => diagnostics.some((d) => d.type === 'dead-link'), 5_000, 'handshake timeout');
  const detectedAfter = diagnostics.find((d) => d.type === 'dead-link')!.at - startedAt;
  for (const socket of held) socket.destroy();
  await closeServer(silent);
  const healthy = await new WsWorkspaceServer().start(port);
  cleanup.push(() => healthy.kill());
  await until(() => c.status === 'open', 5_000, 'recovered');
  console.log(
    `dead link (silent TCP): detected after ${detectedAfter} ms (bound ${CONNECT_TIMEOUT} ms + ${SLACK} ms slack)`,
  );
  expect(detectedAfter).toBeGreaterThanOrEqual(CONNECT_TIMEOUT - 5);
  expect(detectedAfter).toBeLessThanOrEqual(CONNECT_TIMEOUT + SLACK);
});

it('a server that closes during the handshake: retried at once with backoff, then recovered', async () => {
  const port = await freePort();
  let handshakes = 0;
  const rude = await rawServer(port, (socket) => socket.once('data', () => (handshakes++, socket.destroy())));
  const diagnostics: Diagnostic[] = [];
  const c = client(`ws://127.0.0.1:${port}/api/v1/workspaces/demo/ws?token=t`, diagnostics);
  await until(() => handshakes >= 3, 5_000, 'three refused handshakes');
  const closes = diagnostics.filter((d): d is Extract<Diagnostic, { type: 'close' }> => d.type === 'close');
  expect(closes.every((d) => d.code === 1006 && !d.final)).toBe(true);
  await closeServer(rude);
  const healthy = await new WsWorkspaceServer().start(port);
  cleanup.push(() => healthy.kill());
  await until(() => c.status === 'open', 5_000, 'recovered');
  console.log(
    `dead link (closed in handshake): ${handshakes} refused handshakes, each seen as 1006 and retried; recovered`,
  );
});
