// Appending 5,000 events/s for 10 s in real Chromium: longest frame and rows in the DOM for the panel's
// virtualized timeline, beside a non-virtualized render of the same list.
import { build } from 'esbuild';
import { writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../test/e2e/support/chromium';

const root = process.cwd();
const out = resolve(root, 'dist/bench-pages');
mkdirSync(out, { recursive: true });
if (!existsSync('/usr/bin/chromium')) {
  console.log('skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');
  process.exit(1);
}

async function page(name: string): Promise<string> {
  await build({
    entryPoints: [resolve(root, `bench/pages/${name}.tsx`)],
    outdir: out,
    bundle: true,
    format: 'iife',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '@edgevault/realtime': resolve(root, 'lib/realtime'), react: 'preact/compat' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const css = existsSync(join(out, `${name}.css`)) ? `<link rel="stylesheet" href="${name}.css">` : '';
  const html = join(out, `${name}.html`);
  writeFileSync(
    html,
    `<!doctype html><meta charset="utf-8">${css}<body style="margin:0"><div id="app"></div><script src="${name}.js"></script>`,
  );
  return `file://${html}`;
}

const browser = await launchChromium();
console.log('5,000 events/s for 10 s, headless Chromium, 1280x800');
console.log(
  'render'.padEnd(34),
  'longest frame'.padStart(14),
  'p99 frame'.padStart(11),
  'rows in DOM'.padStart(12),
  'events'.padStart(8),
);
for (const [label, name] of [
  ['panel (virtualized timeline)', 'panel-append'],
  ['baseline: non-virtualized list', 'naive-append'],
] as const) {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 800 });
  await tab.goto(await page(name));
  await tab.waitForFunction(() => window.__bench !== undefined, { timeout: 120_000, polling: 500 });
  const result = (await tab.evaluate(() => window.__bench))!;
  console.log(
    label.padEnd(34),
    `${result.longestFrameMs.toFixed(0)} ms`.padStart(14),
    `${result.p99FrameMs.toFixed(0)} ms`.padStart(11),
    result.rows.toLocaleString('en').padStart(12),
    result.events.toLocaleString('en').padStart(8),
  );
  await tab.close();
}
await browser.close();
