// A real `ws` server on 127.0.0.1 that speaks the workspace protocol, and can be killed and restarted on the
// same port. Used where a test needs a real socket but not the Durable Object.
import { WebSocketServer, WebSocket as WsSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import type { WebSocketConstructor } from '@edgevault/realtime';

/** `ws`'s class where the client expects the DOM's WebSocket: the parts the client uses are compatible. */
export const NodeWebSocket = WsSocket as unknown as WebSocketConstructor;

export class WsWorkspaceServer {
  private server: WebSocketServer | undefined;
  port = 0;
  connections = 0;
  answerPings = true;
  readonly received: string[] = [];

  async start(port = this.port): Promise<this> {
    const server = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => {
      this.connections++;
      socket.on('message', (data, binary) => {
        const text = binary ? '<binary>' : data.toString();
        this.received.push(text);
        if (this.answerPings && text === '{"type":"ping"}') socket.send('{"type":"pong"}');
      });
    });
    this.server = server;
    return this;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/api/v1/workspaces/demo/ws?token=dev`;
  }

  get open(): number {
    return this.server ? [...this.server.clients].filter((s) => s.readyState === WsSocket.OPEN).length : 0;
  }

  send(frame: unknown, binary = false): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    for (const socket of this.server?.clients ?? []) socket.send(binary ? Buffer.from(data) : data);
  }

  closeAll(code: number, reason: string): void {
    for (const socket of this.server?.clients ?? []) socket.close(code, reason);
  }

  /** Drops every socket without a close frame, then stops listening: the server vanished. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of server.clients) socket.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
