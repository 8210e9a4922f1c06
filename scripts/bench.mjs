// `npm run bench`: bundles each bench/*.bench.ts with esbuild (the repo's aliases applied) and runs them one
// after another, so figures are not disturbed by each other. `npm run bench -- size` runs only matching ones.
import { build } from 'esbuild';
import { readdirSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const filter = process.argv[2] ?? '';
// Inside the repo (git-ignored) so that bare imports resolve from node_modules.
const out = join(root, 'dist/bench');
mkdirSync(out, { recursive: true });
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
// server/*.mjs find wrangler and dev.env from their own location: import them where they are, not inlined.
const keepServerScriptsInPlace = {
  name: 'keep-server-scripts-in-place',
  setup(build) {
    build.onResolve({ filter: /\/server\/[\w-]+\.mjs$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path),
      external: true,
    }));
  },
};
let failed = 0;
for (const file of benches) {
  const outfile = join(out, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(root, 'bench', file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    alias: { '@edgevault/realtime': join(root, 'lib/realtime') },
    logLevel: 'warning',
    plugins: [keepServerScriptsInPlace],
  });
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
