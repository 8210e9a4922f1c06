// Shared setup of the client's unit tests: a mock workspace, fake timers, and what the client reported.
import { afterEach, beforeEach, vi } from 'vitest';
import { MockSocket, MockWorkspace } from './mock-workspace';
import {
  WorkspaceEventsClient,
  type ConnectionStatus,
  type Diagnostic,
  type WorkspaceEvent,
  type WorkspaceEventsClientOptions,
} from '@edgevault/realtime';

export const changed: WorkspaceEvent = {
  type: 'config.changed',
  environmentId: 'env_prod',
  key: 'API_URL',
  kind: 'config',
  version: 3,
  at: 1_700_000_000_000,
};

/** Reset before every test by installClientHarness(). */
export const h = {
  workspace: undefined as unknown as MockWorkspace,
  events: [] as WorkspaceEvent[],
  statuses: [] as ConnectionStatus[],
  diagnostics: [] as Diagnostic[],
};

export function installClientHarness(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    h.workspace = new MockWorkspace();
    h.events = [];
    h.statuses = [];
    h.diagnostics = [];
  });
  afterEach(() => {
    h.workspace.stop();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}

export function client(options: Partial<WorkspaceEventsClientOptions> = {}): WorkspaceEventsClient {
  return new WorkspaceEventsClient({
    url: h.workspace.url,
    WebSocket: MockSocket,
    onEvent: (event) => h.events.push(event),
    onStatus: (status) => h.statuses.push(status),
    onDiagnostic: (diagnostic) => h.diagnostics.push(diagnostic),
    ...options,
  });
}
export const ofType = <T extends Diagnostic['type']>(type: T) =>
  h.diagnostics.filter((d): d is Extract<Diagnostic, { type: T }> => d.type === type);
export const settle = (ms = 20) => vi.advanceTimersByTimeAsync(ms);
/** mock-socket delivers a server-side close 4 ms later, on a timer. */
export const dropAll = async (code?: number, reason?: string) => {
  h.workspace.closeAll(code, reason);
  await settle(4);
};
