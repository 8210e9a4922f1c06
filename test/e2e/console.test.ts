// The server's console page in Chromium: two tabs as two users, a change made in one shows live in both.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { WorkspaceServer } from '../../server/dev-server.mjs';
import { seedDemo } from '../../server/demo.mjs';
import { launchChromium, waitInPage } from './support/chromium';

let server: WorkspaceServer;
let browser: Browser;
beforeAll(async () => {
  server = await WorkspaceServer.start();
  await seedDemo(server);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function consoleTab(token: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/?workspace=demo&token=${token}`);
  await waitInPage(page, () => document.querySelector('[data-testid="status"]')?.textContent === 'open');
  return page;
}

it('open the workspace in two tabs and change something: both see it live', async () => {
  const ana = await consoleTab('dev-ana');
  const bo = await consoleTab('dev-bo');
  await waitInPage(
    ana,
    () => document.querySelector('[data-testid="presence"]')?.textContent === 'online: ana, bo',
  );
  await waitInPage(ana, () => document.querySelectorAll('[data-testid="configs"] tr').length > 0);
  await ana.bringToFront(); // input events reach only the tab in front (bo opened last)
  await ana.type('[data-testid="change-form"] input[name="key"]', 'FROM_CONSOLE');
  await ana.select('[data-testid="change-form"] select[name="kind"]', 'flag');
  await ana.type('[data-testid="change-form"] input[name="value"]', 'true');
  await ana.click('[data-testid="change-form"] button[type="submit"]');
  for (const page of [ana, bo])
    await waitInPage(page, () =>
      [...document.querySelectorAll('[data-testid="events"] li')].some((li) =>
        li.textContent?.includes('"key":"FROM_CONSOLE"'),
      ),
    );
  expect(await ana.$eval('[data-testid="result"]', (n) => n.textContent)).toBe('saved FROM_CONSOLE v1');
  await waitInPage(ana, () =>
    [...document.querySelectorAll('[data-testid="configs"] tr')].some(
      (tr) => tr.textContent === 'FROM_CONSOLEflagtrue1',
    ),
  );
  // Secret values stay masked in the console too.
  expect(await ana.content()).not.toContain('sk_test_demo_0001');
});
