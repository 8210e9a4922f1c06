// The Worker + Durable Object on real workerd (wrangler dev), driven over real sockets and HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocketRecorder } from '../support/socket-recorder';
import { until } from '../support/ws-server';
import { WorkspaceServer, call } from '../../server/dev-server.mjs';

let server: WorkspaceServer;
beforeAll(async () => {
  server = await WorkspaceServer.start();
  for (const slug of ['dev', 'prod'])
    expect((await call(server, 'POST', '/environments', { slug })).status).toBe(201);
});
afterAll(() => server?.stop());

const quiet = () => new Promise((done) => setTimeout(done, 300));

describe('events', () => {
  it('broadcasts every change to every socket, never with a value', async () => {
    const ana = await SocketRecorder.open(server.socketUrl('dev-ana'));
    const bo = await SocketRecorder.open(server.socketUrl('dev-bo'));
    await bo.next('presence');
    const start = [ana.frames.length, bo.frames.length] as const;

    const put = await call(server, 'PUT', '/environments/dev/configs/DB_PASSWORD', {
      kind: 'secret',
      value: 'hunter2-secret-value',
    });
    expect(put).toMatchObject({
      status: 200,
      body: { config: { key: 'DB_PASSWORD', kind: 'secret', version: 1 } },
    });
    await call(server, 'PUT', '/environments/env_dev/configs/DB_PASSWORD', {
      kind: 'secret',
      value: 'rotated',
    });
    await call(server, 'POST', '/promotions', {
      key: 'DB_PASSWORD',
      sourceEnvironmentId: 'env_dev',
      targetEnvironmentId: 'env_prod',
    });
    await call(server, 'DELETE', '/environments/dev/configs/DB_PASSWORD');
    await call(server, 'POST', '/environments', { slug: 'qa' });

    for (const [recorder, from] of [
      [ana, start[0]],
      [bo, start[1]],
    ] as const) {
      await recorder.next('environment.created', from);
      const events = recorder.events().slice(from);
      expect(events.map((e) => e.type)).toEqual([
        'config.changed',
        'config.changed',
        'promotion.completed',
        'config.changed',
        'config.deleted',
        'environment.created',
      ]);
      expect(events[0]).toMatchObject({
        environmentId: 'env_dev',
        key: 'DB_PASSWORD',
        kind: 'secret',
        version: 1,
      });
      expect(events[1]).toMatchObject({ version: 2 });
      expect(events[2]).toMatchObject({ sourceEnvironmentId: 'env_dev', targetEnvironmentId: 'env_prod' });
      expect(events[3]).toMatchObject({ environmentId: 'env_prod', version: 1, kind: 'secret' });
      expect(events[5]).toMatchObject({ environmentId: 'env_qa', slug: 'qa' });
      for (const event of events) {
        expect(event).not.toHaveProperty('value');
        expect(event.at).toBeTypeOf('number');
      }
      expect(recorder.frames.join('\n')).not.toMatch(/hunter2|rotated/);
    }
    ana.close();
    bo.close();
  });

  it('lists configs with secret values masked', async () => {
    await call(server, 'PUT', '/environments/prod/configs/STRIPE_KEY', {
      kind: 'secret',
      value: 'sk_live_123',
    });
    await call(server, 'PUT', '/environments/prod/configs/CHECKOUT_V2', { kind: 'flag', value: true });
    const listing = await call(server, 'GET', '/environments/prod/configs');
    expect(JSON.stringify(listing.body)).not.toContain('sk_live_123');
    expect(listing.body.configs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'STRIPE_KEY', kind: 'secret', value: '••••••' }),
        expect.objectContaining({ key: 'CHECKOUT_V2', kind: 'flag', value: true }),
      ]),
    );
    const environments = await call(server, 'GET', '/environments');
    expect(environments.body.environments).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'env_prod', slug: 'prod' })]),
    );
  });
});

