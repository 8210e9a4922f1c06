// The toolbar popup: each watched workspace with its status, users, last event and events since last opened.
import { ago } from '../lib/panel/format';
import type { createPopupModel } from '../lib/panel/popup-model';
import type { Theme } from '../lib/panel/theme';
import { StatusDot } from './StatusDot';
import './panel.css';

export function Popup({
  model,
  theme,
  openPanel,
}: {
  model: ReturnType<typeof createPopupModel>;
  theme: Theme;
  openPanel: (workspaceId?: string) => void;
}) {
  const now = Date.now();
  const workspaces = model.workspaces.value;
  return (
    <div class={`popup theme-${theme}`} data-testid="popup">
      {model.loaded.value && workspaces.length === 0 && (
        <p data-testid="popup-empty">No workspace watched yet. Open the panel to watch one.</p>
      )}
      <ul>
        {workspaces.map((workspace) => (
          <li key={workspace.id} data-testid="popup-workspace" data-status={workspace.connection.status}>
            <StatusDot status={workspace.connection.status} />
            <span class="url" title={workspace.displayUrl}>
              {workspace.displayUrl}
            </span>
            <span data-testid="popup-status">{workspace.connection.status}</span>
            <span data-testid="popup-users">
              {workspace.users.length} online{workspace.users.length ? `: ${workspace.users.join(', ')}` : ''}
            </span>
            <span data-testid="popup-last-event">
              {workspace.lastEvent
                ? `${workspace.lastEvent.type} ${ago(workspace.lastEvent.at, now)}`
                : 'no events yet'}
            </span>
            <span data-testid="popup-unseen">{model.unseen(workspace.id)} new</span>
            <button type="button" data-testid="popup-open" onClick={() => openPanel(workspace.id)}>
              Open in a tab
            </button>
          </li>
        ))}
      </ul>
      <button type="button" data-testid="popup-open-panel" onClick={() => openPanel()}>
        Open the panel in a tab
      </button>
    </div>
  );
}
