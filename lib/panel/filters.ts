// Timeline filters as plain data, and their compilation into one predicate (built once per change, run per row).
import {
  EVENT_TYPES,
  type ConfigKind,
  type WorkspaceEvent,
  type WorkspaceEventType,
} from '@edgevault/realtime';
import type { HistoryEntry } from '../protocol';

export type Filters = {
  /** Event types hidden by their chip. */
  hiddenTypes: WorkspaceEventType[];
  kind: ConfigKind | 'all';
  environment: string | 'all';
  /** Plain text, or `/pattern/flags` for a regular expression. */
  search: string;
};

export const DEFAULT_FILTERS: Filters = { hiddenTypes: [], kind: 'all', environment: 'all', search: '' };

export type CompiledFilter = {
  matches(entry: HistoryEntry): boolean;
  /** Set when `/…/` was not a valid regular expression: the search then runs as plain text. */
  regexError: string | null;
};

/** The text a search runs against: the config key, or what stands for one in events without a key. */
export function searchText(event: WorkspaceEvent): string {
  switch (event.type) {
    case 'config.changed':
    case 'config.deleted':
    case 'promotion.completed':
      return event.key;
    case 'environment.created':
      return event.slug;
    case 'presence':
      return event.users.join(' ');
    default:
      return '';
  }
}

export function environmentOf(event: WorkspaceEvent): string | undefined {
  switch (event.type) {
    case 'config.changed':
    case 'config.deleted':
    case 'environment.created':
      return event.environmentId;
    case 'promotion.completed':
      return event.targetEnvironmentId;
    default:
      return undefined;
  }
}

export function compileFilter(filters: Filters): CompiledFilter {
  const hidden = new Set(filters.hiddenTypes);
  const { kind, environment } = filters;
  let regexError: string | null = null;
  let test: ((text: string) => boolean) | null = null;
  const slashed = /^\/(.*)\/([a-z]*)$/s.exec(filters.search);
  if (slashed) {
    try {
      const regex = new RegExp(slashed[1]!, slashed[2]!.replace('g', ''));
      test = (text) => regex.test(text);
    } catch (error) {
      regexError = (error as Error).message;
    }
  }
  if (!test && filters.search) {
    const needle = filters.search.toLowerCase();
    test = (text) => text.toLowerCase().includes(needle);
  }
  return {
    regexError,
    matches({ event }) {
      if (hidden.has(event.type)) return false;
      if (kind !== 'all' && (event.type !== 'config.changed' || event.kind !== kind)) return false;
      if (environment !== 'all' && environmentOf(event) !== environment) return false;
      return test === null || test(searchText(event));
    },
  };
}

/** Reads persisted filters, keeping only what is still valid. */
export function sanitizeFilters(value: unknown): Filters {
  if (typeof value !== 'object' || value === null) return DEFAULT_FILTERS;
  const record = value as Record<string, unknown>;
  return {
    hiddenTypes: Array.isArray(record.hiddenTypes)
      ? record.hiddenTypes.filter((t): t is WorkspaceEventType =>
          EVENT_TYPES.includes(t as WorkspaceEventType),
        )
      : [],
    kind:
      record.kind === 'config' || record.kind === 'flag' || record.kind === 'secret' ? record.kind : 'all',
    environment: typeof record.environment === 'string' ? record.environment : 'all',
    search: typeof record.search === 'string' ? record.search : '',
  };
}
