// One watched workspace in the background: its single client, its bounded history and lifecycle log, presence.
import {
  WorkspaceEventsClient,
  type BackoffOptions,
  type Diagnostic,
  type WebSocketConstructor,
  type WorkspaceEvent,
} from '@edgevault/realtime';
import type {
  ConnectionState,
  HistoryEntry,
  LifecycleEntry,
  PresenceChange,
  PresenceState,
  WorkspaceSummary,
} from '../protocol';
import { closeMeaning } from './close-codes';
import { diffPresence } from './presence';
import { Ring } from '../shared/ring';
import { redactUrl, withToken } from './workspace-url';

/** Default number of events kept per workspace. */
export const DEFAULT_HISTORY_LIMIT = 10_000;
/** Lifecycle entries kept per workspace (status changes, attempts, closes, RTT samples, invalid frames). */
export const LIFECYCLE_LIMIT = 1_000;
/** Joins and leaves kept per workspace. */
export const PRESENCE_CHANGES_LIMIT = 500;

type Lifecycle = LifecycleEntry extends infer E
  ? E extends LifecycleEntry
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;

/** Where a workspace reports what happened; the hub batches it to subscribed ports. */
export interface WorkspaceSink {
  history(workspace: WatchedWorkspace, entry: HistoryEntry): void;
  lifecycle(workspace: WatchedWorkspace, entry: LifecycleEntry): void;
  presence(workspace: WatchedWorkspace, changes: PresenceChange[]): void;
  connection(workspace: WatchedWorkspace): void;
}

export interface WatchedWorkspaceOptions {
  historyLimit: number;
  pingIntervalMs: number;
  backoff?: BackoffOptions;
  WebSocket?: WebSocketConstructor;
  sink: WorkspaceSink;
}

export class WatchedWorkspace {
  readonly history: Ring<HistoryEntry>;
  readonly lifecycle = new Ring<LifecycleEntry>(LIFECYCLE_LIMIT);
  readonly presenceChanges = new Ring<PresenceChange>(PRESENCE_CHANGES_LIMIT);
  users: string[] = [];
  unseen = 0;
  total = 0;
  lastEvent: WorkspaceSummary['lastEvent'] = null;
  private seq = 0;
  private lifecycleSeq = 0;
  private openedAt: number | null = null;
  private client: WorkspaceEventsClient;

  constructor(
    readonly id: string,
    private token: string | null,
    private readonly options: WatchedWorkspaceOptions,
  ) {
    this.history = new Ring(options.historyLimit);
    this.client = this.makeClient();
  }

  get displayUrl(): string {
    return redactUrl(withToken(this.id, this.token));
  }

  get hasToken(): boolean {
    return this.token !== null;
  }

  start(): void {
    this.client.connect();
  }

  stop(): void {
    this.client.close();
  }

  /** "Reconnect now": a fresh attempt at once, whatever the backoff said. */
  reconnect(): void {
    this.client.close();
    this.client.connect();
  }

  /** A new token for the same workspace: reconnect with it. */
  setToken(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    this.client.close();
    this.client = this.makeClient();
    this.client.connect();
  }

  clearHistory(): void {
    this.history.clear();
    this.unseen = 0;
    this.total = 0;
    this.lastEvent = null;
  }

  connection(): ConnectionState {
    const { client } = this;
    return {
      status: client.status,
      attempt: client.attempt,
      nextRetryAt: client.nextRetryAt ?? null,
      lastClose: client.lastClose
        ? { ...client.lastClose, meaning: closeMeaning(client.lastClose.code) }
        : null,
      rttMs: client.rttMs ?? null,
      invalidFrames: client.invalidFrames,
      openedAt: this.openedAt,
    };
  }

  presence(): PresenceState {
    return { users: this.users, changes: this.presenceChanges.toArray() };
  }

  summary(): WorkspaceSummary {
    return {
      id: this.id,
      displayUrl: this.displayUrl,
      connection: this.connection(),
      users: this.users,
      lastEvent: this.lastEvent,
      unseen: this.unseen,
      total: this.total,
    };
  }

  private makeClient(): WorkspaceEventsClient {
    return new WorkspaceEventsClient({
      url: withToken(this.id, this.token),
      WebSocket: this.options.WebSocket,
      pingIntervalMs: this.options.pingIntervalMs,
      backoff: this.options.backoff,
      onEvent: (event) => this.receive(event),
      onStatus: (status) => {
        this.openedAt = status === 'open' ? Date.now() : status === 'closed' ? null : this.openedAt;
        this.log({ kind: 'status', status });
        this.options.sink.connection(this);
      },
      onDiagnostic: (diagnostic) => this.diagnose(diagnostic),
    });
  }

  private receive(event: WorkspaceEvent): void {
    const receivedAt = Date.now();
    // Pongs are transport: they show in the lifecycle lane as RTT, not in the history.
    if (event.type === 'pong') return;
    if (event.type === 'presence') {
      const changes = diffPresence(this.users, event.users, event.at);
      this.users = event.users;
      for (const change of changes) this.presenceChanges.push(change);
      this.options.sink.presence(this, changes);
    }
    const entry: HistoryEntry = { seq: ++this.seq, receivedAt, event };
    this.history.push(entry);
    this.total++;
    this.unseen++;
    this.lastEvent = { type: event.type, at: event.at };
    this.options.sink.history(this, entry);
  }

  private diagnose(diagnostic: Diagnostic): void {
    switch (diagnostic.type) {
      case 'close':
        return this.log({
          kind: 'close',
          code: diagnostic.code,
          reason: redactUrl(diagnostic.reason),
          meaning: closeMeaning(diagnostic.code),
          final: diagnostic.final,
        });
      case 'attempt':
      case 'open':
        return this.log({ kind: diagnostic.type, attempt: diagnostic.attempt });
      case 'retry':
        this.log({ kind: 'retry', attempt: diagnostic.attempt, delayMs: diagnostic.delayMs });
        return this.options.sink.connection(this);
      case 'invalid-frame':
        this.log({ kind: 'invalid-frame', error: diagnostic.error, count: diagnostic.count });
        return this.options.sink.connection(this);
      case 'rtt':
        this.log({ kind: 'rtt', rttMs: diagnostic.rttMs });
        return this.options.sink.connection(this);
      case 'dead-link':
        return this.log({ kind: 'dead-link', silentMs: diagnostic.silentMs });
      case 'error':
        return this.log({ kind: 'error', message: redactUrl(diagnostic.message) });
    }
  }

  private log(entry: Lifecycle): void {
    const full = { ...entry, seq: ++this.lifecycleSeq, at: Date.now() } as LifecycleEntry;
    this.lifecycle.push(full);
    this.options.sink.lifecycle(this, full);
  }
}
