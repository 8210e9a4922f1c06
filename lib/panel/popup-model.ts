// The popup: every watched workspace at a glance. Opening it resets the badge's event count.
import { signal } from '@preact/signals';
import type { WorkspaceSummary } from '../protocol';
import type { Transport } from './transport';

export function createPopupModel(transport: Transport) {
  const workspaces = signal<WorkspaceSummary[]>([]);
  const loaded = signal(false);
  /** Events since the popup was last opened, as they stood when it opened (opening resets the live count). */
  const unseenAtOpen = new Map<string, number>();
  const stop = transport.listen((message) => {
    if (message.type !== 'workspaces') return;
    for (const workspace of message.workspaces)
      if (!unseenAtOpen.has(workspace.id)) unseenAtOpen.set(workspace.id, workspace.unseen);
    workspaces.value = message.workspaces;
    loaded.value = true;
  });
  transport.send({ type: 'popup-opened' });
  return { workspaces, loaded, unseen: (id: string) => unseenAtOpen.get(id) ?? 0, dispose: stop };
}
