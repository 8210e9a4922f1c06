// The background's logic: exactly one client per watched workspace, however many panels and popups look at it,
// and batched relay of what happens to each of them.
import type { BackoffOptions } from '@edgevault/realtime';
import {
  PORT_NAME,
  parseCommand,
  type Command,
  type HistoryEntry,
  type HubMessage,
  type LifecycleEntry,
  type PresenceChange,
  type WorkspaceSummary,
} from '../protocol';
import { badgeFor } from './badge';
import type { HubPlatform, HubPort } from './platform';
import { DEFAULT_HISTORY_LIMIT, WatchedWorkspace, type WorkspaceSink } from './watched-workspace';
import { loadWatchList, saveWatchList } from './watch-list';
import { parseWorkspaceUrl } from './workspace-url';

export interface HubOptions {
  /** Events kept per workspace. Default 10,000. */
  historyLimit?: number;
  /** 20 s: Chrome ends an idle extension worker after 30 s, and a WebSocket frame resets that timer. */
  pingIntervalMs?: number;
  /** Increments to a port are sent at most this often. Default 16 ms (a frame): at most ~60 messages/s. */
  batchIntervalMs?: number;
  /** A batch this large is sent at once rather than waiting for the interval. Default 1,000. */
  maxBatch?: number;
  /** Reconnect timing of every workspace's client (tests shorten it). */
  backoff?: BackoffOptions;
}

type Pending = {
  history: HistoryEntry[];
  lifecycle: LifecycleEntry[];
  presence: PresenceChange[];
  touched: boolean;
};
type Subscriber = { port: HubPort; workspaceId: string | null; paused: boolean; pending: Pending };

const emptyPending = (): Pending => ({ history: [], lifecycle: [], presence: [], touched: false });

export class Hub implements WorkspaceSink {
  readonly workspaces = new Map<string, WatchedWorkspace>();
  /** Messages dropped by the type guards, and ports refused for their sender. */
  rejectedMessages = 0;
  rejectedPorts = 0;
  /** Resolves once the watch list is restored from storage; commands wait for it. */
  readonly ready: Promise<void>;
  private readonly subscribers = new Set<Subscriber>();
  private readonly remember = new Map<string, boolean>();
  private readonly tokens = new Map<string, string | null>();
  private readonly options: Required<HubOptions>;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private summariesDirty = false;
  private lastBadge = '';

  constructor(
    private readonly platform: HubPlatform,
    options: HubOptions = {},
  ) {
    this.options = {
      historyLimit: DEFAULT_HISTORY_LIMIT,
      pingIntervalMs: 20_000,
      batchIntervalMs: 16,
      maxBatch: 1_000,
      backoff: {},
      ...options,
    };
    this.ready = this.restore();
  }

  /** A panel or popup connected. Ports from outside this extension are refused. */
  connect(port: HubPort): void {
    if (port.sender?.id !== this.platform.extensionId || port.name !== PORT_NAME) {
      this.rejectedPorts++;
      this.platform.report?.(
        `refused a port from ${port.sender?.id ?? 'an unknown sender'} named ${port.name}`,
      );
      port.disconnect();
      return;
    }
    const subscriber: Subscriber = { port, workspaceId: null, paused: false, pending: emptyPending() };
    this.subscribers.add(subscriber);
    port.onDisconnect.addListener(() => this.subscribers.delete(subscriber));
    // Promise callbacks run in the order they were added, so commands keep their order across the restore.
    port.onMessage.addListener((message) => void this.ready.then(() => this.command(subscriber, message)));
    void this.ready.then(() => this.post(subscriber, { type: 'workspaces', workspaces: this.summaries() }));
  }

  summaries(): WorkspaceSummary[] {
    return [...this.workspaces.values()].map((workspace) => workspace.summary());
  }

  /** Closes every socket and timer (tests, extension shutdown). */
  dispose(): void {
    for (const workspace of this.workspaces.values()) workspace.stop();
    clearTimeout(this.flushTimer);
  }

  // ---- WorkspaceSink: what the watched workspaces report ----
  history(workspace: WatchedWorkspace, entry: HistoryEntry): void {
    this.queue(workspace, (pending) => pending.history.push(entry));
    this.summariesDirty = true;
  }
  lifecycle(workspace: WatchedWorkspace, entry: LifecycleEntry): void {
    this.queue(workspace, (pending) => pending.lifecycle.push(entry));
  }
  presence(workspace: WatchedWorkspace, changes: PresenceChange[]): void {
    this.queue(workspace, (pending) => pending.presence.push(...changes));
    this.summariesDirty = true;
  }
  connection(workspace: WatchedWorkspace): void {
    this.summariesDirty = true;
    this.queue(workspace, () => {}); // queue() schedules the flush
  }

  private async restore(): Promise<void> {
    try {
      for (const watch of await loadWatchList(this.platform.local, this.platform.session)) {
        if (this.workspaces.has(watch.id)) continue;
        this.remember.set(watch.id, watch.rememberToken);
        this.tokens.set(watch.id, watch.token);
        this.add(watch.id, watch.token);
      }
    } catch (error) {
      this.platform.report?.(`could not restore the watch list: ${(error as Error).message}`);
    }
  }

  private add(id: string, token: string | null): WatchedWorkspace {
    const workspace = new WatchedWorkspace(id, token, {
      historyLimit: this.options.historyLimit,
      pingIntervalMs: this.options.pingIntervalMs,
      backoff: this.options.backoff,
      WebSocket: this.platform.WebSocket,
      sink: this,
    });
    this.workspaces.set(id, workspace);
    workspace.start();
    this.summariesDirty = true;
    this.schedule();
    return workspace;
  }

