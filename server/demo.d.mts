import type { WorkspaceServer } from './dev-server.mjs';

export declare const DEMO_WORKSPACE: string;
export declare function seedDemo(server: WorkspaceServer): Promise<boolean>;
export declare function demoChange(
  server: WorkspaceServer,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }>;
export declare function startDemoTraffic(
  server: WorkspaceServer,
  everyMs?: number,
  onChange?: (result: { status: number; body: Record<string, unknown> & { error?: string } }) => void,
): () => void;
