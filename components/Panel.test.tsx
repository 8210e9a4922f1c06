// @vitest-environment happy-dom
// The panel against a mock transport (no extension, no network): timeline, filters, keyboard.
import { beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { OVERSCAN } from './Timeline';
import { installPanelHarness, mount, p, rows } from '../test/support/panel-harness';
import { WORKSPACE_ID, entries, entry, increment, snapshot } from '../test/support/panel-fixtures';

installPanelHarness();

describe('timeline', () => {
  it('subscribes to the watched workspace and shows the snapshot, then increments', () => {
    mount();
    expect(p.transport.sent).toContainEqual({ type: 'subscribe', workspaceId: WORKSPACE_ID });
    p.transport.emit(snapshot(entries(3)));
    expect(rows()).toHaveLength(3);
    p.transport.emit(increment(entries(2, 4)));
    expect(rows()).toHaveLength(5);
    const first = within(rows()[0]!);
    expect(first.getByText('KEY_1')).toBeTruthy();
    expect(first.getByText('v1')).toBeTruthy();
  });

  it('holds 100,000 events with a bounded number of DOM rows', () => {
    mount();
    p.transport.emit(snapshot(entries(100_000)));
    expect(p.session.timeline.view()).toHaveLength(100_000);
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
    p.transport.emit(snapshot(entries(2)));
    fireEvent.click(screen.getByTestId('pause'));
    p.transport.emit(increment(entries(3, 3)));
    expect(rows()).toHaveLength(2);
    expect(screen.getByTestId('pause').textContent).toBe('Resume (3 new)');
    fireEvent.click(screen.getByTestId('pause'));
    expect(rows()).toHaveLength(5);
    expect(screen.getByTestId('pause').textContent).toBe('Pause');
  });

  it('clear empties the timeline here and asks the hub to clear its history', () => {
    mount();
    p.transport.emit(snapshot(entries(4)));
    fireEvent.click(screen.getByTestId('clear'));
    expect(rows()).toHaveLength(0);
    expect(p.transport.sent).toContainEqual({ type: 'clear-history', workspaceId: WORKSPACE_ID });
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
    p.transport.emit(snapshot([entry(1, change(1)), entry(2, change(2)), entry(3, change(5))]));
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
    p.transport.emit(snapshot(entries(300)));
  });

  it('type chips show live counts and hide their type', () => {
    const chip = screen.getByTestId('chip-presence');
    expect(chip.textContent).toBe('presence 6');
    fireEvent.click(chip);
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    expect(p.session.timeline.view().some((e) => e.event.type === 'presence')).toBe(false);
    p.transport.emit(increment(entries(50, 301)));
    expect(screen.getByTestId('chip-presence').textContent).toBe('presence 7');
    expect(p.session.timeline.view().some((e) => e.event.type === 'presence')).toBe(false);
  });

  it('filters by kind and by environment', () => {
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'secret' } });
    expect(p.session.timeline.view().length).toBeGreaterThan(0);
    expect(
      p.session.timeline.view().every((e) => e.event.type === 'config.changed' && e.event.kind === 'secret'),
    ).toBe(true);
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('filter-environment'), { target: { value: 'env_staging' } });
    expect(
      p.session.timeline
        .view()
        .every((e) => 'environmentId' in e.event && e.event.environmentId === 'env_staging'),
    ).toBe(true);
  });

  it('searches keys as text or /regex/, and falls back to text with a hint on an invalid regex', () => {
    const search = screen.getByTestId('filter-search');
    fireEvent.input(search, { target: { value: 'key_7' } });
    const text = p.session.timeline.view().map((e) => ('key' in e.event ? e.event.key : ''));
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((key) => key.toLowerCase().includes('key_7'))).toBe(true);
    fireEvent.input(search, { target: { value: '/^KEY_1\\d$/' } });
    const regex = p.session.timeline.view().map((e) => ('key' in e.event ? e.event.key : ''));
    expect(new Set(regex)).toEqual(new Set(regex.filter((key) => /^KEY_1\d$/.test(key))));
    expect(regex.length).toBeGreaterThan(0);
    expect(screen.queryByTestId('regex-hint')).toBeNull();
    fireEvent.input(search, { target: { value: '/KEY_(/' } });
    expect(screen.getByTestId('regex-hint').textContent).toContain('invalid regex');
    expect(p.session.timeline.view()).toHaveLength(0); // no key contains the text "/KEY_(/"
  });

  it('persists the filter state', () => {
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'flag' } });
    expect(p.settings.get('filters')).toMatchObject({ kind: 'flag' });
    cleanup();
    p.session.dispose();
    mount();
    expect((screen.getByTestId('filter-kind') as HTMLSelectElement).value).toBe('flag');
  });
});

describe('keyboard', () => {
  it('up and down move the selection, / focuses search, Escape clears it', () => {
    mount();
    p.transport.emit(snapshot(entries(5)));
    const panel = screen.getByTestId('panel');
    fireEvent.keyDown(panel, { key: 'ArrowDown' });
    expect(p.session.timeline.selectedSeq.value).toBe(1);
    fireEvent.keyDown(panel, { key: 'ArrowDown' });
    fireEvent.keyDown(panel, { key: 'ArrowDown' });
    fireEvent.keyDown(panel, { key: 'ArrowUp' });
    expect(p.session.timeline.selectedSeq.value).toBe(2);
    expect(rows()[1]!.className).toContain('selected');
    fireEvent.keyDown(panel, { key: '/' });
    const search = screen.getByTestId('filter-search');
    expect(document.activeElement).toBe(search);
    fireEvent.input(search, { target: { value: 'KEY_3' } });
    fireEvent.keyDown(search, { key: 'Escape' });
    expect((search as HTMLInputElement).value).toBe('');
    expect(p.session.timeline.filters.value.search).toBe('');
  });
});
