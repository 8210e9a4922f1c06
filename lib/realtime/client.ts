import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff';
import { parseEvent, type WorkspaceEvent } from './events';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

/** What the client saw, for logs and devtools. Never carries a token or an event's payload. */
export type Diagnostic =
  | { type: 'attempt'; attempt: number; at: number }
  | { type: 'open'; attempt: number; at: number }
  | { type: 'close'; code: number; reason: string; final: boolean; at: number }
  | { type: 'retry'; attempt: number; delayMs: number; at: number }
  | { type: 'invalid-frame'; error: string; count: number; at: number }
  | { type: 'rtt'; rttMs: number; at: number }
  | { type: 'dead-link'; silentMs: number; at: number }
  | { type: 'error'; message: string; at: number };

export type WorkspaceUrl = string | (() => string | Promise<string>);
export type WebSocketConstructor = new (url: string) => WebSocket;

export interface WorkspaceEventsClientOptions {
  /** The WebSocket URL, or a function called before every attempt (to refresh a token). */
  url: WorkspaceUrl;
  onEvent: (event: WorkspaceEvent) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** Reconnect with exponential backoff and full jitter. Default true. */
  reconnect?: boolean;
  backoff?: BackoffOptions;
  /** Send `{"type":"ping"}` this often while open. Default 30,000. */
  pingIntervalMs?: number;
  /** Wait this long past a ping for any frame before calling the link dead. Default 5,000. */
  pongTimeoutMs?: number;
  /** Give up on a handshake that has not completed in this long (a server that accepts and never speaks). Default 10,000. */
  connectTimeoutMs?: number;
  /** Defaults to `globalThis.WebSocket`; pass `ws`'s class in Node 20. */
  WebSocket?: WebSocketConstructor;
  onDiagnostic?: (diagnostic: Diagnostic) => void;
}

/** Close codes after which retrying cannot help: the server rejected the token or the access. */
export const FINAL_CLOSE_CODES: readonly number[] = [4401, 4403, 1008];
/** The code the client closes with when pings go unanswered. */
export const DEAD_LINK_CODE = 4000;
/** The ping frame, byte for byte: the Durable Object's auto-response matches it exactly. */
export const PING_FRAME = '{"type":"ping"}';

type Unstamped = Diagnostic extends infer D ? (D extends Diagnostic ? Omit<D, 'at'> : never) : never;

export class WorkspaceEventsClient {
  status: ConnectionStatus = 'closed';
  /** Attempts since the last connection that stayed open `resetAfterMs`. */
  attempt = 0;
  /** When the scheduled retry fires (epoch ms), while waiting for one. */
  nextRetryAt: number | undefined;
  lastClose: { code: number; reason: string } | undefined;
  /** Round-trip time of the last answered ping. */
  rttMs: number | undefined;
  invalidFrames = 0;

  private readonly options: WorkspaceEventsClientOptions;
  private readonly backoff: Required<BackoffOptions>;
  private socket: WebSocket | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by connect() and close(): a callback from an older run finds it changed and does nothing. */
  private run = 0;
  private openedAt = 0;
  private lastFrameAt = 0;
  private pingAt = 0;
  private awaitingFrame = false;
  private awaitingPong = false;

