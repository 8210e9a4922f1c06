// Bundle size of the client beside partysocket's ws-only entry and reconnecting-websocket, all bundled the same
// way: esbuild, minified, ESM, browser platform, gzip level 9.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const root = process.cwd();
async function size(entry: string, external: string[] = []): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external,
    alias: { '@edgevault/realtime': resolve(root, 'lib/realtime') },
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;
const rows: [string, { min: number; gzip: number }, number | undefined][] = [
  ['@edgevault/realtime (core)', await size(`export * from '@edgevault/realtime'`), 2.5 * 1024],
  [
    '@edgevault/realtime/react (hook only)',
    await size(`export * from '@edgevault/realtime/react'`, [
      'react',
      '@edgevault/realtime',
      './client',
      './events',
    ]),
    0.6 * 1024,
  ],
  ['partysocket/ws', await size(`export { default } from 'partysocket/ws'`, ['ws']), undefined],
  ['reconnecting-websocket', await size(`export { default } from 'reconnecting-websocket'`), undefined],
];
console.log('bundle'.padEnd(40), 'min'.padStart(10), 'min+gzip'.padStart(10), '  target');
for (const [name, { min, gzip }, target] of rows) {
  const verdict =
    target === undefined ? '' : gzip <= target ? `<= ${kib(target)} ok` : `> ${kib(target)} MISSED`;
  console.log(name.padEnd(40), kib(min).padStart(10), kib(gzip).padStart(10), ' ', verdict);
}
