// Records the time between animation frames while a page appends events, then publishes the figures.
declare global {
  interface Window {
    __bench?: { longestFrameMs: number; p99FrameMs: number; frames: number; rows: number; events: number };
  }
}

export const RATE_PER_SECOND = 5_000;
export const DURATION_MS = 10_000;

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
  // Catch up by elapsed time: a tick delayed by a long frame sends more, so the rate holds at 5,000/s.
  const timer = setInterval(() => {
    const elapsed = performance.now() - started;
    const due = Math.min(
      RATE_PER_SECOND * (DURATION_MS / 1000),
      Math.floor((elapsed / 1000) * RATE_PER_SECOND),
    );
    if (due >= next) {
      appendBatch(next, due - next + 1);
      next = due + 1;
    }
    if (elapsed >= DURATION_MS) {
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