describe('presence', () => {
  it('broadcasts users on join, clean close and abrupt drop', async () => {
    const ana = await SocketRecorder.open(server.socketUrl('dev-ana', 'presence-ws'));
    expect(await ana.next('presence')).toMatchObject({ users: ['ana'] });
    const bo = await SocketRecorder.open(server.socketUrl('dev-bo', 'presence-ws'));
    let mark = ana.frames.length;
    expect(await ana.next('presence', mark - 1)).toMatchObject({ users: ['ana', 'bo'] });
    expect(await bo.next('presence')).toMatchObject({ users: ['ana', 'bo'] });

    mark = ana.frames.length;
    bo.close();
    expect(await ana.next('presence', mark)).toMatchObject({ users: ['ana'] });

    const cy = await SocketRecorder.open(server.socketUrl('dev-cy', 'presence-ws'));
    await cy.next('presence');
    mark = ana.frames.length;
    cy.socket.terminate(); // no close frame: the TCP connection just ends
    expect(await ana.next('presence', mark, 10_000)).toMatchObject({ users: ['ana'] });
    ana.close();
  });
});

describe('ping and hibernation', () => {
  it('answers the byte-exact ping without calling webSocketMessage', async () => {
    const ana = await SocketRecorder.open(server.socketUrl('dev-ana', 'ping-ws'));
    await ana.next('presence');
    for (let i = 0; i < 5; i++) ana.socket.send('{"type":"ping"}');
    await until(() => ana.frames.filter((f) => f === '{"type":"pong"}').length === 5, 5_000, '5 pongs');
    let debug = await call(server, 'GET', '/_debug', undefined, 'dev-ana', 'ping-ws');
    expect(debug.body.messagesHandled).toBe(0);
    // The counter is live: any other frame reaches webSocketMessage.
    ana.socket.send('{ "type": "ping" }');
    await quiet();
    debug = await call(server, 'GET', '/_debug', undefined, 'dev-ana', 'ping-ws');
    expect(debug.body.messagesHandled).toBe(1);
    ana.close();
  });

  it('hibernates with a pinging client: the constructor runs again and the socket survives', async () => {
    const ana = await SocketRecorder.open(server.socketUrl('dev-ana', 'sleepy'));
    await ana.next('presence');
    const before = await call(server, 'GET', '/_debug', undefined, 'dev-ana', 'sleepy');
    const pinger = setInterval(() => ana.socket.send('{"type":"ping"}'), 2_000);
    await new Promise((done) => setTimeout(done, 13_000)); // workerd hibernates an idle object after 10 s
    clearInterval(pinger);
    const pongs = ana.frames.filter((f) => f === '{"type":"pong"}').length;
    expect(pongs).toBeGreaterThanOrEqual(5);
    const after = await call(server, 'GET', '/_debug', undefined, 'dev-ana', 'sleepy');
    expect(after.body.instance).not.toBe(before.body.instance);
    expect(after.body.sockets).toBe(1);
    expect(after.body.users).toEqual(['ana']);
    await call(server, 'POST', '/environments', { slug: 'woke' }, 'dev-ana', 'sleepy');
    expect(await ana.next('environment.created')).toMatchObject({ slug: 'woke' });
    ana.close();
  }, 30_000);
});

describe('auth', () => {
  it.each([
    ['a bad token', 'nope', 'demo', 4401],
    ['a missing token', '', 'demo', 4401],
    ['a token without access to the workspace', 'dev-guest', 'demo', 4403],
  ])('closes the socket with the right code for %s', async (_, token, workspace, code) => {
    const recorder = new SocketRecorder(server.socketUrl(token, workspace));
    await until(() => !!recorder.closed, 5_000, 'close');
    expect(recorder.closed!.code).toBe(code);
    expect(recorder.closed!.reason).toMatch(/token|access/);
  });

  it('HTTP: 401 without or with a bad token, 403 without access', async () => {
    const anonymous = await fetch(server.api() + '/environments');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'missing token' });
    expect((await call(server, 'GET', '/environments', undefined, 'wrong')).status).toBe(401);
    expect((await call(server, 'GET', '/environments', undefined, 'dev-guest')).status).toBe(403);
    expect((await call(server, 'GET', '/environments', undefined, 'dev-guest', 'sandbox')).status).toBe(200);
  });
});

