// @vitest-environment happy-dom
// The panel against a mock transport: no extension, no network.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { Panel } from './Panel';
import { MockTransport } from '../lib/panel/mock-transport';
import { createPanelSession, type PanelSession } from '../lib/panel/session';
import { memorySettings, type Settings } from '../lib/panel/settings';
import type { Theme } from '../lib/panel/theme';
import { OVERSCAN } from './Timeline';
import {
  DISPLAY_URL,
  WORKSPACE_ID,
  entries,
  entry,
  increment,
  snapshot,
  summary,
} from '../test/support/panel-fixtures';

let transport: MockTransport;
let session: PanelSession;
let settings: Settings;

/** Signals re-render asynchronously: act() flushes it, as a frame would. */
class ActingTransport extends MockTransport {
  override emit(message: Parameters<MockTransport['emit']>[0]): void {
    act(() => super.emit(message));
  }
}

function mount(theme: Theme = 'light') {
  transport = new ActingTransport();
  session = createPanelSession({ transport, settings, scheduleFrame: (callback) => callback() });
  render(<Panel session={session} theme={signal(theme)} />);
  transport.emit({ type: 'workspaces', workspaces: [summary()] });
}
const rows = () => screen.queryAllByTestId('timeline-row');
const rowTypes = () => rows().map((row) => row.querySelector('.type')!.textContent);

beforeEach(() => {
  settings = memorySettings();
});
afterEach(() => {
  cleanup();
  session?.dispose();
});

describe('timeline', () => {
  it('subscribes to the watched workspace and shows the snapshot, then increments', () => {
    mount();
    expect(transport.sent).toContainEqual({ type: 'subscribe', workspaceId: WORKSPACE_ID });
    transport.emit(snapshot(entries(3)));
    expect(rows()).toHaveLength(3);
    transport.emit(increment(entries(2, 4)));
    expect(rows()).toHaveLength(5);
    const first = within(rows()[0]!);
    expect(first.getByText('KEY_1')).toBeTruthy();
    expect(first.getByText('v1')).toBeTruthy();
  });

  it('holds 100,000 events with a bounded number of DOM rows', () => {
    mount();
    transport.emit(snapshot(entries(100_000)));
    expect(session.timeline.view()).toHaveLength(100_000);
    const timeline = screen.getByTestId('timeline');
    expect(timeline.getAttribute('aria-rowcount')).toBe('100000');
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThanOrEqual(Math.ceil(480 / 24) + 2 * OVERSCAN + 1);
    // Scroll to the middle: still bounded, and the rows are the ones there.
    timeline.scrollTop = 50_000 * 24;
    fireEvent.scroll(timeline);
    expect(rows().length).toBeLessThanOrEqual(Math.ceil(480 / 24) + 2 * OVERSCAN + 1);
    const seqs = rows().map((row) => Number(row.dataset.seq));
    expect(Math.min(...seqs)).toBeGreaterThan(49_900);
    expect(Math.max(...seqs)).toBeLessThan(50_100);
  });

  it('pause stops appending but keeps counting; resume appends what was held', () => {
    mount();
    transport.emit(snapshot(entries(2)));
    fireEvent.click(screen.getByTestId('pause'));
    transport.emit(increment(entries(3, 3)));
    expect(rows()).toHaveLength(2);
    expect(screen.getByTestId('pause').textContent).toBe('Resume (3 new)');
    fireEvent.click(screen.getByTestId('pause'));
    expect(rows()).toHaveLength(5);
    expect(screen.getByTestId('pause').textContent).toBe('Pause');
  });

  it('clear empties the timeline here and asks the hub to clear its history', () => {
    mount();
    transport.emit(snapshot(entries(4)));
    fireEvent.click(screen.getByTestId('clear'));
    expect(rows()).toHaveLength(0);
    expect(transport.sent).toContainEqual({ type: 'clear-history', workspaceId: WORKSPACE_ID });
    expect(screen.getByTestId('timeline-empty').textContent).toBe('No events yet.');
  });

  it('marks a gap where versions of a key skip, in the row and in the detail', () => {
    mount();
    const change = (version: number) =>
      ({
        type: 'config.changed',
        environmentId: 'env_prod',
        key: 'API_URL',
        kind: 'config',
        version,
        at: 1_000 * version,
      }) as const;
    transport.emit(snapshot([entry(1, change(1)), entry(2, change(2)), entry(3, change(5))]));
    expect(screen.getAllByTestId('gap-marker')).toHaveLength(1);
    expect(rows()[2]!.querySelector('[data-testid="gap-marker"]')).toBeTruthy();
    fireEvent.click(rows()[2]!);
    const history = screen.getByTestId('version-history');
    expect(history.querySelectorAll('li')).toHaveLength(3);
    expect(within(history).getAllByTestId('version-gap')).toHaveLength(1);
    expect(screen.getByTestId('detail-delay').textContent).toBe('5 ms');
    expect(screen.getByTestId('detail-json').textContent).toContain('"version": 5');
  });
});

