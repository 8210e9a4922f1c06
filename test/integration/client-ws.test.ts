// The client over a real socket: Node's `ws` as WebSocket, a real server on 127.0.0.1.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { WorkspaceEventsClient, type Diagnostic, type WorkspaceEvent } from '@edgevault/realtime';
import { NodeWebSocket, WsWorkspaceServer, until } from '../support/ws-server';

const change = (version: number): WorkspaceEvent => ({
  type: 'config.changed',
  environmentId: 'env_dev',
  key: 'FEATURE_X',
  kind: 'flag',
  version,
  at: Date.now(),
});

let server: WsWorkspaceServer;
let client: WorkspaceEventsClient;
let events: WorkspaceEvent[];
let diagnostics: Diagnostic[];

function connect(options: { pingIntervalMs?: number; pongTimeoutMs?: number } = {}) {
  client = new WorkspaceEventsClient({
    url: server.url,
    WebSocket: NodeWebSocket,
    backoff: { baseMs: 25, maxMs: 200 },
    onEvent: (event) => events.push(event),
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    ...options,
  });
  client.connect();
}

beforeEach(async () => {
  server = await new WsWorkspaceServer().start();
  events = [];
  diagnostics = [];
});
afterEach(async () => {
  client?.close();
  await server.kill();
});

it('receives events, drops bad frames without closing, and answers with byte-exact pings', async () => {
  connect({ pingIntervalMs: 100 });
  await until(() => client.status === 'open');
  server.send('{"type":');
  server.send('{"type":"nope","at":1}');
  server.send(change(1), true);
  server.send(change(2));
  await until(() => events.some((e) => e.type === 'config.changed'));
  expect(events.filter((e) => e.type === 'config.changed')).toMatchObject([{ version: 2 }]);
  expect(client.invalidFrames).toBe(3);
  await until(() => events.some((e) => e.type === 'pong'));
  expect(server.received.every((frame) => frame === '{"type":"ping"}')).toBe(true);
  expect(client.rttMs).toBeGreaterThanOrEqual(0);
  expect(client.status).toBe('open');
});

it('reconnects after the server is killed and restarted, and receives later events', async () => {
  connect();
  await until(() => client.status === 'open');
  const port = server.port;
  await server.kill();
  await until(() => client.status === 'connecting', 5_000, 'connecting after kill');
  await new Promise((resolve) => setTimeout(resolve, 300)); // a few refused attempts
  await server.start(port);
  await until(() => client.status === 'open' && server.open === 1, 5_000, 'reopen');
  server.send(change(7));
  await until(() => events.length > 0);
  expect(events).toMatchObject([{ version: 7 }]);
  expect(server.open).toBe(1);
  expect(diagnostics.filter((d) => d.type === 'close')[0]).toMatchObject({ code: 1006, final: false });
});

it('gives up on 4401 after one attempt', async () => {
  connect();
  await until(() => client.status === 'open');
  server.closeAll(4401, 'bad token');
  await until(() => client.status === 'closed');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(server.connections).toBe(1);
  expect(client.lastClose).toEqual({ code: 4401, reason: 'bad token' });
});

it('detects a server that keeps TCP open but stops answering', async () => {
  server.answerPings = false;
  connect({ pingIntervalMs: 100, pongTimeoutMs: 100 });
  await until(() => diagnostics.some((d) => d.type === 'dead-link'), 2_000, 'dead link');
  expect(client.lastClose?.code).toBe(4000);
  server.answerPings = true;
  await until(() => client.status === 'open' && server.connections >= 2, 2_000, 'reconnect');
});
