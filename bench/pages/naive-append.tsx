// Baseline: the same events rendered as a plain, non-virtualized list (every row in the DOM).
import { render } from 'preact';
import { signal } from '@preact/signals';
import type { HistoryEntry } from '../../lib/protocol';
import { clockTime, eventColumns } from '../../lib/panel/format';
import { entries } from '../../test/support/panel-fixtures';
import { runAppendBenchmark } from './frame-monitor';

const list = signal<HistoryEntry[]>([]);
function NaiveList() {
  return (
    <div style={{ height: '100vh', overflowY: 'auto', font: '12px monospace' }}>
      {list.value.map((entry) => {
        const columns = eventColumns(entry.event);
        return (
          <div key={entry.seq} class="row" style={{ height: '24px', display: 'flex', gap: '6px' }}>
            <span>{clockTime(entry.receivedAt)}</span>
            <span>{entry.event.type}</span>
            <span>{columns.environment}</span>
            <span>{columns.key}</span>
            <span>{columns.kind}</span>
            <span>{columns.version}</span>
          </div>
        );
      })}
    </div>
  );
}
render(<NaiveList />, document.getElementById('app')!);
runAppendBenchmark((from, count) => (list.value = list.value.concat(entries(count, from))), '.row');
