// The panel's events: a bounded list with random access (the virtual list needs it), trimmed in chunks so that
// appending stays O(1) amortized. Also tracks counts per type and version gaps per config key.
import type { WorkspaceEventType } from '@edgevault/realtime';
import type { HistoryEntry } from '../protocol';

/** Events the panel holds: ten times the hub's default history, room for imported files. */
export const PANEL_EVENT_LIMIT = 100_000;

const keyOf = (environmentId: string, key: string) => `${environmentId}\u0000${key}`;

export class EventLog {
  items: HistoryEntry[] = [];
  readonly counts = new Map<WorkspaceEventType, number>();
  /** Seqs of config.changed events whose version skipped past the previous one seen for that key. */
  readonly gaps = new Set<number>();
  /** Environment ids seen (for the filter's choices); as many as the workspace has, so unbounded is fine. */
  readonly environments = new Set<string>();
  private readonly versions = new Map<string, number>();

  constructor(readonly capacity = PANEL_EVENT_LIMIT) {}

  /** Appends entries; returns how many old ones were trimmed from the front. */
  append(entries: readonly HistoryEntry[]): number {
    for (const entry of entries) {
      this.items.push(entry);
      const { event } = entry;
      this.counts.set(event.type, (this.counts.get(event.type) ?? 0) + 1);
      if ('environmentId' in event) this.environments.add(event.environmentId);
      if (event.type === 'config.changed') {
        const id = keyOf(event.environmentId, event.key);
        const previous = this.versions.get(id);
        if (previous !== undefined && event.version > previous + 1) this.gaps.add(entry.seq);
        this.versions.set(id, event.version);
      } else if (event.type === 'config.deleted') this.versions.delete(keyOf(event.environmentId, event.key));
    }
    // Trim a tenth at a time: one splice per 10,000 appends instead of one shift per append.
    if (this.items.length <= this.capacity + this.capacity / 10) return 0;
    const trimmed = this.items.length - this.capacity;
    for (const { event, seq } of this.items.splice(0, trimmed)) {
      this.counts.set(event.type, this.counts.get(event.type)! - 1);
      this.gaps.delete(seq);
    }
    return trimmed;
  }

  clear(): void {
    this.items = [];
    this.counts.clear();
    this.gaps.clear();
    this.environments.clear();
    this.versions.clear();
  }

  /** The versions of one config key seen in this session, oldest first, with gaps marked. */
  versionHistory(
    environmentId: string,
    key: string,
  ): { seq: number; version: number; at: number; gap: boolean }[] {
    const result = [];
    for (const { seq, event } of this.items)
      if (event.type === 'config.changed' && event.environmentId === environmentId && event.key === key)
        result.push({ seq, version: event.version, at: event.at, gap: this.gaps.has(seq) });
    return result;
  }
}
