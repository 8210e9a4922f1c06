// The stress suite runs short inside `npm test` and full with `npm run test:stress` (EDGEVAULT_STRESS=full).
export const FULL = process.env.EDGEVAULT_STRESS === 'full';
export const scale = <T>(short: T, full: T): T => (FULL ? full : short);

export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (the stress project sets it)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

/** A seeded generator: the same inputs every run. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
