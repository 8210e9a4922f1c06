// How times, delays and events read in the panel.
import type { WorkspaceEvent } from '@edgevault/realtime';
import type { LifecycleEntry } from '../protocol';
import { environmentOf } from './filters';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 14:03:07.412 in local time. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function duration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs < 1_000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1_000).toFixed(1)} s`;
  if (abs < 3_600_000)
    return `${sign}${Math.floor(abs / 60_000)} min ${Math.floor((abs % 60_000) / 1_000)} s`;
  return `${sign}${(abs / 3_600_000).toFixed(1)} h`;
}

export const ago = (at: number, now: number): string => `${duration(Math.max(0, now - at))} ago`;

/** The columns of a timeline row. */
export function eventColumns(event: WorkspaceEvent): {
  environment: string;
  key: string;
  kind: string;
  version: string;
} {
  const environment = environmentOf(event) ?? '';
  switch (event.type) {
    case 'config.changed':
      return { environment, key: event.key, kind: event.kind, version: `v${event.version}` };
    case 'config.deleted':
      return { environment, key: event.key, kind: '', version: '' };
    case 'environment.created':
      return { environment, key: event.slug, kind: '', version: '' };
    case 'promotion.completed':
      return {
        environment: `${event.sourceEnvironmentId} → ${event.targetEnvironmentId}`,
        key: event.key,
        kind: '',
        version: '',
      };
    case 'presence':
      return { environment: '', key: event.users.join(', '), kind: '', version: '' };
    default:
      return { environment: '', key: '', kind: '', version: '' };
  }
}

/** One line for the lifecycle lane. */
export function describeLifecycle(entry: LifecycleEntry): string {
  switch (entry.kind) {
    case 'status':
      return `status ${entry.status}`;
    case 'attempt':
      return `attempt ${entry.attempt}`;
    case 'open':
      return `connected (attempt ${entry.attempt})`;
    case 'close':
      return `closed ${entry.code}: ${entry.meaning}${entry.reason ? ` (${entry.reason})` : ''}${entry.final ? ', final' : ''}`;
    case 'retry':
      return `retry ${entry.attempt} in ${duration(entry.delayMs)}`;
    case 'invalid-frame':
      return `invalid frame dropped: ${entry.error} (${entry.count} so far)`;
    case 'rtt':
      return `ping ${Math.round(entry.rttMs)} ms`;
    case 'dead-link':
      return `dead link: silent ${duration(entry.silentMs)}`;
    case 'error':
      return `error: ${entry.message}`;
  }
}
