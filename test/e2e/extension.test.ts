// The built extension in Debian's Chromium against the real workspace server (workerd), as a user meets it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'puppeteer-core';
import { WorkspaceServer, call } from '../../server/dev-server.mjs';
import { seedDemo } from '../../server/demo.mjs';
import { ExtensionBrowser, texts, waitInPage } from './support/chromium';
import { SocketRecorder } from '../support/socket-recorder';
import { until } from '../support/ws-server';

let server: WorkspaceServer;
let chromium: ExtensionBrowser;
let panelA: Page;
let panelB: Page;

const sockets = async () => (await call(server, 'GET', '/_debug')).body.sockets as number;
const status = (page: Page) =>
  page.$eval('[data-testid="connection-status"]', (node) => node.textContent).catch(() => null);
const waitForStatus = (page: Page, wanted: string, timeoutMs = 20_000) =>
  until(async () => (await status(page)) === wanted, timeoutMs, `status ${wanted}`);
/** Waits for a timeline row with this key and version (polled with evaluate: plain, and easy to debug). */
const hasRow = (page: Page, key: string, version: number) =>
  page.evaluate(
    (k, v) =>
      [...document.querySelectorAll('[data-testid="timeline-row"]')].some(
        (row) =>
          row.querySelector('.key')?.textContent === k &&
          row.querySelector('.version')?.textContent?.startsWith(`v${v}`),
      ),
    key,
    version,
  );
const waitForRow = (page: Page, key: string, version: number) =>
  until(() => hasRow(page, key, version), 15_000, `row ${key} v${version}`);
const pageText = (page: Page) =>
  page.evaluate(
    () =>
      document.documentElement.outerHTML +
      [...document.querySelectorAll('input')].map((input) => input.value).join('\n'),
  );

beforeAll(async () => {
  server = await WorkspaceServer.start();
  await seedDemo(server);
  chromium = await ExtensionBrowser.launch();
}, 60_000);
afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});
beforeEach((context) => {
  onTestFailed(async () => {
    const folder = await chromium.saveArtifacts(context.task.name);
    console.error(`e2e failure artifacts (screenshots, console): ${folder}`);
  });
});

