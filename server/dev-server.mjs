// Runs the workspace server locally: wrangler dev → workerd, offline, on 127.0.0.1. Shared by `npm start`,
// the integration and e2e tests and the benchmarks, so all of them run the same server the same way.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Wrangler without network: no metrics, no banner, no cf fetch, no update check. */
export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  NO_UPDATE_NOTIFIER: '1',
};

export async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

export class WorkspaceServer {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  #child;
  /** Everything wrangler and workerd printed. */
  log = [];

  constructor({ port, persistTo, ownsState, logTo }) {
    this.port = port;
    this.persistTo = persistTo;
    this.ownsState = ownsState;
    this.logTo = logTo;
  }

  /** Starts a server; without `persistTo` its state lives in a temporary folder removed by stop(). */
  static async start({ port, persistTo, logTo } = {}) {
    const server = new WorkspaceServer({
      port: port ?? (await freePort()),
      persistTo: persistTo ?? mkdtempSync(join(tmpdir(), 'edgevault-state-')),
      ownsState: !persistTo,
      logTo,
    });
    await server.launch();
    return server;
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }
  api(workspace = 'demo') {
    return `${this.origin}/api/v1/workspaces/${workspace}`;
  }
  socketUrl(token = 'dev-ana', workspace = 'demo') {
    return `ws://127.0.0.1:${this.port}/api/v1/workspaces/${workspace}/ws?token=${token}`;
  }

  async launch() {
    const args = [
      join(root, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '-c',
      join(root, 'server/wrangler.jsonc'),
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--inspector-ip',
      '127.0.0.1',
      '--inspector-port',
      '0',
      // Absolute: wrangler resolves this path against both the cwd and the config's folder.
      '--env-file',
      join(root, 'server/dev.env'),
      '--persist-to',
      this.persistTo,
      '--show-interactive-dev-session=false',
      '--log-level',
      this.logTo ? 'info' : 'warn',
    ];
    // Its own process group, so kill() ends workerd with it.
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...OFFLINE_ENV },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    // Its own process group outlives us unless we end it: a test run that fails or times out must not
    // leave servers behind.
    const orphanGuard = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    const collect = (chunk) => {
      this.log.push(chunk.toString());
      this.logTo?.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${this.log.join('')}`);
      try {
        if ((await fetch(`${this.origin}/api/v1/workspaces/demo/nope`)).status === 404) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`wrangler dev did not start in 30 s:\n${this.log.join('')}`);
      await sleep(100);
    }
  }

  /** Kills wrangler and workerd at once, with no close frames, as a crash would. */
  async kill() {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(this.origin); // workerd may hold the port a moment longer
      } catch {
        return;
      }
      await sleep(100);
    }
  }

  async restart() {
    await this.kill();
    await this.launch();
  }

  async stop() {
    await this.kill();
    if (this.ownsState) rmSync(this.persistTo, { recursive: true, force: true });
  }
}

/** One API call with a dev token; resolves to the status and the parsed JSON body. */
export async function call(server, method, path, body, token = 'dev-ana', workspace = 'demo') {
  const response = await fetch(server.api(workspace) + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
