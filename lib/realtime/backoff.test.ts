import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from './backoff';

// A seeded generator keeps the statistical checks deterministic.
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const samples = (attempt: number, n: number, seed = 1) => {
  const random = seeded(seed);
  return Array.from({ length: n }, () => backoffDelay(attempt, DEFAULT_BACKOFF, random));
};

describe('backoffDelay', () => {
  it('draws the first retry uniformly from [0, 4 s)', () => {
    const delays = samples(1, 10_000);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(4_000);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(1_900);
    expect(mean).toBeLessThan(2_100);
  });

  it('doubles the window per attempt up to the 10 s cap', () => {
    expect(Math.max(...samples(2, 5_000))).toBeLessThan(8_000);
    expect(Math.max(...samples(2, 5_000))).toBeGreaterThan(7_000);
    for (const attempt of [3, 4, 10, 50, 1_000]) {
      const delays = samples(attempt, 5_000, attempt);
      expect(Math.max(...delays)).toBeLessThanOrEqual(10_000);
      expect(Math.max(...delays)).toBeGreaterThan(9_500);
      expect(Math.min(...delays)).toBeLessThan(500);
    }
  });

  it('spreads 1,000 clients so that no 100 ms window holds more than 5 % of first retries', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const windows = new Map<number, number>();
      for (const delay of samples(1, 1_000, seed)) {
        const bucket = Math.floor(delay / 100);
        windows.set(bucket, (windows.get(bucket) ?? 0) + 1);
      }
      expect(Math.max(...windows.values())).toBeLessThanOrEqual(50);
    }
  });

  it('honours tuned base and cap', () => {
    const options = { baseMs: 10, maxMs: 100, resetAfterMs: 0 };
    const random = seeded(9);
    const delays = Array.from({ length: 1_000 }, (_, i) => backoffDelay(i % 20, options, random));
    expect(Math.max(...delays)).toBeLessThanOrEqual(100);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
  });
});
