// Pause (stop appending, keep counting), clear, export (NDJSON, JSON; tokens redacted), import a file.
import type { ExportFormat } from '../lib/panel/export';
import type { PanelSession } from '../lib/panel/session';

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function TimelineActions({ session }: { session: PanelSession }) {
  const { timeline } = session;
  const paused = timeline.paused.value;
  const save = (format: ExportFormat) =>
    download(
      `edgevault-events-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`,
      session.exportShown(format),
      format === 'json' ? 'application/json' : 'application/x-ndjson',
    );
  return (
    <div class="actions">
      <button
        type="button"
        data-testid="pause"
        aria-pressed={paused}
        onClick={() => timeline.setPaused(!paused)}
      >
        {paused ? `Resume (${timeline.heldCount.value} new)` : 'Pause'}
      </button>
      <button type="button" data-testid="clear" onClick={() => session.clear()}>
        Clear
      </button>
      <button type="button" data-testid="export-ndjson" onClick={() => save('ndjson')}>
        Export NDJSON
      </button>
      <button type="button" data-testid="export-json" onClick={() => save('json')}>
        Export JSON
      </button>
      <label class="button">
        Import
        <input
          type="file"
          hidden
          accept=".ndjson,.json,.jsonl,application/json"
          data-testid="import"
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            if (file) session.importFile(file.name, await file.text());
            event.currentTarget.value = '';
          }}
        />
      </label>
    </div>
  );
}
