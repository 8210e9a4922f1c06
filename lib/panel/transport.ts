// How the panel and popup talk to the hub. The port implementation reconnects when the background goes away
// (Chrome ends idle service workers; a reconnect starts it again) and replays the last subscribe.
import { PORT_NAME, isHubMessage, type Command, type HubMessage } from '../protocol';

export interface Transport {
  send(command: Command): void;
  /** Returns the function that stops listening. */
  listen(listener: (message: HubMessage) => void): () => void;
  close(): void;
}

/** The parts of `runtime.Port` the panel uses. */
export interface PanelPort {
  postMessage(message: Command): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export function createPortTransport(
  connect: (name: string) => PanelPort,
  options: { reconnectDelayMs?: number; onInvalid?: (message: unknown) => void } = {},
): Transport {
  const listeners = new Set<(message: HubMessage) => void>();
  let lastSubscribe: Command | undefined;
  let port: PanelPort | undefined;
  let closed = false;

  const open = (): PanelPort => {
    const next = connect(PORT_NAME);
    next.onMessage.addListener((message) => {
      if (!isHubMessage(message)) return options.onInvalid?.(message);
      for (const listener of listeners) listener(message);
    });
    next.onDisconnect.addListener(() => {
      if (port !== next || closed) return;
      port = undefined;
      setTimeout(() => {
        if (closed || port) return;
        port = open();
        if (lastSubscribe) port.postMessage(lastSubscribe);
      }, options.reconnectDelayMs ?? 250);
    });
    return next;
  };
  port = open();

  return {
    send(command) {
      if (command.type === 'subscribe') lastSubscribe = command;
      port ??= open();
      port.postMessage(command);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      port?.disconnect();
      port = undefined;
    },
  };
}
