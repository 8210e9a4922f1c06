// Soak: events through the real server, the client, the hub and a subscribed panel model. Heap stays within
// a stated bound and every buffer stays at its documented cap.
import { afterAll, expect, it } from 'vitest';
import { Hub } from '../../lib/hub/hub';
import { DEFAULT_HISTORY_LIMIT } from '../../lib/hub/watched-workspace';
import { PANEL_EVENT_LIMIT } from '../../lib/panel/event-log';
import { createPanelSession } from '../../lib/panel/session';
import { memorySettings } from '../../lib/panel/settings';
import type { Transport } from '../../lib/panel/transport';
import { isHubMessage, type HubMessage } from '../../lib/protocol';
import { WorkspaceServer, call } from '../../server/dev-server.mjs';
import { FakePort, memoryPlatform } from '../support/fake-extension';
import { NodeWebSocket, until } from '../support/ws-server';
import { heapAfterGc, mib, scale } from './scale';

const EVENTS = scale(50_000, 1_000_000);
const BURST = 10_000;
/** Heap allowed above the start: hub ring (10,000) + panel log (up to 110,000) + slack. */
const HEAP_BOUND = 96 * 1048576;

let server: WorkspaceServer;
let hub: Hub;
afterAll(async () => {
  hub?.dispose();
  await server?.stop();
});

/** A port pair in one process: the hub's end is a FakePort, the panel's end a Transport. */
function bridge(target: Hub): Transport {
  const port = new FakePort();
  const listeners = new Set<(message: HubMessage) => void>();
  port.postMessage = (message) => {
    const copy = structuredClone(message);
    if (isHubMessage(copy)) for (const listener of listeners) listener(copy);
  };
  target.connect(port);
  return {
    send: (command) => port.send(structuredClone(command)),
    listen: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    close: () => port.close(),
  };
}

it(`${EVENTS.toLocaleString('en')} events through server, client, hub and panel: bounded heap and buffers`, async () => {
  server = await WorkspaceServer.start();
  hub = new Hub(memoryPlatform({ WebSocket: NodeWebSocket }));
  const session = createPanelSession({
    transport: bridge(hub),
    settings: memorySettings(),
    scheduleFrame: (f) => setTimeout(f, 16),
  });
  session.watch(server.socketUrl('dev-ana', 'soak'));
  const id = server.socketUrl('dev-ana', 'soak').replace('?token=dev-ana', '');
  await until(() => hub.workspaces.get(id)?.connection().status === 'open', 10_000, 'open');
  await until(() => session.workspaces.selectedId.value === id, 5_000, 'panel subscribed');
  const workspace = hub.workspaces.get(id)!;
  const before = heapAfterGc();
  const startedAt = Date.now();
  let peak = 0;
  for (let sent = 0; sent < EVENTS; sent += BURST) {
    const count = Math.min(BURST, EVENTS - sent);
    const response = await call(server, 'POST', '/_debug/burst', { count }, 'dev-ana', 'soak');
    expect(response.status).toBe(200);
    await until(() => workspace.total >= sent + count + 1, 60_000, 'the burst to arrive'); // +1: the presence event
    if (sent % (BURST * 10) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  await new Promise((done) => setTimeout(done, 100));
  const seconds = (Date.now() - startedAt) / 1000;
  const growth = heapAfterGc() - before;
  const panelEvents = session.timeline.log.items.length;
  console.log(
    `soak: ${EVENTS} events in ${seconds.toFixed(1)} s (${Math.round(EVENTS / seconds)}/s); hub history ${workspace.history.size}, panel log ${panelEvents}; heap growth after GC ${mib(growth)} (bound ${mib(HEAP_BOUND)}), peak before GC ${mib(peak)}`,
  );
  expect(workspace.total).toBe(EVENTS + 1);
  expect(workspace.history.size).toBe(Math.min(DEFAULT_HISTORY_LIMIT, EVENTS + 1));
  expect(panelEvents).toBeLessThanOrEqual(PANEL_EVENT_LIMIT * 1.1);
  expect(session.timeline.log.items.at(-1)!.event).toMatchObject({ type: 'config.changed', version: EVENTS });
  expect(growth).toBeLessThan(HEAP_BOUND);
  session.dispose();
}, 1_800_000);
