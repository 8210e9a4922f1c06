// lib/realtime against the real server: a kill and restart of workerd, and the client comes back by itself.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceEventsClient, type Diagnostic, type WorkspaceEvent } from '@edgevault/realtime';
import { NodeWebSocket, until } from '../support/ws-server';
import { OFFLINE_ENV, WorkspaceServer, call } from '../../server/dev-server.mjs';

let server: WorkspaceServer;
beforeAll(async () => {
  server = await WorkspaceServer.start();
  await call(server, 'POST', '/environments', { slug: 'dev' });
});
afterAll(() => server?.stop());

it('reconnects after the server is killed and restarted, and receives later events', async () => {
  const events: WorkspaceEvent[] = [];
  const diagnostics: Diagnostic[] = [];
  const client = new WorkspaceEventsClient({
    url: server.socketUrl('dev-ana'),
    WebSocket: NodeWebSocket,
    backoff: { baseMs: 50, maxMs: 500 },
    onEvent: (event) => events.push(event),
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
  });
  client.connect();
  await until(() => client.status === 'open');
  await call(server, 'PUT', '/environments/dev/configs/A', { kind: 'config', value: 1 });
  await until(() => events.some((e) => e.type === 'config.changed'));

  await server.kill();
  await until(() => client.status === 'connecting', 5_000, 'the client to notice');
  await server.restart();
  await until(() => client.status === 'open', 10_000, 'the client to reconnect');
  await call(server, 'PUT', '/environments/dev/configs/A', { kind: 'config', value: 2 });
  await until(() => events.filter((e) => e.type === 'config.changed').length === 2, 5_000, 'the later event');
  expect(events.filter((e) => e.type === 'config.changed')).toMatchObject([{ version: 1 }, { version: 2 }]);
  expect(diagnostics.filter((d) => d.type === 'close').length).toBeGreaterThanOrEqual(1);
  expect((await call(server, 'GET', '/_debug')).body.sockets).toBe(1);
  client.close();
}, 60_000);

it('stops after one attempt when the token is rejected', async () => {
  const attempts: Diagnostic[] = [];
  const client = new WorkspaceEventsClient({
    url: server.socketUrl('not-a-token'),
    WebSocket: NodeWebSocket,
    backoff: { baseMs: 10, maxMs: 50 },
    onEvent: () => {},
    onDiagnostic: (diagnostic) => diagnostic.type === 'attempt' && attempts.push(diagnostic),
  });
  client.connect();
  await until(() => client.status === 'closed' && client.lastClose !== undefined, 5_000);
  await new Promise((done) => setTimeout(done, 500));
  expect(client.lastClose).toEqual({ code: 4401, reason: 'invalid token' });
  expect(attempts).toHaveLength(1);
});

it('validates as a deployable Worker (wrangler deploy --dry-run)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'edgevault-deploy-'));
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js',
      'deploy',
      '--dry-run',
      '--outdir',
      outdir,
      '-c',
      'server/wrangler.jsonc',
    ],
    { env: { ...process.env, ...OFFLINE_ENV }, encoding: 'utf8' },
  );
  expect(result.stderr + result.stdout).toContain('--dry-run: exiting now');
  expect(result.status).toBe(0);
}, 60_000);
