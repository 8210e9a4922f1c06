// Connection status of the selected workspace and its lifecycle lane.
import { signal } from '@preact/signals';
import { Ring } from '../shared/ring';
import type { ConnectionState, LifecycleEntry } from '../protocol';

/** Lifecycle entries the panel shows (the hub keeps the same number). */
export const LIFECYCLE_SHOWN = 1_000;

export type ConnectionModel = ReturnType<typeof createConnectionModel>;

export function createConnectionModel() {
  const lifecycle = new Ring<LifecycleEntry>(LIFECYCLE_SHOWN);
  const state = signal<ConnectionState | null>(null);
  const lifecycleRevision = signal(0);
  return {
    state,
    lifecycle,
    lifecycleRevision,
    reset(next: ConnectionState | null, entries: readonly LifecycleEntry[]): void {
      lifecycle.clear();
      for (const entry of entries) lifecycle.push(entry);
      state.value = next;
      lifecycleRevision.value++;
    },
    append(entries: readonly LifecycleEntry[], next: ConnectionState | null): void {
      for (const entry of entries) lifecycle.push(entry);
      if (entries.length) lifecycleRevision.value++;
      if (next) state.value = next;
    },
  };
}
