// @vitest-environment happy-dom
import { afterEach, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { Popup } from './Popup';
import { MockTransport } from '../lib/panel/mock-transport';
import { createPopupModel } from '../lib/panel/popup-model';
import { openConnection, summary } from '../test/support/panel-fixtures';

afterEach(cleanup);

it('shows each workspace: status, users online, last event, events since last opened; opens the panel', () => {
  const transport = new MockTransport();
  const model = createPopupModel(transport);
  const opened: (string | undefined)[] = [];
  render(<Popup model={model} theme="dark" openPanel={(id) => opened.push(id)} />);
  expect(transport.sent).toEqual([{ type: 'popup-opened' }]);
  const lastEventAt = Date.now() - 3_000;
  act(() =>
    transport.emit({
      type: 'workspaces',
      workspaces: [
        summary({ users: ['ana', 'bo'], unseen: 7, lastEvent: { type: 'config.changed', at: lastEventAt } }),
        summary({
          id: 'ws://x/ws',
          displayUrl: 'ws://x/ws?token=•••',
          connection: openConnection({ status: 'closed' }),
        }),
      ],
    }),
  );
  // The hub then resets the count because the popup opened; the popup keeps showing what it found.
  act(() =>
    transport.emit({
      type: 'workspaces',
      workspaces: [
        summary({ users: ['ana', 'bo'], unseen: 0, lastEvent: { type: 'config.changed', at: lastEventAt } }),
      ],
    }),
  );
  const [first] = screen.getAllByTestId('popup-workspace');
  expect(first!.dataset.status).toBe('open');
  expect(screen.getAllByTestId('popup-users')[0]!.textContent).toBe('2 online: ana, bo');
  expect(screen.getAllByTestId('popup-unseen')[0]!.textContent).toBe('7 new');
  expect(screen.getAllByTestId('popup-last-event')[0]!.textContent).toMatch(/^config\.changed 3\.\d s ago$/);
  fireEvent.click(screen.getAllByTestId('popup-open')[0]!);
  expect(opened).toEqual(['ws://127.0.0.1:8787/api/v1/workspaces/demo/ws']);
});

it('says when nothing is watched', () => {
  const transport = new MockTransport();
  render(<Popup model={createPopupModel(transport)} theme="light" openPanel={() => {}} />);
  act(() => transport.emit({ type: 'workspaces', workspaces: [] }));
  expect(screen.getByTestId('popup-empty')).toBeTruthy();
});