describe('the extension in Chromium with the real server', () => {
  it('two panel tabs watching the demo workspace share exactly one socket', async () => {
    panelA = await chromium.open('devtools-panel.html');
    await panelA.type('[data-testid="watch-url"]', server.socketUrl('dev-ana'));
    await panelA.click('[data-testid="watch"]');
    await waitForStatus(panelA, 'open');
    panelB = await chromium.open('devtools-panel.html');
    await waitForStatus(panelB, 'open');
    await until(async () => (await sockets()) === 1, 5_000, 'one socket');
    await new Promise((done) => setTimeout(done, 500));
    expect(await sockets()).toBe(1);
  });

  it('a change appears in both timelines with its kind and version; no secret value or token anywhere', async () => {
    const put = await call(server, 'PUT', '/environments/prod/configs/CHECKOUT_LIMIT', {
      kind: 'config',
      value: 250,
    });
    const version = (put.body.config as { version: number }).version;
    const secret = await call(server, 'PUT', '/environments/prod/configs/STRIPE_SECRET_KEY', {
      kind: 'secret',
      value: 'sk_live_e2e_do_not_show',
    });
    const secretVersion = (secret.body.config as { version: number }).version;
    for (const page of [panelA, panelB]) {
      await waitForRow(page, 'CHECKOUT_LIMIT', version);
      await waitForRow(page, 'STRIPE_SECRET_KEY', secretVersion);
      const row = await page.$$eval(
        '[data-testid="timeline-row"]',
        (rows, v) =>
          rows
            .filter(
              (r) =>
                r.querySelector('.key')?.textContent === 'STRIPE_SECRET_KEY' &&
                r.querySelector('.version')?.textContent === `v${v}`,
            )
            .map((r) => r.querySelector('.kind')?.textContent),
        secretVersion,
      );
      expect(row).toEqual(['secret']);
      const html = await pageText(page);
      expect(html).not.toContain('sk_live_e2e_do_not_show');
      expect(html).not.toContain('dev-ana');
    }
  });

  it('server stopped: connecting with retries shown; started again: open, later events arrive, one socket', async () => {
    await server.kill();
    await waitForStatus(panelA, 'connecting', 10_000);
    await panelA.waitForSelector('[data-testid="attempt"]', { timeout: 15_000 });
    await panelA.waitForSelector('[data-testid="last-close"]');
    await server.restart();
    await waitForStatus(panelA, 'open', 30_000);
    await waitForStatus(panelB, 'open', 5_000);
    const put = await call(server, 'PUT', '/environments/dev/configs/AFTER_RESTART', {
      kind: 'flag',
      value: true,
    });
    await waitForRow(panelA, 'AFTER_RESTART', (put.body.config as { version: number }).version);
    await waitForRow(panelB, 'AFTER_RESTART', (put.body.config as { version: number }).version);
    expect(await sockets()).toBe(1);
  }, 60_000);

  it('the service worker terminated: the next panel connect restores the workspace and reconnects, one socket', async () => {
    expect(chromium.workerRunning()).toBe(true);
    // A second user watches presence: the extension's user (ana) must leave when the worker dies, and return.
    const observer = await SocketRecorder.open(server.socketUrl('dev-bo'));
    await observer.next('presence');
    const mark = observer.frames.length;
    await chromium.stopWorker(panelA);
    // The panels' ports drop; their transports reconnect, which starts the worker again.
    await until(
      () =>
        observer
          .events()
          .slice(mark)
          .some((e) => e.type === 'presence' && !(e.users as string[]).includes('ana')),
      10_000,
      'ana to leave',
    );
    await until(() => chromium.workerRunning(), 15_000, 'the worker to start again');
    await until(
      () =>
        observer
          .events()
          .slice(mark)
          .some((e) => e.type === 'presence' && (e.users as string[]).includes('ana')),
      15_000,
      'ana to return',
    );
    observer.close();
    await until(async () => (await sockets()) === 1, 5_000, 'the observer to leave');
    await until(
      async () => (await sockets()) === 1 && (await status(panelA)) === 'open',
      20_000,
      'one open socket',
    );
    const put = await call(server, 'PUT', '/environments/dev/configs/AFTER_WORKER_RESTART', {
      kind: 'config',
      value: 1,
    });
    await waitForRow(panelA, 'AFTER_WORKER_RESTART', (put.body.config as { version: number }).version);
    await new Promise((done) => setTimeout(done, 500));
    expect(await sockets()).toBe(1);
  }, 60_000);

  it('a bad token: the panel says unauthorized (4401) and the server sees one attempt', async () => {
    const bad = `ws://127.0.0.1:${server.port}/api/v1/workspaces/locked/ws?token=not-a-token`;
    await panelB.type('[data-testid="watch-url"]', bad);
    await panelB.click('[data-testid="watch"]');
    await panelB.waitForFunction(
      () => document.querySelector('[data-testid="last-close"]')?.textContent?.includes('4401: unauthorized'),
      { timeout: 15_000, polling: 100 },
    );
    expect(await status(panelB)).toBe('closed');
    await new Promise((done) => setTimeout(done, 3_000));
    const debug = await call(server, 'GET', '/_debug', undefined, 'dev-ana', 'locked');
    expect(debug.body.rejectedSockets).toBe(1);
    await panelB.click('[data-testid="unwatch"]');
    await waitForStatus(panelB, 'open');
  }, 30_000);

  it('the popup shows status and presence; the badge matches', async () => {
    await call(server, 'PUT', '/environments/dev/configs/BADGE_COUNT', { kind: 'config', value: 1 });
    await waitForRow(panelA, 'BADGE_COUNT', 1);
    const badgeBefore = await panelA.evaluate(() => chrome.action.getBadgeText({}));
    expect(Number(badgeBefore)).toBeGreaterThan(0);
    const popup = await chromium.open('popup.html');
    await popup.waitForSelector('[data-testid="popup-workspace"]');
    expect(await texts(popup, '[data-testid="popup-status"]')).toEqual(['open']);
    expect((await texts(popup, '[data-testid="popup-users"]'))[0]).toContain('ana');
    expect(await texts(popup, '[data-testid="popup-unseen"]')).toEqual([`${badgeBefore} new`]);
    await until(
      async () => (await popup.evaluate(() => chrome.action.getBadgeText({}))) === '',
      5_000,
      'badge reset',
    );
    const color = await popup.evaluate(() => chrome.action.getBadgeBackgroundColor({}));
    expect(color).toEqual([26, 127, 55, 255]); // green: the worst status is open
    expect(await pageText(popup)).not.toContain('dev-ana');
    await popup.close();
  });

  it('the timeline stays virtualized in a real layout: 3,000 events, a bounded number of rows', async () => {
    await panelA.bringToFront();
    const response = await call(server, 'POST', '/_debug/burst', { count: 3_000 });
    expect(response.status).toBe(200);
    await until(
      async () =>
        await hasRow(panelA, `BURST_${3_000 % 100}`, (response.body as { lastVersion: number }).lastVersion),
      15_000,
      'the burst',
    );
    const layout = await panelA.evaluate(() => ({
      rows: document.querySelectorAll('[data-testid="timeline-row"]').length,
      total: Number(document.querySelector('[data-testid="timeline"]')!.getAttribute('aria-rowcount')),
      scroller: document.querySelector<HTMLElement>('[data-testid="timeline"]')!.clientHeight,
      viewport: window.innerHeight,
    }));
    expect(layout.total).toBeGreaterThanOrEqual(3_000);
    expect(layout.scroller).toBeLessThanOrEqual(layout.viewport);
    expect(layout.rows).toBeLessThanOrEqual(Math.ceil(layout.scroller / 24) + 2 * 8 + 1);
  });

  it('the devtools page registers the panel (panels.create)', async () => {
    const page = await chromium.browser.newPage();
    await page.evaluateOnNewDocument(() => {
      const calls: unknown[][] = [];
      (window as unknown as { __panels: unknown[][] }).__panels = calls;
      // chrome.devtools exists only inside DevTools; this records what the page asks of it.
      const devtools = {
        panels: { create: (...args: unknown[]) => (calls.push(args), Promise.resolve({})) },
      };
      for (const name of ['chrome', 'browser'])
        if (name in globalThis)
          Object.defineProperty((globalThis as unknown as Record<string, object>)[name], 'devtools', {
            value: devtools,
          });
    });
    await page.goto(chromium.url('devtools.html'));
    await waitInPage(page, () => (window as unknown as { __panels: unknown[] }).__panels.length > 0, {
      timeout: 5_000,
    });
    const calls = await page.evaluate(() => (window as unknown as { __panels: unknown[][] }).__panels);
    expect(calls[0]!.slice(0, 3)).toEqual(['EdgeVault', '/icon/32.png', '/devtools-panel.html']);
  });
});
