// Firefox: the build passes `web-ext lint`, and in headless Firefox ESR the background connects to the real
// server and a panel page receives an event.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { WorkspaceServer, call } from '../../server/dev-server.mjs';
import { seedDemo } from '../../server/demo.mjs';

const root = resolve(import.meta.dirname, '../..');
const FIREFOX_BUILD = resolve(root, '.output/firefox-mv2');
/** Pinned through the `extensions.webextensions.uuids` pref, so the test knows the moz-extension:// origin. */
const UUID = '5e3c6a1e-7d2b-4a7f-9c1e-00000000e2e0';
const GECKO_ID = 'realtime-devtools@edgevault.io';

let server: WorkspaceServer;
let firefox: Browser | undefined;

beforeAll(async () => {
  server = await WorkspaceServer.start();
  await seedDemo(server);
}, 60_000);
afterAll(async () => {
  await firefox?.close();
  await server?.stop();
});

it('web-ext lint finds no errors in the Firefox build', () => {
  const result = spawnSync(
    process.execPath,
    [
      resolve(root, 'node_modules/web-ext/bin/web-ext.js'),
      'lint',
      '--source-dir',
      FIREFOX_BUILD,
      '--output',
      'json',
      '--no-config-discovery',
    ],
    { encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } },
  );
  const report = JSON.parse(result.stdout) as { summary: { errors: number }; errors: { message: string }[] };
  expect(report.errors.map((e) => e.message)).toEqual([]);
  expect(report.summary.errors).toBe(0);
}, 60_000);

it('headless Firefox: the background connects to the server and a panel page receives an event', async () => {
  firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    // Firefox 153+ lets WebDriver navigate to moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  expect(await firefox.installExtension(FIREFOX_BUILD)).toBe(GECKO_ID);
  const page = await firefox.newPage();
  // The navigation happens, but WebDriver BiDi does not report its load for extension pages: wait for the DOM.
  await page.goto(`moz-extension://${UUID}/devtools-panel.html`, { timeout: 5_000 }).catch(() => {});
  await page.waitForSelector('[data-testid="watch-url"]', { timeout: 15_000 });
  await page.type('[data-testid="watch-url"]', server.socketUrl('dev-ana'));
  await page.click('[data-testid="watch"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="connection-status"]')?.textContent === 'open',
    {
      timeout: 15_000,
      polling: 100,
    },
  );
  expect((await call(server, 'GET', '/_debug')).body.sockets).toBe(1);
  await call(server, 'PUT', '/environments/dev/configs/FIREFOX_SMOKE', { kind: 'flag', value: true });
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="timeline-row"] .key')].some(
        (n) => n.textContent === 'FIREFOX_SMOKE',
      ),
    { timeout: 15_000, polling: 100 },
  );
  expect(await page.$eval('body', (body) => body.innerHTML.includes('dev-ana'))).toBe(false);
}, 90_000);
