// Bundles the console page's script (it uses lib/realtime) into server/public, where the Worker serves it.
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
await build({
  entryPoints: [resolve(root, 'server/console/main.ts')],
  outfile: resolve(root, 'server/public/console.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  alias: { '@edgevault/realtime': resolve(root, 'lib/realtime') },
  logLevel: 'warning',
});