describe('bad input', () => {
  const big = JSON.stringify({ kind: 'config', value: 'x'.repeat(70 * 1024) });
  const cases: [string, string, string, unknown, number, RegExp][] = [
    ['bad JSON', 'PUT', '/environments/dev/configs/K', '{"kind":', 400, /not valid JSON/],
    ['empty body', 'PUT', '/environments/dev/configs/K', '', 400, /missing JSON body/],
    ['a JSON array', 'PUT', '/environments/dev/configs/K', '[1]', 400, /JSON object/],
    [
      'unknown kind',
      'PUT',
      '/environments/dev/configs/K',
      { kind: 'password', value: 1 },
      400,
      /unknown kind/,
    ],
    ['missing kind', 'PUT', '/environments/dev/configs/K', { value: 1 }, 400, /missing field "kind"/],
    ['missing value', 'PUT', '/environments/dev/configs/K', { kind: 'flag' }, 400, /missing field "value"/],
    [
      'a non-string secret',
      'PUT',
      '/environments/dev/configs/K',
      { kind: 'secret', value: 1 },
      400,
      /string/,
    ],
    [
      'a bad key',
      'PUT',
      '/environments/dev/configs/bad%20key',
      { kind: 'flag', value: 1 },
      400,
      /config key/,
    ],
    [
      'unknown environment',
      'PUT',
      '/environments/nope/configs/K',
      { kind: 'flag', value: 1 },
      404,
      /unknown environment/,
    ],
    ['a body over 64 KiB', 'PUT', '/environments/dev/configs/K', big, 413, /64 KiB/],
    [
      'delete of a missing key',
      'DELETE',
      '/environments/dev/configs/NOPE',
      undefined,
      404,
      /unknown config key/,
    ],
    ['a bad slug', 'POST', '/environments', { slug: 'Has Spaces' }, 400, /slug/],
    ['a duplicate slug', 'POST', '/environments', { slug: 'dev' }, 409, /already exists/],
    [
      'a promotion of a missing key',
      'POST',
      '/promotions',
      { key: 'NOPE', sourceEnvironmentId: 'env_dev', targetEnvironmentId: 'env_prod' },
      404,
      /unknown config key/,
    ],
    [
      'a promotion to an unknown environment',
      'POST',
      '/promotions',
      { key: 'K', sourceEnvironmentId: 'env_dev', targetEnvironmentId: 'env_x' },
      404,
      /unknown environment/,
    ],
    [
      'a promotion missing its target',
      'POST',
      '/promotions',
      { key: 'K', sourceEnvironmentId: 'env_dev' },
      400,
      /targetEnvironmentId/,
    ],
    ['an unknown route', 'GET', '/environments/dev/secrets', undefined, 404, /no route/],
    ['a wrong method', 'PATCH', '/environments', undefined, 405, /not allowed/],
    ['a plain GET on the socket route', 'GET', '/ws', undefined, 426, /WebSocket upgrade/],
  ];

  it.each(cases)(
    'answers %s with a clear error, writes nothing and broadcasts nothing',
    async (_, method, path, body, status, error) => {
      const watcher = await SocketRecorder.open(server.socketUrl('dev-ana'));
      await watcher.next('presence');
      const before = await call(server, 'GET', '/environments/dev/configs');
      const environments = await call(server, 'GET', '/environments');
      const response = await call(server, method, path, body);
      expect(response.status).toBe(status);
      expect(response.body.error).toMatch(error);
      await quiet();
      expect(await call(server, 'GET', '/environments/dev/configs')).toEqual(before);
      expect(await call(server, 'GET', '/environments')).toEqual(environments);
      expect(watcher.events().filter((e) => e.type !== 'presence')).toEqual([]);
      watcher.close();
    },
  );

  it('404s outside the API and serves the console page at /', async () => {
    expect((await fetch(`${server.origin}/api/v2/anything`)).status).toBe(404);
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('EdgeVault workspace console');
  });
});
