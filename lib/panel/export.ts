// Export the shown events as NDJSON or JSON (URLs redacted), and read such a file back.
import { parseEvent } from '@edgevault/realtime';
import type { HistoryEntry } from '../protocol';
import { redactUrl } from '../shared/redact';

export type ExportFormat = 'ndjson' | 'json';

export function exportEvents(
  format: ExportFormat,
  entries: readonly HistoryEntry[],
  workspaceUrl: string,
): string {
  const lines = entries.map(({ seq, receivedAt, event }) => ({ seq, receivedAt, event }));
  const text =
    format === 'ndjson'
      ? lines.map((line) => JSON.stringify(line)).join('\n') + (lines.length ? '\n' : '')
      : JSON.stringify({ workspace: workspaceUrl, exportedAt: Date.now(), events: lines }, null, 2);
  // Events carry no URLs or values; redacting the whole text also covers the workspace URL and anything later.
  return redactUrl(text);
}

export type ImportResult = { entries: HistoryEntry[]; skipped: number; error: string | null };

/** Reads NDJSON, a JSON array, or an export object; each item an exported entry or a bare event. */
export function importEvents(text: string): ImportResult {
  let items: unknown[];
  const trimmed = text.trim();
  if (
    trimmed.startsWith('[') ||
    trimmed.startsWith('{"workspace"') ||
    /^\{\s*"(workspace|events|exportedAt)"/.test(trimmed)
  ) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      items = Array.isArray(parsed) ? parsed : ((parsed as { events?: unknown[] })?.events ?? []);
    } catch (error) {
      return { entries: [], skipped: 0, error: `not valid JSON: ${(error as Error).message}` };
    }
  } else {
    items = trimmed
      .split('\n')
      .filter((line) => line.trim())
      .map(safeParse);
  }
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const item of items) {
    const record = item as { event?: unknown; receivedAt?: unknown } | null;
    const candidate = record && typeof record === 'object' && 'event' in record ? record.event : item;
    const receivedAt = typeof record?.receivedAt === 'number' ? record.receivedAt : undefined;
    const result = parseEvent(JSON.stringify(candidate ?? null), Date.now());
    if ('error' in result) {
      skipped++;
      continue;
    }
    // Renumbered, so that imported entries keep the ascending order the timeline relies on.
    entries.push({ seq: entries.length + 1, receivedAt: receivedAt ?? result.event.at, event: result.event });
  }
  return { entries, skipped, error: items.length && !entries.length ? 'no valid events in the file' : null };
}

function safeParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
