// Shared setup of the panel's component tests: the Panel mounted against a mock transport.
import { afterEach, beforeEach } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { Panel } from '../../components/Panel';
import { MockTransport } from '../../lib/panel/mock-transport';
import { createPanelSession, type PanelSession } from '../../lib/panel/session';
import { memorySettings, type Settings } from '../../lib/panel/settings';
import type { Theme } from '../../lib/panel/theme';
import { summary } from './panel-fixtures';

/** Signals re-render asynchronously: act() flushes it, as a frame would. */
export class ActingTransport extends MockTransport {
  override emit(message: Parameters<MockTransport['emit']>[0]): void {
    act(() => super.emit(message));
  }
}

/** Reset before every test by installPanelHarness(). */
export const p = {
  transport: undefined as unknown as MockTransport,
  session: undefined as unknown as PanelSession,
  settings: memorySettings() as Settings,
};

export function installPanelHarness(): void {
  beforeEach(() => {
    p.settings = memorySettings();
  });
  afterEach(() => {
    cleanup();
    p.session?.dispose();
  });
}

export function mount(theme: Theme = 'light', popOut?: () => void): void {
  p.transport = new ActingTransport();
  p.session = createPanelSession({
    transport: p.transport,
    settings: p.settings,
    scheduleFrame: (callback) => callback(),
  });
  render(<Panel session={p.session} theme={signal(theme)} popOut={popOut} />);
  p.transport.emit({ type: 'workspaces', workspaces: [summary()] });
}
export const rows = () => screen.queryAllByTestId('timeline-row');
export const rowTypes = () => rows().map((row) => row.querySelector('.type')!.textContent);