describe('filters', () => {
  beforeEach(() => {
    mount();
    transport.emit(snapshot(entries(300)));
  });

  it('type chips show live counts and hide their type', () => {
    const chip = screen.getByTestId('chip-presence');
    expect(chip.textContent).toBe('presence 6');
    fireEvent.click(chip);
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    expect(session.timeline.view().some((e) => e.event.type === 'presence')).toBe(false);
    transport.emit(increment(entries(50, 301)));
    expect(screen.getByTestId('chip-presence').textContent).toBe('presence 7');
    expect(session.timeline.view().some((e) => e.event.type === 'presence')).toBe(false);
  });

  it('filters by kind and by environment', () => {
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'secret' } });
    expect(session.timeline.view().length).toBeGreaterThan(0);
    expect(
      session.timeline.view().every((e) => e.event.type === 'config.changed' && e.event.kind === 'secret'),
    ).toBe(true);
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('filter-environment'), { target: { value: 'env_staging' } });
    expect(
      session.timeline
        .view()
        .every((e) => 'environmentId' in e.event && e.event.environmentId === 'env_staging'),
    ).toBe(true);
  });

  it('searches keys as text or /regex/, and falls back to text with a hint on an invalid regex', () => {
    const search = screen.getByTestId('filter-search');
    fireEvent.input(search, { target: { value: 'key_7' } });
    const text = session.timeline.view().map((e) => ('key' in e.event ? e.event.key : ''));
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((key) => key.toLowerCase().includes('key_7'))).toBe(true);
    fireEvent.input(search, { target: { value: '/^KEY_1\\d$/' } });
    const regex = session.timeline.view().map((e) => ('key' in e.event ? e.event.key : ''));
    expect(new Set(regex)).toEqual(new Set(regex.filter((key) => /^KEY_1\d$/.test(key))));
    expect(regex.length).toBeGreaterThan(0);
    expect(screen.queryByTestId('regex-hint')).toBeNull();
    fireEvent.input(search, { target: { value: '/KEY_(/' } });
    expect(screen.getByTestId('regex-hint').textContent).toContain('invalid regex');
    expect(session.timeline.view()).toHaveLength(0); // no key contains the text "/KEY_(/"
  });

  it('persists the filter state', () => {
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'flag' } });
    expect(settings.get('filters')).toMatchObject({ kind: 'flag' });
    cleanup();
    session.dispose();
    mount();
    expect((screen.getByTestId('filter-kind') as HTMLSelectElement).value).toBe('flag');
  });
});

