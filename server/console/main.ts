// The console page served at `/`: lists configs, changes one, and shows the live stream through the client.
// Open it in two tabs (e.g. ?token=dev-ana and ?token=dev-bo) and change something.
import { WorkspaceEventsClient, type WorkspaceEvent } from '@edgevault/realtime';

/** Events kept on screen; older ones are dropped. */
const MAX_EVENTS_SHOWN = 200;

const params = new URLSearchParams(location.search);
const workspace = params.get('workspace') ?? 'demo';
const token = params.get('token') ?? 'dev-ana';
const api = `/api/v1/workspaces/${encodeURIComponent(workspace)}`;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(api + path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? response.statusText);
  return body as T;
}

type Config = { key: string; kind: string; value: unknown; version: number };

async function loadEnvironments(): Promise<void> {
  const { environments } = await call<{ environments: { id: string; slug: string }[] }>('/environments');
  const select = $<HTMLSelectElement>('environment');
  const selected = select.value;
  select.replaceChildren(
    ...environments.map((env) => new Option(env.slug, env.id, false, env.id === selected)),
  );
  await loadConfigs();
}

async function loadConfigs(): Promise<void> {
  const env = $<HTMLSelectElement>('environment').value;
  if (!env) return;
  const { configs } = await call<{ configs: Config[] }>(`/environments/${env}/configs`);
  $('configs').replaceChildren(
    ...configs.map((config) =>
      row([config.key, config.kind, JSON.stringify(config.value), String(config.version)]),
    ),
  );
}

function row(cells: string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const text of cells) tr.insertCell().textContent = text;
  return tr;
}

function show(event: WorkspaceEvent): void {
  if (event.type === 'pong') return;
  const list = $('events');
  const item = document.createElement('li');
  item.textContent = `${new Date(event.at).toLocaleTimeString()} ${JSON.stringify(event)}`;
  list.prepend(item);
  while (list.childElementCount > MAX_EVENTS_SHOWN) list.lastElementChild!.remove();
  if (event.type === 'presence') $('presence').textContent = `online: ${event.users.join(', ')}`;
  if (event.type === 'environment.created') void loadEnvironments();
  if (
    (event.type === 'config.changed' || event.type === 'config.deleted') &&
    event.environmentId === $<HTMLSelectElement>('environment').value
  )
    void loadConfigs();
}

$('workspace').textContent = workspace;
$('environment').addEventListener('change', () => void loadConfigs());
$('change').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  const form = new FormData(submit.target as HTMLFormElement);
  const raw = String(form.get('value'));
  let value: unknown = raw;
  try {
    if (form.get('kind') !== 'secret') value = JSON.parse(raw);
  } catch {
    // Plain text stays a string.
  }
  const env = $<HTMLSelectElement>('environment').value;
  try {
    const { config } = await call<{ config: Config }>(`/environments/${env}/configs/${form.get('key')}`, {
      method: 'PUT',
      body: JSON.stringify({ kind: form.get('kind'), value }),
    });
    $('result').textContent = `saved ${config.key} v${config.version}`;
  } catch (error) {
    $('result').textContent = (error as Error).message;
  }
});

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${api}/ws?token=${encodeURIComponent(token)}`;
new WorkspaceEventsClient({
  url: wsUrl,
  onEvent: show,
  onStatus: (status) => {
    const badge = $('status');
    badge.textContent = status;
    badge.className = `status ${status}`;
  },
}).connect();
loadEnvironments().catch((error: Error) => ($('result').textContent = error.message));
