// The watched workspaces (from the hub) and which one this panel looks at.
import { computed, signal } from '@preact/signals';
import type { WorkspaceSummary } from '../protocol';
import type { Settings } from './settings';

export type WorkspacesModel = ReturnType<typeof createWorkspacesModel>;

export function createWorkspacesModel(settings: Settings) {
  const list = signal<WorkspaceSummary[]>([]);
  const saved = settings.get('selectedWorkspace');
  const selectedId = signal<string | null>(typeof saved === 'string' ? saved : null);
  const selected = computed(() => list.value.find((workspace) => workspace.id === selectedId.value) ?? null);
  /** The last watch error, shown beside the URL field. */
  const watchError = signal<string | null>(null);
  return {
    list,
    selectedId,
    selected,
    watchError,
    persist: () => settings.set('selectedWorkspace', selectedId.value),
  };
}
