import type { Writable } from 'node:stream';

export declare const OFFLINE_ENV: Record<string, string>;
export declare function freePort(): Promise<number>;

export declare class WorkspaceServer {
  readonly port: number;
  readonly persistTo: string;
  readonly log: string[];
  static start(options?: { port?: number; persistTo?: string; logTo?: Writable }): Promise<WorkspaceServer>;
  get origin(): string;
  api(workspace?: string): string;
  socketUrl(token?: string, workspace?: string): string;
  launch(): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export declare function call(
  server: WorkspaceServer,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  workspace?: string,
): Promise<{ status: number; body: Record<string, unknown> & { error?: string } }>;