describe('keyboard', () => {
  it('up and down move the selection, / focuses search, Escape clears it', () => {
    mount();
    transport.emit(snapshot(entries(5)));
    const panel = screen.getByTestId('panel');
    fireEvent.keyDown(panel, { key: 'ArrowDown' });
    expect(session.timeline.selectedSeq.value).toBe(1);
    fireEvent.keyDown(panel, { key: 'ArrowDown' });
    fireEvent.keyDown(panel, { key: 'ArrowDown' });
    fireEvent.keyDown(panel, { key: 'ArrowUp' });
    expect(session.timeline.selectedSeq.value).toBe(2);
    expect(rows()[1]!.className).toContain('selected');
    fireEvent.keyDown(panel, { key: '/' });
    const search = screen.getByTestId('filter-search');
    expect(document.activeElement).toBe(search);
    fireEvent.input(search, { target: { value: 'KEY_3' } });
    fireEvent.keyDown(search, { key: 'Escape' });
    expect((search as HTMLInputElement).value).toBe('');
    expect(session.timeline.filters.value.search).toBe('');
  });
});

describe('export and import', () => {
  it('exports the shown events as NDJSON and JSON with the token redacted', () => {
    mount();
    transport.emit({ type: 'workspaces', workspaces: [summary({ displayUrl: DISPLAY_URL })] });
    transport.emit(snapshot(entries(3)));
    const ndjson = session.exportShown('ndjson');
    const lines = ndjson
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ seq: 1, event: { type: 'config.changed', key: 'KEY_1' } });
    const json = JSON.parse(session.exportShown('json'));
    expect(json.workspace).toBe(DISPLAY_URL);
    expect(json.events).toHaveLength(3);
    expect(ndjson + JSON.stringify(json)).not.toMatch(/token=(?!•••)/);
  });

  it('the export button downloads what is shown', async () => {
    mount();
    transport.emit(snapshot(entries(3)));
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:x'));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByTestId('export-ndjson'));
    expect(await blobs[0]!.text()).toBe(session.exportShown('ndjson'));
  });

  it('imports a file: valid events shown, invalid lines counted, back to live re-subscribes', () => {
    mount();
    transport.emit(snapshot(entries(2)));
    const file = [
      JSON.stringify({
        seq: 9,
        receivedAt: 5,
        event: { type: 'config.deleted', environmentId: 'e', key: 'K', at: 1 },
      }),
      '{"broken',
      JSON.stringify({ type: 'environment.created', environmentId: 'env_x', slug: 'x', at: 2 }),
    ].join('\n');
    act(() => session.importFile('colleague.ndjson', file));
    expect(rowTypes()).toEqual(['config.deleted', 'environment.created']);
    expect(screen.getByTestId('import-banner').textContent).toContain('colleague.ndjson');
    expect(screen.getByTestId('notice').textContent).toContain('skipped 1 invalid');
    transport.emit(increment(entries(1, 3)));
    expect(rows()).toHaveLength(2); // live increments do not mix into an imported file
    fireEvent.click(within(screen.getByTestId('import-banner')).getByText('Back to live'));
    expect(transport.sent.at(-1)).toEqual({ type: 'subscribe', workspaceId: WORKSPACE_ID });
  });
});

