// Frames per second through the client's parse + validate + dispatch, beside a bare JSON.parse loop over the
// same frames in the same run. Target: ratio >= 0.7.
import { WorkspaceEventsClient, type WebSocketConstructor } from '@edgevault/realtime';

const FRAMES = 200_000;
const ROUNDS = 5;
const frames: string[] = [];
for (let i = 0; i < FRAMES; i++) {
  const at = 1_700_000_000_000 + i;
  frames.push(
    JSON.stringify(
      i % 10 === 0
        ? { type: 'presence', users: ['ana', 'bo', 'cy'], at }
        : i % 5 === 0
          ? { type: 'config.deleted', environmentId: 'env_prod', key: `KEY_${i % 100}`, at }
          : {
              type: 'config.changed',
              environmentId: 'env_prod',
              key: `KEY_${i % 100}`,
              kind: i % 3 === 0 ? 'secret' : 'config',
              version: i,
              at,
            },
    ),
  );
}

// A socket the benchmark drives by hand: no network, so only the client's own work is measured.
let socket: { onmessage: ((m: { data: unknown }) => void) | null; onopen: (() => void) | null };
class DrivenSocket {
  onmessage = null;
  onopen = null;
  onclose = null;
  onerror = null;
  constructor() {
    socket = this;
  }
  send() {}
  close() {}
}

let sink = 0;
const client = new WorkspaceEventsClient({
  url: 'ws://bench',
  WebSocket: DrivenSocket as unknown as WebSocketConstructor,
  pingIntervalMs: 3_600_000,
  onEvent: (event) => {
    sink += event.at;
  },
});
client.connect();
socket!.onopen!();

function ours(): number {
  const start = performance.now();
  for (const data of frames) socket.onmessage!({ data });
  return performance.now() - start;
}
function bare(): number {
  const start = performance.now();
  const onEvent = (event: { at: number }) => {
    sink += event.at;
  };
  for (const data of frames) onEvent(JSON.parse(data));
  return performance.now() - start;
}

const best = { ours: Infinity, bare: Infinity };
for (let round = 0; round < ROUNDS; round++) {
  best.bare = Math.min(best.bare, bare());
  best.ours = Math.min(best.ours, ours());
}
client.close();
const rate = (ms: number) => Math.round((FRAMES / ms) * 1000);
const ratio = rate(best.ours) / rate(best.bare);
console.log(`frames: ${FRAMES} x ${ROUNDS} rounds (best round), ${frames[1]!.length} bytes typical`);
console.log(`bare JSON.parse + call      ${rate(best.bare).toLocaleString('en')} frames/s`);
console.log(`client parse+validate+emit  ${rate(best.ours).toLocaleString('en')} frames/s`);
console.log(
  `ratio ${ratio.toFixed(2)} (target >= 0.70: ${ratio >= 0.7 ? 'ok' : 'MISSED'})  [sink ${sink % 7}]`,
);
