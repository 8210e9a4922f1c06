// Wires a transport to the panel's models: snapshots reset them, increments are applied once per animation
// frame, and commands go back to the hub. One session per panel or popup page.
import { batch, signal } from '@preact/signals';
import type { ConnectionState, HistoryEntry, HubMessage, LifecycleEntry, PresenceChange } from '../protocol';
import { createConnectionModel } from './connection-model';
import { PANEL_EVENT_LIMIT } from './event-log';
import { exportEvents, importEvents, type ExportFormat } from './export';
import { createPresenceModel } from './presence-model';
import type { Settings } from './settings';
import { createTimelineModel } from './timeline-model';
import type { Transport } from './transport';
import { createWorkspacesModel } from './workspaces-model';

export type PanelSession = ReturnType<typeof createPanelSession>;

/**
 * The next animation frame, or 100 ms, whichever comes first: a tab in the background gets no animation
 * frames at all (and throttled timers), yet its panel must stay current for when it is shown again.
 * https://developer.mozilla.org/docs/Web/API/Window/requestAnimationFrame
 */
function nextFrame(callback: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    callback();
  };
  requestAnimationFrame(run);
  setTimeout(run, 100);
}
export type TimeFormat = 'absolute' | 'relative' | 'since-connect';

export interface SessionOptions {
  transport: Transport;
  settings: Settings;
  /** Defaults to requestAnimationFrame: at most one render per frame whatever the event rate. */
  scheduleFrame?: (callback: () => void) => void;
  eventLimit?: number;
}

export function createPanelSession({ transport, settings, scheduleFrame, eventLimit }: SessionOptions) {
  const frame = scheduleFrame ?? nextFrame;
  const limit = eventLimit ?? PANEL_EVENT_LIMIT;
  const workspaces = createWorkspacesModel(settings);
  const timeline = createTimelineModel(settings, eventLimit);
  const connection = createConnectionModel();
  const presence = createPresenceModel();
  const source = signal<{ kind: 'live' } | { kind: 'import'; name: string; skipped: number }>({
    kind: 'live',
  });
  const notice = signal<string | null>(null);
  const savedFormat = settings.get('timeFormat');
  const timeFormat = signal<TimeFormat>(
    savedFormat === 'relative' || savedFormat === 'since-connect' ? savedFormat : 'absolute',
  );

  let pending: {
    history: HistoryEntry[];
    lifecycle: LifecycleEntry[];
    presence: PresenceChange[];
    users: string[] | null;
  } | null = null;
  let latestConnection: ConnectionState | null = null;

  const flush = () => {
    const batchOf = pending;
    pending = null;
    if (!batchOf) return;
    batch(() => {
      if (source.peek().kind === 'live') timeline.append(batchOf.history);
      connection.append(batchOf.lifecycle, latestConnection);
      presence.append(batchOf.presence, batchOf.users);
    });
  };

  const subscribe = (id: string | null) => {
    pending = null;
    transport.send({ type: 'subscribe', workspaceId: id });
  };

  const select = (id: string | null) => {
    if (workspaces.selectedId.peek() === id && source.peek().kind === 'live') return;
    batch(() => {
      workspaces.selectedId.value = id;
      source.value = { kind: 'live' };
      timeline.clear();
      connection.reset(null, []);
      presence.reset({ users: [], changes: [] });
    });
    workspaces.persist();
    subscribe(id);
  };

  const receive = (message: HubMessage) => {
    switch (message.type) {
      case 'workspaces': {
        workspaces.list.value = message.workspaces;
        const selected = workspaces.selectedId.peek();
        if (!message.workspaces.some((w) => w.id === selected)) select(message.workspaces[0]?.id ?? null);
        return;
      }
      case 'snapshot':
        if (message.workspaceId !== workspaces.selectedId.peek()) return;
        pending = null;
        return batch(() => {
          if (source.peek().kind === 'live') timeline.reset(message.history);
          connection.reset(message.connection, message.lifecycle);
          presence.reset(message.presence);
        });
      case 'increment':
        if (message.workspaceId !== workspaces.selectedId.peek()) return;
        {
          latestConnection = message.connection;
          const first = !pending;
          const queued = (pending ??= { history: [], lifecycle: [], presence: [], users: null });
          for (const entry of message.history) queued.history.push(entry);
          // Bounded like the timeline itself, should frames stall for long.
          if (queued.history.length > limit) queued.history.splice(0, queued.history.length - limit);
          for (const entry of message.lifecycle) queued.lifecycle.push(entry);
          for (const change of message.presence) queued.presence.push(change);
          if (message.users) queued.users = message.users;
          if (first) frame(flush);
          return;
        }
      case 'history-cleared':
        if (message.workspaceId === workspaces.selectedId.peek() && source.peek().kind === 'live')
          timeline.clear();
        return;
      case 'watch-result':
        if (!message.ok) workspaces.watchError.value = message.error;
        else {
          workspaces.watchError.value = null;
          select(message.workspaceId);
        }
        return;
      case 'rejected':
        notice.value = `the background refused a request: ${message.reason}`;
        return;
    }
  };
  const stopListening = transport.listen(receive);
  // The hub sends the workspace list on connect; ask for the remembered workspace straight away.
  subscribe(workspaces.selectedId.peek());

  return {
    workspaces,
    timeline,
    connection,
    presence,
    source,
    notice,
    timeFormat,
    select,
    watch(url: string, rememberToken = false): void {
      transport.send({ type: 'watch', url, rememberToken });
    },
    unwatch(id: string): void {
      transport.send({ type: 'unwatch', workspaceId: id });
    },
    reconnect(): void {
      const id = workspaces.selectedId.peek();
      if (id) transport.send({ type: 'reconnect', workspaceId: id });
    },
    /** Clears the history here and in the background, for every panel on this workspace. */
    clear(): void {
      const id = workspaces.selectedId.peek();
      timeline.clear();
      if (id && source.peek().kind === 'live') transport.send({ type: 'clear-history', workspaceId: id });
    },
    setTimeFormat(format: TimeFormat): void {
      timeFormat.value = format;
      settings.set('timeFormat', format);
    },
    exportShown(format: ExportFormat): string {
      return exportEvents(format, timeline.view(), workspaces.selected.peek()?.displayUrl ?? '');
    },
    importFile(name: string, text: string): void {
      const result = importEvents(text);
      if (result.error) {
        notice.value = `import of ${name} failed: ${result.error}`;
        return;
      }
      batch(() => {
        source.value = { kind: 'import', name, skipped: result.skipped };
        timeline.reset(result.entries);
        notice.value = `imported ${result.entries.length} events from ${name}${result.skipped ? `, skipped ${result.skipped} invalid` : ''}`;
      });
    },
    backToLive(): void {
      source.value = { kind: 'live' };
      subscribe(workspaces.selectedId.peek());
    },
    dispose(): void {
      stopListening();
      timeline.dispose();
    },
  };
}
