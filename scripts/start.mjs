// `npm start`: builds the extension, starts the local workspace server with the demo workspace, prints how to
// connect, and runs gentle demo traffic. Ctrl-C stops everything it started.
//   npm start -- --no-traffic      no demo traffic
//   npm start -- --port 8788       another port (default 8787)
//   npm start -- --no-build        skip the extension build
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkspaceServer } from '../server/dev-server.mjs';
import { DEMO_WORKSPACE, seedDemo, startDemoTraffic } from '../server/demo.mjs';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    traffic: { type: 'boolean', default: true },
    'no-traffic': { type: 'boolean', default: false },
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '8787' },
    'every-ms': { type: 'string', default: '3000' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

function run(label, command, args) {
  console.log(`» ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status})`);
    process.exit(1);
  }
}

if (values.build && !values['no-build'])
  run('building the extension (Chrome, Firefox)', 'npm', ['run', '--silent', 'build']);
run('building the console page', process.execPath, ['server/build-console.mjs']);

console.log(`» starting the workspace server on 127.0.0.1:${port}`);
let server;
try {
  server = await WorkspaceServer.start({ port, persistTo: resolve(root, '.wrangler/state') });
} catch (error) {
  console.error(String(error.message).slice(0, 4000));
  console.error(`Is port ${port} taken? Try: npm start -- --port 8788`);
  process.exit(1);
}
const seeded = await seedDemo(server);
const wsUrl = server.socketUrl('dev-ana', DEMO_WORKSPACE);

console.log(`
EdgeVault local workspace server is running${seeded ? ' (demo workspace seeded)' : ''}.

  WebSocket URL   ${wsUrl}
  Console         ${server.origin}/?workspace=${DEMO_WORKSPACE}&token=dev-ana
                  ${server.origin}/?workspace=${DEMO_WORKSPACE}&token=dev-bo   (a second user, for presence)
  HTTP API        ${server.api(DEMO_WORKSPACE)}/environments   (Authorization: Bearer dev-ana)
  Dev tokens      dev-ana, dev-bo, dev-cy (server/dev.env)

Load the extension:
  Chrome   chrome://extensions → Developer mode → Load unpacked → ${resolve(root, '.output/chrome-mv3')}
  Firefox  about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${resolve(root, '.output/firefox-mv2/manifest.json')}
Then open DevTools → "EdgeVault" panel and watch the WebSocket URL above.
`);

let stopTraffic = () => {};
if (values.traffic && !values['no-traffic']) {
  const everyMs = Math.max(100, Number(values['every-ms']) || 3000);
  console.log(
    `Demo traffic: a change every ${everyMs / 1000} s (npm start -- --no-traffic to turn it off). Ctrl-C stops.`,
  );
  stopTraffic = startDemoTraffic(server, everyMs, ({ status, body }) => {
    if (status >= 400 || status === 0) console.warn(`demo change failed: ${body.error}`);
  });
} else console.log('Demo traffic off. Ctrl-C stops.');

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  stopTraffic();
  await server.stop();
  console.log('stopped');
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
