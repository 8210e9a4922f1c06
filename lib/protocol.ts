// Every message between the background hub and its panels and popups, with the type guards that check them.
// Ports carry structured clones, so everything here is plain data.
import type { ConnectionStatus, WorkspaceEvent } from '@edgevault/realtime';

/** A workspace is identified by its WebSocket URL without the token. */
export type WorkspaceId = string;

/** One received event, numbered per workspace so that a snapshot and the increments after it never overlap. */
export type HistoryEntry = { seq: number; receivedAt: number; event: WorkspaceEvent };

export type LifecycleEntry = { seq: number; at: number } & (
  | { kind: 'status'; status: ConnectionStatus }
  | { kind: 'attempt'; attempt: number }
  | { kind: 'open'; attempt: number }
  | { kind: 'close'; code: number; reason: string; meaning: string; final: boolean }
  | { kind: 'retry'; attempt: number; delayMs: number }
  | { kind: 'invalid-frame'; error: string; count: number }
  | { kind: 'rtt'; rttMs: number }
  | { kind: 'dead-link'; silentMs: number }
  | { kind: 'error'; message: string }
);
export type LifecycleKind = LifecycleEntry['kind'];

export type PresenceChange = { at: number; user: string; change: 'joined' | 'left' };
export type PresenceState = { users: string[]; changes: PresenceChange[] };

export type ConnectionState = {
  status: ConnectionStatus;
  attempt: number;
  nextRetryAt: number | null;
  lastClose: { code: number; reason: string; meaning: string } | null;
  rttMs: number | null;
  invalidFrames: number;
  /** When the current connection opened, for "time since connect". */
  openedAt: number | null;
};

/** What the popup and the workspace picker show for each watched workspace. */
export type WorkspaceSummary = {
  id: WorkspaceId;
  /** The URL with its token redacted (`token=•••`): safe to show, log and export. */
  displayUrl: string;
  connection: ConnectionState;
  users: string[];
  lastEvent: { type: WorkspaceEvent['type']; at: number } | null;
  /** Events since the popup was last opened. */
  unseen: number;
  total: number;
};

// ---- panel/popup -> hub ----
export type Command =
  | { type: 'watch'; url: string; rememberToken?: boolean }
  | { type: 'unwatch'; workspaceId: WorkspaceId }
  | { type: 'subscribe'; workspaceId: WorkspaceId | null }
  | { type: 'reconnect'; workspaceId: WorkspaceId }
  | { type: 'clear-history'; workspaceId: WorkspaceId }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'popup-opened' };

// ---- hub -> panel/popup ----
export type HubMessage =
  | { type: 'workspaces'; workspaces: WorkspaceSummary[] }
  | {
      type: 'snapshot';
      workspaceId: WorkspaceId;
      history: HistoryEntry[];
      lifecycle: LifecycleEntry[];
      presence: PresenceState;
      connection: ConnectionState;
      historyLimit: number;
    }
  | {
      type: 'increment';
      workspaceId: WorkspaceId;
      history: HistoryEntry[];
      lifecycle: LifecycleEntry[];
      presence: PresenceChange[];
      users: string[] | null;
      connection: ConnectionState | null;
    }
  | { type: 'history-cleared'; workspaceId: WorkspaceId }
  | { type: 'watch-result'; ok: true; workspaceId: WorkspaceId }
  | { type: 'watch-result'; ok: false; error: string }
  | { type: 'rejected'; reason: string };

/** The name panels and popups give their port. */
export const PORT_NAME = 'edgevault-hub';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/** Checks a message from a port before the hub acts on it; returns why it is refused, or the command. */
export function parseCommand(message: unknown): Command | { invalid: string } {
  if (!isRecord(message)) return { invalid: 'not an object' };
  switch (message.type) {
    case 'watch':
      if (!isString(message.url) || message.url.length > 4096)
        return { invalid: 'watch: url must be a string' };
      if (message.rememberToken !== undefined && typeof message.rememberToken !== 'boolean')
        return { invalid: 'watch: rememberToken must be a boolean' };
      return { type: 'watch', url: message.url, rememberToken: message.rememberToken === true };
    case 'unwatch':
    case 'reconnect':
    case 'clear-history':
      if (!isString(message.workspaceId)) return { invalid: `${message.type}: workspaceId must be a string` };
      return { type: message.type, workspaceId: message.workspaceId };
    case 'subscribe':
      if (message.workspaceId !== null && !isString(message.workspaceId))
        return { invalid: 'subscribe: workspaceId must be a string or null' };
      return { type: 'subscribe', workspaceId: message.workspaceId };
    case 'pause':
    case 'resume':
    case 'popup-opened':
      return { type: message.type };
    default:
      return { invalid: `unknown command ${JSON.stringify(message.type)?.slice(0, 40) ?? 'undefined'}` };
  }
}

/** Panels check what arrives too: a hub of another version must not crash them. */
export function isHubMessage(message: unknown): message is HubMessage {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case 'workspaces':
      return Array.isArray(message.workspaces);
    case 'snapshot':
      return (
        isString(message.workspaceId) && Array.isArray(message.history) && Array.isArray(message.lifecycle)
      );
    case 'increment':
      return (
        isString(message.workspaceId) && Array.isArray(message.history) && Array.isArray(message.lifecycle)
      );
    case 'history-cleared':
      return isString(message.workspaceId);
    case 'watch-result':
      return typeof message.ok === 'boolean';
    case 'rejected':
      return isString(message.reason);
    default:
      return false;
  }
}
