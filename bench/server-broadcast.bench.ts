// Broadcast throughput to 2 and 20 sockets and PUT-to-event latency, the workspace Durable Object on workerd
// beside a bare Node `ws` server doing the same (an HTTP PUT in, a JSON frame out to every socket).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { WorkspaceServer, call } from '../server/dev-server.mjs';

type Target = {
  name: string;
  socketUrl: (i: number) => string;
  put: (n: number) => Promise<unknown>;
  close: () => Promise<void>;
};

async function workerd(): Promise<Target> {
  const server = await WorkspaceServer.start();
  await call(server, 'POST', '/environments', { slug: 'bench' });
  return {
    name: 'workerd Durable Object',
    socketUrl: (i) => server.socketUrl(['dev-ana', 'dev-bo', 'dev-cy'][i % 3]),
    put: (n) => call(server, 'PUT', '/environments/bench/configs/KEY', { kind: 'config', value: n }),
    close: () => server.stop(),
  };
}

async function bare(): Promise<Target> {
  const http = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { value } = JSON.parse(body);
      const frame = JSON.stringify({
        type: 'config.changed',
        environmentId: 'env_bench',
        key: 'KEY',
        kind: 'config',
        version: value,
        at: Date.now(),
      });
      for (const socket of wss.clients) socket.send(frame);
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
    });
  });
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const { port } = http.address() as AddressInfo;
  return {
    name: 'bare ws server',
    socketUrl: () => `ws://127.0.0.1:${port}/`,
    put: (n) =>
      fetch(`http://127.0.0.1:${port}/`, { method: 'PUT', body: JSON.stringify({ value: n }) }).then((r) =>
        r.json(),
      ),
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      await new Promise((done) => http.close(done));
    },
  };
}

async function connect(target: Target, count: number) {
  const sockets: WebSocket[] = [];
  const received: number[] = new Array(count).fill(0);
  let onFrame: (i: number) => void = () => {};
  for (let i = 0; i < count; i++) {
    const socket = new WebSocket(target.socketUrl(i), { perMessageDeflate: false });
    socket.on('message', (data) => {
      if (data.toString().includes('config.changed')) {
        received[i]!++;
        onFrame(i);
      }
    });
    await new Promise((done, fail) => (socket.once('open', done), socket.once('error', fail)));
    sockets.push(socket);
  }
  return { sockets, received, setOnFrame: (f: (i: number) => void) => (onFrame = f) };
}

async function throughput(target: Target, count: number, changes = 1_000, inFlight = 16): Promise<number> {
  const clients = await connect(target, count);
  const start = performance.now();
  let next = 0;
  const done = new Promise<void>((resolve) =>
    clients.setOnFrame(() => clients.received.every((r) => r >= changes) && resolve()),
  );
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < changes) await target.put(next++);
    }),
  );
  await done;
  const seconds = (performance.now() - start) / 1000;
  for (const socket of clients.sockets) socket.close();
  return (changes * count) / seconds;
}

async function latency(target: Target, samples = 300): Promise<{ p50: number; p99: number }> {
  const clients = await connect(target, 2);
  const times: number[] = [];
  for (let n = 0; n < samples; n++) {
    const before = clients.received[0]!;
    const start = performance.now();
    const arrived = new Promise<void>((resolve) =>
      clients.setOnFrame((i) => i === 0 && clients.received[0]! > before && resolve()),
    );
    await target.put(n);
    await arrived;
    times.push(performance.now() - start);
  }
  for (const socket of clients.sockets) socket.close();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(samples * 0.5)]!, p99: times[Math.floor(samples * 0.99)]! };
}

const rows: string[][] = [];
for (const make of [workerd, bare]) {
  const target = await make();
  const two = await throughput(target, 2);
  const twenty = await throughput(target, 20);
  const { p50, p99 } = await latency(target);
  rows.push([
    target.name,
    Math.round(two).toLocaleString('en'),
    Math.round(twenty).toLocaleString('en'),
    p50.toFixed(2),
    p99.toFixed(2),
  ]);
  await target.close();
}
console.log(
  '1,000 PUTs (16 in flight) broadcast to N sockets; latency: PUT sent -> event received, 300 sequential PUTs',
);
console.log(
  ['server', 'events/s @2', 'events/s @20', 'p50 ms', 'p99 ms']
    .map((h, i) => (i ? h.padStart(14) : h.padEnd(24)))
    .join(''),
);
for (const row of rows) console.log(row.map((c, i) => (i ? c.padStart(14) : c.padEnd(24))).join(''));
