import { clockTime } from '../lib/panel/format';
import type { PanelSession } from '../lib/panel/session';

export function PresencePane({ session }: { session: PanelSession }) {
  const { presence } = session;
  presence.revision.value;
  const changes = presence.changes.toArray().slice(-50).reverse();
  return (
    <section class="presence" data-testid="presence">
      <h3>Online ({presence.users.value.length})</h3>
      <ul data-testid="presence-users">
        {presence.users.value.map((user) => (
          <li key={user}>{user}</li>
        ))}
      </ul>
      <ol class="presence-changes" data-testid="presence-changes">
        {changes.map((change, index) => (
          <li key={`${change.at}-${change.user}-${index}`}>
            {clockTime(change.at)} {change.user} {change.change}
          </li>
        ))}
      </ol>
    </section>
  );
}
