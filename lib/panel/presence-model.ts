// Who is online in the selected workspace, and who joined or left when.
import { signal } from '@preact/signals';
import type { PresenceChange, PresenceState } from '../protocol';
import { Ring } from '../shared/ring';

/** Joins and leaves the panel keeps (the hub keeps 500). */
export const PRESENCE_CHANGES_SHOWN = 500;

export type PresenceModel = ReturnType<typeof createPresenceModel>;

export function createPresenceModel() {
  const changes = new Ring<PresenceChange>(PRESENCE_CHANGES_SHOWN);
  const users = signal<string[]>([]);
  const revision = signal(0);
  return {
    users,
    changes,
    revision,
    reset(state: PresenceState): void {
      changes.clear();
      for (const change of state.changes) changes.push(change);
      users.value = state.users;
      revision.value++;
    },
    append(added: readonly PresenceChange[], current: string[] | null): void {
      for (const change of added) changes.push(change);
      if (current) users.value = current;
      if (added.length) revision.value++;
    },
  };
}
