// Watch a workspace by pasting its WebSocket URL (the token is redacted on screen at once), pick among the
// watched ones, unwatch.
import { useRef, useState } from 'preact/hooks';
import type { PanelSession } from '../lib/panel/session';
import { redactUrl } from '../lib/shared/redact';

/** `npm start`'s demo workspace. */
export const LOCAL_DEMO_URL = 'ws://127.0.0.1:8787/api/v1/workspaces/demo/ws?token=dev-ana';
const TOKEN = /[?&]token=([^&#\s]*)/i;
const REDACTED = /([?&]token=)•••([^&#\s]*)/i;
const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

export function WorkspaceBar({ session }: { session: PanelSession }) {
  const { workspaces } = session;
  const [shown, setShown] = useState('');
  const [remember, setRemember] = useState(false);
  const token = useRef<string | null>(null);

  // The real token is kept aside; the field only ever shows `token=•••`. Typing after the bullets extends
  // the kept token; editing the bullets themselves drops it.
  const take = (text: string, field: HTMLInputElement) => {
    const typedOn = REDACTED.exec(text);
    let next: string;
    if (typedOn) {
      if (typedOn[2]) token.current = (token.current ?? '') + safeDecode(typedOn[2]);
      next = text.replace(typedOn[0], `${typedOn[1]}•••`);
    } else if (text.includes('•')) {
      token.current = null;
      next = text.replace(/•+/g, '');
    } else {
      const found = TOKEN.exec(text)?.[1];
      token.current = found ? safeDecode(found) : null;
      next = redactUrl(text);
    }
    // Set the field directly too: when the state string does not change (`…token=•••` again), Preact keeps
    // the DOM value, and the typed characters would stay visible.
    field.value = next;
    setShown(next);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const url = token.current
      ? shown.replace('token=•••', `token=${encodeURIComponent(token.current)}`)
      : shown;
    session.watch(url.trim(), remember);
    setShown('');
    token.current = null;
  };
  const selected = workspaces.selectedId.value;

  return (
    <form class="workspace-bar" onSubmit={submit} data-testid="workspace-bar">
      <select
        aria-label="Workspace"
        data-testid="workspace-select"
        value={selected ?? ''}
        onChange={(event) => session.select(event.currentTarget.value || null)}
      >
        {workspaces.list.value.length === 0 && <option value="">No workspace watched</option>}
        {workspaces.list.value.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.displayUrl}
          </option>
        ))}
      </select>
      {selected && (
        <button type="button" data-testid="unwatch" onClick={() => session.unwatch(selected)}>
          Unwatch
        </button>
      )}
      <input
        data-testid="watch-url"
        aria-label="WebSocket URL"
        placeholder="wss://…/api/v1/workspaces/<id>/ws?token=…"
        value={shown}
        onPaste={(event) => {
          event.preventDefault();
          take(event.clipboardData?.getData('text') ?? '', event.currentTarget);
        }}
        onInput={(event) => take(event.currentTarget.value, event.currentTarget)}
      />
      <label title="Keep the token after a browser restart (stored in this browser's extension storage)">
        <input
          type="checkbox"
          checked={remember}
          onChange={(event) => setRemember(event.currentTarget.checked)}
        />{' '}
        remember token
      </label>
      <button type="submit" data-testid="watch" disabled={!shown.trim()}>
        Watch
      </button>
      <button type="button" data-testid="watch-local" onClick={() => session.watch(LOCAL_DEMO_URL)}>
        Local demo (npm start)
      </button>
      {workspaces.watchError.value && (
        <span class="error" role="alert" data-testid="watch-error">
          {workspaces.watchError.value}
        </span>
      )}
    </form>
  );
}
