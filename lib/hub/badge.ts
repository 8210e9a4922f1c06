import type { ConnectionStatus } from '@edgevault/realtime';
import type { WorkspaceSummary } from '../protocol';

const RANK: Record<ConnectionStatus, number> = { open: 0, connecting: 1, closed: 2 };
export const BADGE_COLORS: Record<ConnectionStatus, string> = {
  open: '#1a7f37',
  connecting: '#bf8700',
  closed: '#cf222e',
};

/** The worst status across watched workspaces, or null when none is watched. */
export function worstStatus(workspaces: readonly WorkspaceSummary[]): ConnectionStatus | null {
  let worst: ConnectionStatus | null = null;
  for (const { connection } of workspaces)
    if (worst === null || RANK[connection.status] > RANK[worst]) worst = connection.status;
  return worst;
}

/** Badge text: events since the popup was last opened (capped at 999+); color: the worst status. */
export function badgeFor(workspaces: readonly WorkspaceSummary[]): { text: string; color: string } {
  const worst = worstStatus(workspaces);
  if (worst === null) return { text: '', color: BADGE_COLORS.closed };
  const unseen = workspaces.reduce((sum, workspace) => sum + workspace.unseen, 0);
  const text =
    unseen > 999
      ? '999+'
      : unseen > 0
        ? String(unseen)
        : worst === 'open'
          ? ''
          : worst === 'closed'
            ? '!'
            : '…';
  return { text, color: BADGE_COLORS[worst] };
}
