// In-memory stand-ins for the browser parts the hub uses: storage areas and runtime ports.
import type { HubPlatform, HubPort, KeyValueStore } from '../../lib/hub/platform';
import { PORT_NAME, type HubMessage } from '../../lib/protocol';

export const EXTENSION_ID = 'edgevault-test-extension';

export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  async get(key: string): Promise<unknown> {
    return structuredClone(this.data.get(key));
  }
  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
  }
  dump(): string {
    return JSON.stringify([...this.data]);
  }
}

/** The hub's end of a port; the test plays the panel. Messages are structured-cloned as Chrome does. */
export class FakePort implements HubPort {
  readonly received: HubMessage[] = [];
  disconnected = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];

  constructor(
    readonly sender: { id?: string } = { id: EXTENSION_ID },
    readonly name = PORT_NAME,
  ) {}

  postMessage(message: HubMessage): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.received.push(structuredClone(message));
  }
  disconnect(): void {
    this.disconnected = true;
  }
  onMessage = {
    addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener),
  };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };

  /** The panel sends a message. */
  send(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  /** The panel closes (tab closed, devtools closed). */
  close(): void {
    this.disconnected = true;
    for (const listener of this.disconnectListeners) listener();
  }
  of<T extends HubMessage['type']>(type: T): Extract<HubMessage, { type: T }>[] {
    return this.received.filter((m): m is Extract<HubMessage, { type: T }> => m.type === type);
  }
}

/** A hub platform in memory: fresh storage areas, this extension's id, a badge that goes nowhere. */
export function memoryPlatform(overrides: Partial<HubPlatform> = {}): HubPlatform {
  return {
    local: new MemoryStore(),
    session: new MemoryStore(),
    extensionId: EXTENSION_ID,
    setBadge: () => {},
    ...overrides,
  };
}
