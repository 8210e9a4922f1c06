// A raw `ws` socket that records every frame, for checks the client would hide (exact bytes, close codes).
import { WebSocket } from 'ws';
import { until } from './ws-server';

export class SocketRecorder {
  readonly socket: WebSocket;
  readonly frames: string[] = [];
  closed: { code: number; reason: string } | undefined;

  constructor(url: string) {
    // permessage-deflate costs ~8x on the client side and is not what browsers are measured on.
    this.socket = new WebSocket(url, { perMessageDeflate: false });
    this.socket.on('message', (data) => this.frames.push(data.toString()));
    this.socket.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    this.socket.on('error', () => {});
  }

  static async open(url: string): Promise<SocketRecorder> {
    const recorder = new SocketRecorder(url);
    await until(
      () => recorder.socket.readyState === WebSocket.OPEN || !!recorder.closed,
      10_000,
      'socket open',
    );
    return recorder;
  }

  events(): { type: string; [field: string]: unknown }[] {
    return this.frames.map((frame) => JSON.parse(frame));
  }

  async next(type: string, after = 0, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await until(
      () =>
        !!(found = this.events()
          .slice(after)
          .find((event) => event.type === type)),
      timeoutMs,
      `a ${type} frame`,
    );
    return found!;
  }

  close(): void {
    this.socket.close(1000);
  }
}
