// A WebSocket the test drives by hand, with no network and no timers: for volume tests and benchmarks that
// must measure only our own code.
import type { WebSocketConstructor } from '@edgevault/realtime';

export class DrivenSocket {
  static last: DrivenSocket | undefined;
  static count = 0;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    DrivenSocket.last = this;
    DrivenSocket.count++;
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {}
  open(): void {
    this.onopen?.();
  }
  deliver(data: string): void {
    this.onmessage?.({ data });
  }
}

export const DrivenSocketClass = DrivenSocket as unknown as WebSocketConstructor;