  private async command(subscriber: Subscriber, message: unknown): Promise<void> {
    const command = parseCommand(message);
    if ('invalid' in command) return this.reject(subscriber, command.invalid);
    if (command.type === 'watch') return this.watch(subscriber, command);
    if (command.type === 'pause') {
      subscriber.paused = true;
      subscriber.pending = emptyPending();
      return;
    }
    if (command.type === 'popup-opened') {
      for (const workspace of this.workspaces.values()) workspace.unseen = 0;
      this.summariesDirty = true;
      return this.schedule();
    }
    if (command.type === 'resume') {
      subscriber.paused = false;
      return this.sendSnapshot(subscriber);
    }
    const workspace = command.workspaceId === null ? undefined : this.workspaces.get(command.workspaceId);
    if (command.type === 'subscribe') {
      subscriber.workspaceId = command.workspaceId;
      // Not an error when the workspace is not watched (a panel reopening on one unwatched meanwhile): no
      // snapshot now, and the workspace list it receives lets it pick another.
      return this.sendSnapshot(subscriber);
    }
    if (!workspace) return this.reject(subscriber, `${command.type}: workspace is not watched`);
    return this.act(command, workspace);
  }

  private async act(
    command: Command & { workspaceId: string | null },
    workspace: WatchedWorkspace,
  ): Promise<void> {
    if (command.type === 'reconnect') return workspace.reconnect();
    if (command.type === 'clear-history') {
      workspace.clearHistory();
      for (const subscriber of this.subscribers)
        if (subscriber.workspaceId === workspace.id) {
          subscriber.pending.history = [];
          this.post(subscriber, { type: 'history-cleared', workspaceId: workspace.id });
        }
      this.summariesDirty = true;
      return this.schedule();
    }
    if (command.type === 'unwatch') {
      workspace.stop();
      this.workspaces.delete(workspace.id);
      this.tokens.delete(workspace.id);
      this.remember.delete(workspace.id);
      this.summariesDirty = true;
      this.schedule();
      await this.persist();
    }
  }

  private async watch(subscriber: Subscriber, command: Extract<Command, { type: 'watch' }>): Promise<void> {
    const parsed = parseWorkspaceUrl(command.url);
    if ('error' in parsed)
      return this.post(subscriber, { type: 'watch-result', ok: false, error: parsed.error });
    const existing = this.workspaces.get(parsed.id);
    if (existing) existing.setToken(parsed.token);
    else this.add(parsed.id, parsed.token);
    this.tokens.set(parsed.id, parsed.token);
    this.remember.set(parsed.id, command.rememberToken === true);
    this.summariesDirty = true;
    this.schedule();
    await this.persist();
    this.post(subscriber, { type: 'watch-result', ok: true, workspaceId: parsed.id });
  }

  private persist(): Promise<void> {
    const watches = [...this.workspaces.keys()].map((id) => ({
      id,
      token: this.tokens.get(id) ?? null,
      rememberToken: this.remember.get(id) === true,
    }));
    return saveWatchList(this.platform.local, this.platform.session, watches).catch((error: Error) =>
      this.platform.report?.(`could not save the watch list: ${error.message}`),
    );
  }

  private sendSnapshot(subscriber: Subscriber): void {
    subscriber.pending = emptyPending();
    const workspace =
      subscriber.workspaceId === null ? undefined : this.workspaces.get(subscriber.workspaceId);
    if (!workspace || subscriber.paused) return;
    this.post(subscriber, {
      type: 'snapshot',
      workspaceId: workspace.id,
      history: workspace.history.toArray(),
      lifecycle: workspace.lifecycle.toArray(),
      presence: workspace.presence(),
      connection: workspace.connection(),
      historyLimit: this.options.historyLimit,
    });
  }

  private queue(workspace: WatchedWorkspace, add: (pending: Pending) => void): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.workspaceId !== workspace.id || subscriber.paused) continue;
      add(subscriber.pending);
      subscriber.pending.touched = true;
      if (subscriber.pending.history.length >= this.options.maxBatch) this.flushOne(subscriber, workspace);
    }
    this.schedule();
  }

  private schedule(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.batchIntervalMs);
  }

  private flush(): void {
    this.flushTimer = undefined;
    for (const subscriber of this.subscribers) {
      const workspace =
        subscriber.workspaceId === null ? undefined : this.workspaces.get(subscriber.workspaceId);
      if (workspace && subscriber.pending.touched) this.flushOne(subscriber, workspace);
    }
    if (!this.summariesDirty) return;
    this.summariesDirty = false;
    const workspaces = this.summaries();
    for (const subscriber of this.subscribers) this.post(subscriber, { type: 'workspaces', workspaces });
    const badge = badgeFor(workspaces);
    const key = `${badge.text}|${badge.color}`;
    if (key !== this.lastBadge) {
      this.lastBadge = key;
      this.platform.setBadge(badge);
    }
  }

  private flushOne(subscriber: Subscriber, workspace: WatchedWorkspace): void {
    const { history, lifecycle, presence } = subscriber.pending;
    subscriber.pending = emptyPending();
    this.post(subscriber, {
      type: 'increment',
      workspaceId: workspace.id,
      history,
      lifecycle,
      presence,
      users: presence.length ? workspace.users : null,
      connection: workspace.connection(),
    });
  }

  private reject(subscriber: Subscriber, reason: string): void {
    this.rejectedMessages++;
    this.platform.report?.(`dropped a port message: ${reason}`);
    this.post(subscriber, { type: 'rejected', reason });
  }

  private post(subscriber: Subscriber, message: HubMessage): void {
    try {
      subscriber.port.postMessage(message);
    } catch {
      // The other end went away between our check and the post (Chrome throws on a disconnected port).
      this.subscribers.delete(subscriber);
    }
  }
}
