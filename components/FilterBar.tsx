// Type chips with live counts, kind, environment, key search (`/regex/`), time format, and the timeline's
// pause, clear, export and import.
import { EVENT_TYPES, CONFIG_KINDS, type WorkspaceEventType } from '@edgevault/realtime';
import type { Ref } from 'preact';
import type { PanelSession, TimeFormat } from '../lib/panel/session';
import { TimelineActions } from './TimelineActions';

export function FilterBar({
  session,
  searchRef,
}: {
  session: PanelSession;
  searchRef: Ref<HTMLInputElement>;
}) {
  const { timeline } = session;
  timeline.revision.value;
  const filters = timeline.filters.value;
  const hidden = new Set(filters.hiddenTypes);
  const toggle = (type: WorkspaceEventType) =>
    timeline.setFilters({
      hiddenTypes: hidden.has(type)
        ? filters.hiddenTypes.filter((t) => t !== type)
        : [...filters.hiddenTypes, type],
    });
  const environments = [...timeline.log.environments].sort();
  const { regexError } = timeline.compiled.value;

  return (
    <div class="filter-bar" data-testid="filter-bar">
      <div class="chips" role="group" aria-label="Event types">
        {EVENT_TYPES.filter((type) => type !== 'pong').map((type) => (
          <button
            type="button"
            key={type}
            class={`chip ${hidden.has(type) ? 'off' : 'on'}`}
            aria-pressed={!hidden.has(type)}
            data-testid={`chip-${type}`}
            onClick={() => toggle(type)}
          >
            {type} <span class="count">{timeline.log.counts.get(type) ?? 0}</span>
          </button>
        ))}
      </div>
      <select
        aria-label="Kind"
        data-testid="filter-kind"
        value={filters.kind}
        onChange={(event) => timeline.setFilters({ kind: event.currentTarget.value as typeof filters.kind })}
      >
        <option value="all">all kinds</option>
        {CONFIG_KINDS.map((kind) => (
          <option key={kind}>{kind}</option>
        ))}
      </select>
      <select
        aria-label="Environment"
        data-testid="filter-environment"
        value={filters.environment}
        onChange={(event) => timeline.setFilters({ environment: event.currentTarget.value })}
      >
        <option value="all">all environments</option>
        {[...new Set([...environments, ...(filters.environment === 'all' ? [] : [filters.environment])])].map(
          (env) => (
            <option key={env}>{env}</option>
          ),
        )}
      </select>
      <input
        ref={searchRef}
        type="search"
        aria-label="Search keys"
        data-testid="filter-search"
        placeholder="key, or /regex/   ( / )"
        value={filters.search}
        onInput={(event) => timeline.setFilters({ search: event.currentTarget.value })}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          timeline.setFilters({ search: '' });
          event.currentTarget.blur();
        }}
      />
      {regexError && (
        <span class="hint" data-testid="regex-hint" title={regexError}>
          invalid regex, searching as text
        </span>
      )}
      <select
        aria-label="Time"
        data-testid="time-format"
        value={session.timeFormat.value}
        onChange={(event) => session.setTimeFormat(event.currentTarget.value as TimeFormat)}
      >
        <option value="absolute">clock time</option>
        <option value="relative">time ago</option>
        <option value="since-connect">since connect</option>
      </select>
      <TimelineActions session={session} />
    </div>
  );
}
