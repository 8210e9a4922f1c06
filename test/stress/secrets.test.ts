// Secrets: after a session with secret changes and a token in the URL, neither the token nor any secret value
// is in extension storage on disk, an export, a log line or the DOM. The token is kept in storage.session by
// design (in memory only, so that a restarted worker can reconnect): that is checked to be its only place.
import { afterAll, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceServer, call } from '../../server/dev-server.mjs';
import { ExtensionBrowser } from '../e2e/support/chromium';
import { until } from '../support/ws-server';

const TOKEN = 'dev-cy'; // a dev token: what must not leak
const SECRETS = ['sk_live_MARKER_one_4f1c', 'postgres://user:MARKER_two_9a2e@db/app'];

let server: WorkspaceServer;
let chromium: ExtensionBrowser | undefined;
afterAll(async () => {
  await chromium?.close().catch(() => {});
  await server?.stop();
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() && statSync(path).size < 64 * 1048576 ? [path] : [];
  });
}

it('no token or secret value in storage on disk, exports, logs or the DOM', async () => {
  server = await WorkspaceServer.start();
  await call(server, 'POST', '/environments', { slug: 'prod' });
  chromium = await ExtensionBrowser.launch();
  const panel = await chromium.open('devtools-panel.html');
  // Capture what the export buttons download.
  await panel.evaluate(() => {
    const exports: string[] = [];
    (window as unknown as { __exports: string[] }).__exports = exports;
    URL.createObjectURL = (blob) => (
      void (blob as Blob).text().then((text) => exports.push(text)),
      'blob:captured'
    );
  });
  await panel.type('[data-testid="watch-url"]', server.socketUrl(TOKEN));
  await panel.click('[data-testid="watch"]');
  await panel.waitForFunction(
    () => document.querySelector('[data-testid="connection-status"]')?.textContent === 'open',
  );
  for (const [index, value] of SECRETS.entries())
    await call(server, 'PUT', `/environments/prod/configs/SECRET_${index}`, { kind: 'secret', value });
  await until(
    async () => (await panel.$$('[data-testid="timeline-row"]')).length >= SECRETS.length + 1,
    10_000,
    'the secret changes in the timeline',
  );
  await panel.click('[data-testid="export-ndjson"]');
  await panel.click('[data-testid="export-json"]');
  await until(
    async () =>
      (await panel.evaluate(() => (window as unknown as { __exports: string[] }).__exports.length)) === 2,
    5_000,
  );
  const popup = await chromium.open('popup.html');
  await popup.waitForSelector('[data-testid="popup-workspace"]');

  const exported = await panel.evaluate(() =>
    (window as unknown as { __exports: string[] }).__exports.join('\n'),
  );
  const dom = (
    await Promise.all(
      [panel, popup].map((page) =>
        page.evaluate(
          () =>
            document.documentElement.outerHTML +
            [...document.querySelectorAll('input')].map((i) => i.value).join('\n'),
        ),
      ),
    )
  ).join('\n');
  const storage = await panel.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { storage: Record<'local' | 'session', { get(): Promise<object> }> };
      }
    ).chrome.storage;
    return { local: JSON.stringify(await api.local.get()), session: JSON.stringify(await api.session.get()) };
  });
  const logs = chromium.consoleLines.join('\n') + server.log.join('');
  const { profileDir } = chromium;
  await chromium.close(); // Chromium flushes its storage to disk on the way out
  chromium = undefined;
  const disk = filesUnder(profileDir)
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');

  // The disk scan does read the extension's storage: the watch list (identity, no token) is found there.
  expect(disk).toContain(`127.0.0.1:${server.port}/api/v1/workspaces/demo/ws`);
  expect(exported).toContain('SECRET_0'); // the exports hold the events…
  expect(exported).toContain('token=•••'); // …and the workspace URL, redacted
  for (const [where, text] of Object.entries({ exported, dom, logs, 'storage.local': storage.local, disk })) {
    expect(text.includes(TOKEN), `token in ${where}`).toBe(false);
    for (const secret of SECRETS) expect(text.includes(secret), `secret value in ${where}`).toBe(false);
  }
  for (const secret of SECRETS) expect(storage.session.includes(secret)).toBe(false);
  expect(storage.session).toContain(TOKEN); // by design, and only there (memory, not disk)
  console.log(
    `secrets: checked ${(disk.length / 1048576).toFixed(1)} MiB of profile files, ${logs.split('\n').length} log lines, 2 exports, 2 pages, both storage areas`,
  );
}, 120_000);
