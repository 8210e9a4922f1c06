// The real panel (virtualized timeline) against a mock transport, fed 5,000 events/s.
import { render } from 'preact';
import { signal } from '@preact/signals';
import { Panel } from '../../components/Panel';
import { MockTransport } from '../../lib/panel/mock-transport';
import { createPanelSession } from '../../lib/panel/session';
import { memorySettings } from '../../lib/panel/settings';
import { entries, increment, snapshot, summary } from '../../test/support/panel-fixtures';
import { runAppendBenchmark } from './frame-monitor';

const transport = new MockTransport();
const session = createPanelSession({ transport, settings: memorySettings() });
render(<Panel session={session} theme={signal('light')} />, document.getElementById('app')!);
transport.emit({ type: 'workspaces', workspaces: [summary()] });
transport.emit(snapshot([]));
runAppendBenchmark(
  (from, count) => transport.emit(increment(entries(count, from))),
  '[data-testid="timeline-row"]',
);
