// @vitest-environment happy-dom
// The panel against a mock transport: export and import, workspaces, connection, presence, theme, pop-out.
import { describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { installPanelHarness, mount, p, rowTypes, rows } from '../test/support/panel-harness';
import {
  DISPLAY_URL,
  WORKSPACE_ID,
  entries,
  entry,
  increment,
  snapshot,
  summary,
} from '../test/support/panel-fixtures';

installPanelHarness();

describe('export and import', () => {
  it('exports the shown events as NDJSON and JSON with the token redacted', () => {
    mount();
    p.transport.emit({ type: 'workspaces', workspaces: [summary({ displayUrl: DISPLAY_URL })] });
    p.transport.emit(snapshot(entries(3)));
    const ndjson = p.session.exportShown('ndjson');
    const lines = ndjson
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ seq: 1, event: { type: 'config.changed', key: 'KEY_1' } });
    const json = JSON.parse(p.session.exportShown('json'));
    expect(json.workspace).toBe(DISPLAY_URL);
    expect(json.events).toHaveLength(3);
    expect(ndjson + JSON.stringify(json)).not.toMatch(/token=(?!•••)/);
  });

  it('the export button downloads what is shown', async () => {
    mount();
    p.transport.emit(snapshot(entries(3)));
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:x'));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByTestId('export-ndjson'));
    expect(await blobs[0]!.text()).toBe(p.session.exportShown('ndjson'));
  });

  it('imports a file: valid events shown, invalid lines counted, back to live re-subscribes', () => {
    mount();
    p.transport.emit(snapshot(entries(2)));
    const file = [
      JSON.stringify({
        seq: 9,
        receivedAt: 5,
        event: { type: 'config.deleted', environmentId: 'e', key: 'K', at: 1 },
      }),
      '{"broken',
      JSON.stringify({ type: 'environment.created', environmentId: 'env_x', slug: 'x', at: 2 }),
    ].join('\n');
    act(() => p.session.importFile('colleague.ndjson', file));
    expect(rowTypes()).toEqual(['config.deleted', 'environment.created']);
    expect(screen.getByTestId('import-banner').textContent).toContain('colleague.ndjson');
    expect(screen.getByTestId('notice').textContent).toContain('skipped 1 invalid');
    p.transport.emit(increment(entries(1, 3)));
    expect(rows()).toHaveLength(2); // live increments do not mix into an imported file
    fireEvent.click(within(screen.getByTestId('import-banner')).getByText('Back to live'));
    expect(p.transport.sent.at(-1)).toEqual({ type: 'subscribe', workspaceId: WORKSPACE_ID });
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
    expect(p.transport.sent).toContainEqual({
      type: 'watch',
      url: 'wss://api.edgevault.io/api/v1/workspaces/w1/ws?token=s3cr3t-token',
      rememberToken: false,
    });
    p.transport.emit({
      type: 'watch-result',
      ok: false,
      error: 'expected a ws:// or wss:// URL, got https://',
    });
    expect(screen.getByTestId('watch-error').textContent).toContain('ws://');
  });

  it('shows status, attempt, next retry, last close with its meaning, and reconnects on demand', () => {
    mount();
    p.transport.emit(
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
    expect(p.transport.sent.at(-1)).toEqual({ type: 'reconnect', workspaceId: WORKSPACE_ID });
  });

  it('shows the lifecycle lane', () => {
    mount();
    p.transport.emit(
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
    p.transport.emit(
      snapshot([], { presence: { users: ['ana'], changes: [{ at: 1, user: 'ana', change: 'joined' }] } }),
    );
    p.transport.emit(
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
    expect(p.transport.sent).toContainEqual({
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
    mount('light', () => opened++);
    fireEvent.click(screen.getByTestId('pop-out'));
    expect(opened).toBe(1);
  });
});
