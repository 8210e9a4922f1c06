// A Transport with no extension behind it: components render in a plain page and in tests against it.
import type { Command, HubMessage } from '../protocol';
import type { Transport } from './transport';

export class MockTransport implements Transport {
  readonly sent: Command[] = [];
  private readonly listeners = new Set<(message: HubMessage) => void>();

  send(command: Command): void {
    this.sent.push(command);
  }
  listen(listener: (message: HubMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  close(): void {
    this.listeners.clear();
  }
  /** Plays the hub: delivers a message to the panel. */
  emit(message: HubMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
