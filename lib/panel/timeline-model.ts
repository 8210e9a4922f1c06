// The timeline: every event of the selected workspace, the filtered view the virtual list shows, pause,
// selection. Arrays are mutated in place and a `revision` signal says when; nothing is copied per event.
import { batch, computed, effect, signal, untracked } from '@preact/signals';
import type { HistoryEntry } from '../protocol';
import { EventLog, PANEL_EVENT_LIMIT } from './event-log';
import { compileFilter, sanitizeFilters, type Filters } from './filters';
import type { Settings } from './settings';

export type TimelineModel = ReturnType<typeof createTimelineModel>;

/** Binary search by seq: entries are kept in ascending seq order. */
export function indexOfSeq(entries: readonly HistoryEntry[], seq: number): number {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = entries[middle]!.seq;
    if (value === seq) return middle;
    if (value < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

export function createTimelineModel(settings: Settings, capacity = PANEL_EVENT_LIMIT) {
  const log = new EventLog(capacity);
  let view: HistoryEntry[] = [];
  /** Events held back while paused, bounded like the log. */
  let held: HistoryEntry[] = [];
  const revision = signal(0);
  const filters = signal<Filters>(sanitizeFilters(settings.get('filters')));
  const compiled = computed(() => compileFilter(filters.value));
  const paused = signal(false);
  const heldCount = signal(0);
  const selectedSeq = signal<number | null>(null);
  /** Keep the newest row in view; turned off when the user scrolls up, on again at the bottom. */
  const follow = signal(true);

  const refilter = () => {
    view = log.items.filter(compiled.peek().matches);
    revision.value++;
  };
  const stopFilterEffect = effect(() => {
    settings.set('filters', filters.value);
    compiled.value;
    untracked(refilter);
  });

  function appendNow(entries: readonly HistoryEntry[]): void {
    if (log.append(entries) > 0) {
      const firstSeq = log.items[0]!.seq;
      let stale = 0;
      while (stale < view.length && view[stale]!.seq < firstSeq) stale++;
      view.splice(0, stale);
    }
    const { matches } = compiled.peek();
    for (const entry of entries) if (matches(entry)) view.push(entry);
    revision.value++;
  }

  return {
    log,
    revision,
    filters,
    compiled,
    paused,
    heldCount,
    selectedSeq,
    follow,
    /** The filtered entries, oldest first. Read `revision.value` first to subscribe. */
    view: () => view,
    append(entries: readonly HistoryEntry[]): void {
      if (entries.length === 0) return;
      if (!paused.peek()) return appendNow(entries);
      for (const entry of entries) held.push(entry);
      if (held.length > capacity) held.splice(0, held.length - capacity);
      heldCount.value += entries.length;
    },
    reset(entries: readonly HistoryEntry[]): void {
      log.clear();
      held = [];
      batch(() => {
        heldCount.value = 0;
        log.append(entries);
        refilter();
      });
    },
    clear(): void {
      log.clear();
      held = [];
      view = [];
      batch(() => {
        heldCount.value = 0;
        selectedSeq.value = null;
        revision.value++;
      });
    },
    setPaused(value: boolean): void {
      paused.value = value;
      if (value || held.length === 0) return;
      const release = held;
      held = [];
      heldCount.value = 0;
      appendNow(release);
    },
    setFilters(patch: Partial<Filters>): void {
      filters.value = { ...filters.value, ...patch };
    },
    /** Moves the selection by `step` rows in the filtered view. */
    move(step: number): void {
      if (view.length === 0) return;
      const index = selectedSeq.value === null ? -1 : indexOfSeq(view, selectedSeq.value);
      const next =
        index === -1
          ? step > 0
            ? 0
            : view.length - 1
          : Math.min(view.length - 1, Math.max(0, index + step));
      selectedSeq.value = view[next]!.seq;
      follow.value = false;
    },
    selected(): HistoryEntry | undefined {
      const seq = selectedSeq.value;
      revision.value;
      if (seq === null) return undefined;
      return log.items[indexOfSeq(log.items, seq)];
    },
    dispose: stopFilterEffect,
  };
}