  constructor(options: WorkspaceEventsClientOptions) {
    this.options = options;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  connect(): void {
    if (this.status !== 'closed') return;
    this.run++;
    this.attempt = 0;
    this.listen(true);
    this.open();
  }

  /** Final and idempotent: closes the socket, stops every timer, never reconnects on its own. */
  close(): void {
    this.run++;
    this.listen(false);
    this.detach(1000, 'client closed');
    this.set('closed');
  }

  private open(): void {
    const run = this.run;
    this.set('connecting');
    this.clearTimer();
    this.emit({ type: 'attempt', attempt: ++this.attempt });
    const { url } = this.options;
    let resolved: string | Promise<string>;
    try {
      resolved = typeof url === 'function' ? url() : url;
    } catch (error) {
      return this.failed(error);
    }
    if (typeof resolved === 'string') return this.dial(resolved);
    resolved.then(
      (value) => run === this.run && this.dial(value),
      (error: unknown) => run === this.run && this.failed(error),
    );
  }

  private dial(url: string): void {
    const Socket = this.options.WebSocket ?? globalThis.WebSocket;
    let socket: WebSocket;
    try {
      socket = new Socket(url);
    } catch (error) {
      // A URL the constructor rejects will not become valid by waiting.
      this.emit({ type: 'error', message: `bad url: ${message(error)}` });
      this.lastClose = { code: 0, reason: 'bad url' };
      return this.close();
    }
    this.socket = socket;
    const { connectTimeoutMs = 10_000 } = this.options;
    this.timer = setTimeout(() => {
      this.emit({ type: 'dead-link', silentMs: connectTimeoutMs });
      this.lost(DEAD_LINK_CODE, 'dead link: handshake did not complete');
    }, connectTimeoutMs);
    socket.onopen = () => {
      this.clearTimer();
      this.openedAt = this.lastFrameAt = this.pingAt = Date.now();
      this.awaitingFrame = this.awaitingPong = false;
      this.set('open');
      this.emit({ type: 'open', attempt: this.attempt });
      this.tick();
    };
    socket.onmessage = (message) => this.frame(message.data);
    socket.onclose = (event) => this.lost(event.code, event.reason);
    socket.onerror = () => {}; // a close event always follows; the error event says nothing more
  }

  private frame(data: unknown): void {
    const now = Date.now();
    this.lastFrameAt = now;
    this.awaitingFrame = false;
    const result = parseEvent(data, now);
    if ('error' in result) {
      this.emit({ type: 'invalid-frame', error: result.error, count: ++this.invalidFrames });
      return;
    }
    if (result.event.type === 'pong' && this.awaitingPong) {
      this.awaitingPong = false;
      this.emit({ type: 'rtt', rttMs: (this.rttMs = now - this.pingAt) });
    }
    try {
      this.options.onEvent(result.event);
    } catch (error) {
      this.report(error);
    }
  }

  // One timer does both jobs and judges by timestamps, so a throttled background-tab timer that fires late
  // neither raises a false alarm nor misses a dead link.
  private tick = (): void => {
    const { pingIntervalMs = 30_000, pongTimeoutMs = 5_000 } = this.options;
    const now = Date.now();
    const silent = now - this.lastFrameAt;
    if (
      this.awaitingFrame &&
      now - this.pingAt >= pongTimeoutMs &&
      silent >= pingIntervalMs + pongTimeoutMs
    ) {
      this.emit({ type: 'dead-link', silentMs: silent });
      return this.lost(DEAD_LINK_CODE, 'dead link: no answer to ping');
    }
    if (now - this.pingAt >= pingIntervalMs) {
      try {
        this.socket?.send(PING_FRAME);
      } catch (error) {
        this.report(error);
      }
      this.pingAt = now;
      this.awaitingFrame = this.awaitingPong = true;
    }
    let next = this.pingAt + pingIntervalMs;
    if (this.awaitingFrame)
      next = Math.min(
        next,
        Math.max(this.pingAt + pongTimeoutMs, this.lastFrameAt + pingIntervalMs + pongTimeoutMs),
      );
    this.timer = setTimeout(this.tick, Math.max(0, next - now));
  };

  private lost(code: number, reason: string): void {
    const now = Date.now();
    const final = FINAL_CLOSE_CODES.includes(code) || this.options.reconnect === false;
    if (this.status === 'open' && now - this.openedAt >= this.backoff.resetAfterMs) this.attempt = 0;
    this.detach(code, reason);
    this.lastClose = { code, reason };
    this.emit({ type: 'close', code, reason, final });
    if (final) return this.close();
    this.schedule();
  }

  private failed(error: unknown): void {
    this.emit({ type: 'error', message: `url: ${message(error)}` });
    this.schedule();
  }

  private schedule(): void {
    const delayMs = backoffDelay(this.attempt, this.backoff);
    this.set('connecting');
    this.clearTimer();
    this.nextRetryAt = Date.now() + delayMs;
    this.emit({ type: 'retry', attempt: this.attempt + 1, delayMs });
    this.timer = setTimeout(() => this.open(), delayMs);
  }

  /** Retry at once when the network comes back, or when a hidden page is shown again. */
  private wake = (event: Event): void => {
    if (this.nextRetryAt !== undefined && (event.type === 'online' || !document.hidden)) this.open();
  };

  private listen(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    globalThis[method]?.('online', this.wake);
    if (typeof document !== 'undefined') document[method]('visibilitychange', this.wake);
  }

  /** Forgets the socket before closing it, so at no moment does this client hold two. */
  private detach(code: number, reason: string): void {
    const socket = this.socket;
    this.socket = undefined;
    this.clearTimer();
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    try {
      socket.close(code >= 3000 && code < 5000 ? code : 1000, reason);
    } catch {
      // Closing a socket that is still connecting or already closed may throw in some runtimes.
    }
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = this.nextRetryAt = undefined;
  }

  private set(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.onStatus?.(status);
  }

  private emit(diagnostic: Unstamped): void {
    this.options.onDiagnostic?.({ ...diagnostic, at: Date.now() } as Diagnostic);
  }

  private report(error: unknown): void {
    if (this.options.onDiagnostic) this.emit({ type: 'error', message: `onEvent threw: ${message(error)}` });
    else console.error('[@edgevault/realtime] onEvent threw', error);
  }
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
