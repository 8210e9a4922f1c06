/** Reconnect timing. All times in milliseconds. */
export interface BackoffOptions {
  /** Scale of the first retry window: retry n waits up to `baseMs * 2 ** (n + 1)`. Default 1,000. */
  baseMs?: number;
  /** No retry waits longer than this. Default 10,000. */
  maxMs?: number;
  /** A connection that stayed open this long resets the attempt counter. Default 5,000. */
  resetAfterMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  baseMs: 1_000,
  maxMs: 10_000,
  resetAfterMs: 5_000,
};

/**
 * Full jitter (a uniform draw in [0, window)) on every retry, the first included: a Durable Object drops all
 * its sockets at once on deploy, and clients must not return in lockstep. The first window is 4 × base
 * (4 s by default) rather than 1 × base, because 1,000 clients spread over 1 s put 10 % of them in every
 * 100 ms; over 4 s no 100 ms window holds much more than 2.5 %.
 */
export function backoffDelay(
  attempt: number,
  options: Required<BackoffOptions>,
  random: () => number = Math.random,
): number {
  const window = Math.min(options.maxMs, options.baseMs * 2 ** (Math.max(1, attempt) + 1));
  return Math.floor(random() * window);
}
