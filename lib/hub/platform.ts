// What the hub needs from the browser, injected so that the hub runs (and is tested) without one.
import type { WebSocketConstructor } from '@edgevault/realtime';
import type { HubMessage } from '../protocol';

/** A storage area (`storage.local` or `storage.session`), reduced to one key at a time. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** The parts of `runtime.Port` the hub uses. */
export interface HubPort {
  name: string;
  sender?: { id?: string };
  postMessage(message: HubMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface HubPlatform {
  /** Survives a browser restart: the watch list (tokens only when the user opted in). */
  local: KeyValueStore;
  /** Survives a worker restart, not a browser restart: tokens. */
  session: KeyValueStore;
  setBadge(badge: { text: string; color: string }): void;
  /** This extension's id: ports from anyone else are refused. */
  extensionId: string;
  WebSocket?: WebSocketConstructor;
  /** Where refused ports and malformed messages are reported (the worker's console). */
  report?(message: string): void;
}
