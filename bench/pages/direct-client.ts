// Baseline page for the end-to-end latency benchmark: lib/realtime in a plain page, one DOM row per change,
// no extension and no background hop.
import { WorkspaceEventsClient } from '@edgevault/realtime';

const url = new URLSearchParams(location.search).get('ws')!;
const list = document.getElementById('app')!;
new WorkspaceEventsClient({
  url,
  onEvent: (event) => {
    if (event.type !== 'config.changed') return;
    const row = document.createElement('div');
    row.className = 'key';
    row.textContent = event.key;
    list.append(row);
  },
  onStatus: (status) => (document.title = status),
}).connect();
