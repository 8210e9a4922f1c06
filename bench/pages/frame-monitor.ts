// Records the time between animation frames while a page appends events, then publishes the figures.
declare global {
  interface Window {
    __bench?: { longestFrameMs: number; p99FrameMs: number; frames: number; rows: number; events: number };
  }
}

export const RATE_PER_SECOND = 5_000;
export const DURATION_MS = 10_000;
/** Events per tick; a tick every 10 ms makes 5,000 events/s. */
export const PER_TICK = RATE_PER_SECOND / 100;

export function runAppendBenchmark(
  appendBatch: (from: number, count: number) => void,
  rowSelector: string,
): void {
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  const onFrame = (now: number) => {
    gaps.push(now - last);
    last = now;
    if (running) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  let next = 1;
  const started = performance.now();
  const timer = setInterval(() => {
    appendBatch(next, PER_TICK);
    next += PER_TICK;
    if (performance.now() - started >= DURATION_MS) {
      clearInterval(timer);
      running = false;
      setTimeout(() => {
        const sorted = gaps.slice(1).sort((a, b) => a - b);
        window.__bench = {
          longestFrameMs: sorted.at(-1) ?? 0,
          p99FrameMs: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
          frames: sorted.length,
          rows: document.querySelectorAll(rowSelector).length,
          events: next - 1,
        };
      }, 200);
    }
  }, 10);
}
