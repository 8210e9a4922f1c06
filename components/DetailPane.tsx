// The selected event: formatted JSON, server and receipt time and the delay between them, and the key's
// version history in this session with gaps marked.
import { clockTime, duration } from '../lib/panel/format';
import type { PanelSession } from '../lib/panel/session';

export function DetailPane({ session }: { session: PanelSession }) {
  const { timeline } = session;
  const entry = timeline.selected();
  if (!entry)
    return (
      <aside class="detail" data-testid="detail">
        Select an event (↑ ↓).
      </aside>
    );
  const { event } = entry;
  const versions =
    event.type === 'config.changed' ? timeline.log.versionHistory(event.environmentId, event.key) : [];
  return (
    <aside class="detail" data-testid="detail">
      <pre data-testid="detail-json">{JSON.stringify(event, null, 2)}</pre>
      <dl>
        <dt>server time</dt>
        <dd data-testid="detail-server-time">{clockTime(event.at)}</dd>
        <dt>received</dt>
        <dd data-testid="detail-received">{clockTime(entry.receivedAt)}</dd>
        <dt>delay</dt>
        <dd data-testid="detail-delay">{duration(entry.receivedAt - event.at)}</dd>
      </dl>
      {versions.length > 0 && (
        <>
          <h3>
            {event.type === 'config.changed' && `${event.key} in ${event.environmentId}`}: versions this
            session
          </h3>
          <ol class="versions" data-testid="version-history">
            {versions.map((v) => (
              <li key={v.seq} class={v.seq === entry.seq ? 'current' : ''}>
                {v.gap && (
                  <span class="gap" data-testid="version-gap">
                    ⚠ gap: versions missed{' '}
                  </span>
                )}
                v{v.version} at {clockTime(v.at)}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}
