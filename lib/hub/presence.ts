import type { PresenceChange } from '../protocol';

/** Who joined and who left between two consecutive presence events. */
export function diffPresence(
  previous: readonly string[],
  next: readonly string[],
  at: number,
): PresenceChange[] {
  const before = new Set(previous);
  const after = new Set(next);
  const changes: PresenceChange[] = [];
  for (const user of after) if (!before.has(user)) changes.push({ at, user, change: 'joined' });
  for (const user of before) if (!after.has(user)) changes.push({ at, user, change: 'left' });
  return changes;
}