describe('workspaces, connection, presence, theme', () => {
  it('redacts a pasted token on screen at once, and watches with the real one', () => {
    mount();
    const input = screen.getByTestId('watch-url') as HTMLInputElement;
    fireEvent.input(input, {
      target: { value: 'wss://api.edgevault.io/api/v1/workspaces/w1/ws?token=s3cr3t-token' },
    });
    expect(input.value).toBe('wss://api.edgevault.io/api/v1/workspaces/w1/ws?token=•••');
    expect(document.body.textContent).not.toContain('s3cr3t');
    fireEvent.submit(screen.getByTestId('workspace-bar'));
    expect(transport.sent).toContainEqual({
      type: 'watch',
      url: 'wss://api.edgevault.io/api/v1/workspaces/w1/ws?token=s3cr3t-token',
      rememberToken: false,
    });
    transport.emit({
      type: 'watch-result',
      ok: false,
      error: 'expected a ws:// or wss:// URL, got https://',
    });
    expect(screen.getByTestId('watch-error').textContent).toContain('ws://');
  });

  it('shows status, attempt, next retry, last close with its meaning, and reconnects on demand', () => {
    mount();
    transport.emit(
      snapshot([], {
        connection: {
          status: 'connecting',
          attempt: 3,
          nextRetryAt: Date.now() + 4_000,
          lastClose: { code: 1006, reason: '', meaning: 'connection lost or refused (no close frame)' },
          rttMs: null,
          invalidFrames: 2,
          openedAt: null,
        },
      }),
    );
    expect(screen.getByTestId('connection-status').textContent).toBe('connecting');
    expect(screen.getByTestId('attempt').textContent).toBe('attempt 3');
    expect(screen.getByTestId('next-retry').textContent).toMatch(/next retry in [34](\.\d)? s/);
    expect(screen.getByTestId('last-close').textContent).toBe(
      'last close 1006: connection lost or refused (no close frame)',
    );
    expect(screen.getByTestId('invalid-frames').textContent).toBe('2 invalid frames');
    fireEvent.click(screen.getByTestId('reconnect'));
    expect(transport.sent.at(-1)).toEqual({ type: 'reconnect', workspaceId: WORKSPACE_ID });
  });

  it('shows the lifecycle lane', () => {
    mount();
    transport.emit(
      snapshot([], {
        lifecycle: [
          { seq: 1, at: 1, kind: 'attempt', attempt: 1 },
          {
            seq: 2,
            at: 2,
            kind: 'close',
            code: 4401,
            reason: 'invalid token',
            meaning: 'unauthorized: bad or missing token',
            final: true,
          },
        ],
      }),
    );
    const lane = screen.getAllByTestId('lifecycle-entry').map((li) => li.textContent);
    expect(lane[0]).toContain('closed 4401: unauthorized: bad or missing token (invalid token), final');
    expect(lane[1]).toContain('attempt 1');
  });

  it('shows who is online and who joined or left', () => {
    mount();
    transport.emit(
      snapshot([], { presence: { users: ['ana'], changes: [{ at: 1, user: 'ana', change: 'joined' }] } }),
    );
    transport.emit(
      increment([], {
        presence: [
          { at: 2, user: 'bo', change: 'joined' },
          { at: 3, user: 'ana', change: 'left' },
        ],
        users: ['bo'],
      }),
    );
    expect(screen.getByTestId('presence-users').textContent).toBe('bo');
    const changes = screen.getByTestId('presence-changes').textContent!;
    expect(changes).toContain('ana left');
    expect(changes).toContain('bo joined');
    expect(changes).toContain('ana joined');
  });

  it('follows the theme it is given', () => {
    mount('dark');
    expect(screen.getByTestId('panel').dataset.theme).toBe('dark');
    cleanup();
    mount('light');
    expect(screen.getByTestId('panel').className).toContain('theme-light');
  });
});

describe('typing a URL', () => {
  it('keeps the token when typed character by character, showing only bullets', () => {
    mount();
    const input = screen.getByTestId('watch-url') as HTMLInputElement;
    let value = '';
    for (const char of 'ws://127.0.0.1:8787/api/v1/workspaces/demo/ws?token=dev-ana') {
      value = input.value + char;
      fireEvent.input(input, { target: { value } });
      expect(input.value).not.toMatch(/token=(?!•••)./);
    }
    expect(input.value).toBe('ws://127.0.0.1:8787/api/v1/workspaces/demo/ws?token=•••');
    fireEvent.submit(screen.getByTestId('workspace-bar'));
    expect(transport.sent).toContainEqual({
      type: 'watch',
      url: 'ws://127.0.0.1:8787/api/v1/workspaces/demo/ws?token=dev-ana',
      rememberToken: false,
    });
  });
});

describe('pop-out', () => {
  it('offers a pop-out button only where one is given (inside DevTools)', () => {
    mount();
    expect(screen.queryByTestId('pop-out')).toBeNull();
    cleanup();
    let opened = 0;
    transport = new MockTransport();
    session = createPanelSession({ transport, settings, scheduleFrame: (callback) => callback() });
    render(<Panel session={session} theme={signal('light')} popOut={() => opened++} />);
    fireEvent.click(screen.getByTestId('pop-out'));
    expect(opened).toBe(1);
  });
});
