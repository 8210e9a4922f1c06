// From an HTTP change to its row in the DOM, in headless Chromium: the extension's panel (server -> background
// hub -> port -> panel) beside a plain page using lib/realtime directly. The extra latency of the hop is the
// figure to report. Then the highest steady rate at which each keeps up.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchChromium } from '../test/e2e/support/chromium';
import { WorkspaceServer, call } from '../server/dev-server.mjs';
import { seedDemo } from '../server/demo.mjs';

const SAMPLES = 500;
const root = process.cwd();
const extension = resolve(root, '.output/chrome-mv3');
const out = resolve(root, 'dist/bench-pages');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [resolve(root, 'bench/pages/direct-client.ts')],
  outfile: join(out, 'direct-client.js'),
  bundle: true,
  format: 'iife',
  alias: { '@edgevault/realtime': resolve(root, 'lib/realtime') },
  logLevel: 'warning',
});
writeFileSync(
  join(out, 'direct-client.html'),
  '<!doctype html><meta charset="utf-8"><div id="app"></div><script src="direct-client.js"></script>',
);

const server = await WorkspaceServer.start();
await seedDemo(server);
const browser = await launchChromium({ extension });
const worker = await browser.waitForTarget((t) => t.type() === 'service_worker');
const extensionId = new URL(worker.url()).host;

/** Records, in the page, the wall-clock time at which each `.key` text first appears in the DOM. */
async function observe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: Record<string, number> }).__seen = seen;
    new MutationObserver((mutations) => {
      const now = Date.now();
      for (const mutation of mutations)
        for (const node of mutation.addedNodes)
          if (node instanceof HTMLElement)
            for (const key of [node, ...node.querySelectorAll('.key')])
              if (key.classList.contains('key') && key.textContent && !(key.textContent in seen))
                seen[key.textContent] = now;
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}
const seenIn = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);

async function panelPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/devtools-panel.html`);
  await page.type('[data-testid="watch-url"]', server.socketUrl('dev-ana'));
  await page.click('[data-testid="watch"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="connection-status"]')?.textContent === 'open',
  );
  return page;
}
async function directPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(
    `file://${join(out, 'direct-client.html')}?ws=${encodeURIComponent(server.socketUrl('dev-bo'))}`,
  );
  await page.waitForFunction(() => document.title === 'open');
  return page;
}

async function latencies(page: Page, prefix: string): Promise<number[]> {
  await page.bringToFront(); // a tab in the background gets no animation frames
  await observe(page);
  const sent: Record<string, number> = {};
  for (let i = 0; i < SAMPLES; i++) {
    const key = `${prefix}_${i}`;
    sent[key] = Date.now();
    await call(server, 'PUT', `/environments/dev/configs/${key}`, { kind: 'config', value: i });
    await new Promise((done) => setTimeout(done, 5));
  }
  await new Promise((done) => setTimeout(done, 1_000));
  const seen = await seenIn(page);
  return Object.keys(sent).map((key) => (seen[key] ?? Infinity) - sent[key]!);
}

/** Sends changes at `rate`/s for 3 s; keeps up when every row appears within 500 ms of its change. */
async function keepsUp(page: Page, prefix: string, rate: number): Promise<{ ok: boolean; achieved: number }> {
  await page.bringToFront();
  await observe(page);
  const sent: Record<string, number> = {};
  const start = Date.now();
  const total = rate * 3;
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const key = `${prefix}_${rate}_${i}`;
    sent[key] = Date.now();
    inFlight.push(call(server, 'PUT', `/environments/dev/configs/${key}`, { kind: 'flag', value: true }));
  }
  await Promise.all(inFlight);
  const achieved = total / ((Date.now() - start) / 1000);
  await new Promise((done) => setTimeout(done, 1_000));
  const seen = await seenIn(page);
  const worst = Math.max(...Object.keys(sent).map((key) => (seen[key] ?? Infinity) - sent[key]!));
  return { ok: worst <= 500 && achieved >= rate * 0.9, achieved };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * p)]!;
const panel = await panelPage();
const direct = await directPage();
const results: Record<string, number[]> = {
  'panel (background hop)': await latencies(panel, 'PANEL'),
  'plain page (lib/realtime)': await latencies(direct, 'DIRECT'),
};
console.log(`HTTP PUT -> row in the DOM, ${SAMPLES} sequential changes, headless Chromium`);
for (const [label, values] of Object.entries(results))
  console.log(
    `${label.padEnd(28)} p50 ${percentile(values, 0.5).toFixed(0).padStart(4)} ms   p99 ${percentile(values, 0.99).toFixed(0).padStart(4)} ms   missing ${values.filter((v) => v === Infinity).length}`,
  );
const hop = (p: number) =>
  percentile(results['panel (background hop)']!, p) - percentile(results['plain page (lib/realtime)']!, p);
console.log(
  `extra latency of the background hop: p50 ${hop(0.5).toFixed(0)} ms, p99 ${hop(0.99).toFixed(0)} ms`,
);

for (const [label, page, prefix] of [
  ['panel (background hop)', panel, 'RP'],
  ['plain page (lib/realtime)', direct, 'RD'],
] as const) {
  let best = 0;
  let limitedBy = '';
  for (const rate of [25, 50, 100, 200, 400]) {
    const { ok, achieved } = await keepsUp(page, prefix, rate);
    if (!ok) {
      limitedBy =
        achieved < rate * 0.9
          ? ` (at ${rate}/s the server accepted only ${achieved.toFixed(0)} changes/s)`
          : ` (fell behind at ${rate}/s)`;
      break;
    }
    best = rate;
  }
  console.log(`${label.padEnd(28)} keeps up at ${best} changes/s${limitedBy}`);
}
await browser.close();
await server.stop();
