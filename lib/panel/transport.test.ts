import { expect, it, vi } from 'vitest';
import { createPortTransport, type PanelPort } from './transport';
import type { Command } from '../protocol';

class Port implements PanelPort {
  sent: Command[] = [];
  message: ((message: unknown) => void)[] = [];
  gone: (() => void)[] = [];
  disconnected = false;
  postMessage(message: Command) {
    this.sent.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  onMessage = { addListener: (f: (message: unknown) => void) => void this.message.push(f) };
  onDisconnect = { addListener: (f: () => void) => void this.gone.push(f) };
}

it('reconnects when the background goes away and replays the last subscribe', async () => {
  vi.useFakeTimers();
  const ports: Port[] = [];
  const transport = createPortTransport(() => {
    const port = new Port();
    ports.push(port);
    return port;
  });
  transport.send({ type: 'subscribe', workspaceId: 'w' });
  for (const f of ports[0]!.gone) f(); // the service worker was terminated
  await vi.advanceTimersByTimeAsync(300);
  expect(ports).toHaveLength(2);
  expect(ports[1]!.sent).toEqual([{ type: 'subscribe', workspaceId: 'w' }]);
  transport.close();
  expect(ports[1]!.disconnected).toBe(true);
  vi.useRealTimers();
});

it('drops messages that are not hub messages', () => {
  const port = new Port();
  const invalid: unknown[] = [];
  const transport = createPortTransport(() => port, { onInvalid: (message) => invalid.push(message) });
  const received: unknown[] = [];
  transport.listen((message) => received.push(message));
  for (const f of port.message) {
    f({ type: 'workspaces', workspaces: [] });
    f({ type: 'snapshot' });
    f('junk');
    f(null);
  }
  expect(received).toEqual([{ type: 'workspaces', workspaces: [] }]);
  expect(invalid).toHaveLength(3);
});
