// A mock-socket server for fast unit tests of anything that opens workspace sockets.
// Real-socket proof lives in test/integration (ws and workerd).
import { Server, WebSocket as MockWebSocket, type Client } from 'mock-socket';
import type { WebSocketConstructor } from '@edgevault/realtime';

export const MockSocket = MockWebSocket as unknown as WebSocketConstructor;

export class MockWorkspace {
  readonly server: Server;
  /** Every frame any client sent, in order. */
  readonly received: string[] = [];
  connections = 0;
  /** When false, pings get no answer (a dead link that keeps the socket open). */
  answerPings = true;

  constructor(readonly url = 'ws://127.0.0.1:9/api/v1/workspaces/demo/ws?token=t') {
    this.server = new Server(url);
    this.server.on('connection', (socket) => {
      this.connections++;
      socket.on('message', (data) => {
        this.received.push(String(data));
        if (this.answerPings && data === '{"type":"ping"}') socket.send('{"type":"pong"}');
      });
    });
  }

  clients(): Client[] {
    return this.server.clients();
  }

  broadcast(frame: unknown): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    for (const client of this.server.clients()) client.send(data);
  }

  /** Server-side close of every socket, with a code (as a Durable Object would on deploy or auth failure). */
  closeAll(code = 1001, reason = 'going away'): void {
    for (const client of this.server.clients()) client.close({ code, reason, wasClean: true });
  }

  stop(): void {
    this.server.stop();
  }
}
