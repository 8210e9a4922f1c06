// The devtools panel: workspace bar, connection, filters and timeline, detail, presence and lifecycle.
import type { Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { PanelSession } from '../lib/panel/session';
import type { Theme } from '../lib/panel/theme';
import { ConnectionBar } from './ConnectionBar';
import { DetailPane } from './DetailPane';
import { FilterBar } from './FilterBar';
import { LifecycleLane } from './LifecycleLane';
import { PresencePane } from './PresencePane';
import { Timeline } from './Timeline';
import { WorkspaceBar } from './WorkspaceBar';
import './panel.css';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.isContentEditable);

export function Panel({
  session,
  theme,
  popOut,
}: {
  session: PanelSession;
  theme: Signal<Theme>;
  /** Inside DevTools: opens the same panel in its own tab. */
  popOut?: () => void;
}) {
  const search = useRef<HTMLInputElement>(null);
  const source = session.source.value;
  // On the document, not the panel's root: in DevTools and in a tab, focus often rests on <body>.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === '/' && !typing(event.target)) {
        event.preventDefault();
        search.current?.focus();
      } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !typing(event.target)) {
        event.preventDefault();
        session.timeline.move(event.key === 'ArrowDown' ? 1 : -1);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [session]);
  return (
    <div class={`panel theme-${theme.value}`} data-testid="panel" data-theme={theme.value}>
      <WorkspaceBar session={session} />
      {popOut && (
        <button
          type="button"
          class="pop-out"
          data-testid="pop-out"
          onClick={popOut}
          title="Open this panel in its own tab"
        >
          Pop out ↗
        </button>
      )}
      <ConnectionBar session={session} />
      {source.kind === 'import' && (
        <div class="banner" data-testid="import-banner">
          Viewing {source.name} (imported).{' '}
          <button type="button" onClick={() => session.backToLive()}>
            Back to live
          </button>
        </div>
      )}
      {session.notice.value && (
        <div class="notice" role="status" data-testid="notice">
          {session.notice.value}
          <button type="button" aria-label="Dismiss" onClick={() => (session.notice.value = null)}>
            ×
          </button>
        </div>
      )}
      <FilterBar session={session} searchRef={search} />
      <main class="panel-body">
        <Timeline session={session} />
        <div class="side">
          <DetailPane session={session} />
          <PresencePane session={session} />
          <LifecycleLane session={session} />
        </div>
      </main>
    </div>
  );
}
