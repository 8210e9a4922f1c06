// Connects, drops, retries, invalid frames and RTT samples beside the events, newest first.
import { clockTime, describeLifecycle } from '../lib/panel/format';
import type { PanelSession } from '../lib/panel/session';

/** Lifecycle entries rendered; the model keeps more. */
const SHOWN = 100;

export function LifecycleLane({ session }: { session: PanelSession }) {
  const { connection } = session;
  connection.lifecycleRevision.value;
  const entries = connection.lifecycle.toArray().slice(-SHOWN).reverse();
  return (
    <section class="lifecycle" data-testid="lifecycle">
      <h3>Lifecycle</h3>
      <ol>
        {entries.map((entry) => (
          <li key={entry.seq} class={`lifecycle-${entry.kind}`} data-testid="lifecycle-entry">
            <span class="time">{clockTime(entry.at)}</span> {describeLifecycle(entry)}
          </li>
        ))}
      </ol>
    </section>
  );
}
