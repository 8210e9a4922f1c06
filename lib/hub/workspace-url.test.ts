import { expect, it } from 'vitest';
import { parseWorkspaceUrl, redactUrl, withToken } from './workspace-url';

it('identifies a workspace by its URL without the token', () => {
  expect(parseWorkspaceUrl(' wss://api.edgevault.io/api/v1/workspaces/w1/ws?token=abc&x=1#frag ')).toEqual({
    id: 'wss://api.edgevault.io/api/v1/workspaces/w1/ws?x=1',
    token: 'abc',
  });
  expect(parseWorkspaceUrl('ws://127.0.0.1:8787/api/v1/workspaces/demo/ws')).toEqual({
    id: 'ws://127.0.0.1:8787/api/v1/workspaces/demo/ws',
    token: null,
  });
  expect(parseWorkspaceUrl('http://x/ws')).toEqual({ error: 'expected a ws:// or wss:// URL, got http://' });
  expect(parseWorkspaceUrl('')).toHaveProperty('error');
});

it('redacts every token in any text', () => {
  expect(redactUrl('wss://h/ws?token=abc.def-123&x=1')).toBe('wss://h/ws?token=•••&x=1');
  expect(redactUrl('a ws://h/ws?x=1&token=zz and ws://k/?TOKEN=yy')).toBe(
    'a ws://h/ws?x=1&token=••• and ws://k/?TOKEN=•••',
  );
  expect(redactUrl('no tokens here')).toBe('no tokens here');
});

it('puts a token back for connecting', () => {
  expect(withToken('ws://h/ws?x=1', 'a b')).toBe('ws://h/ws?x=1&token=a+b');
  expect(withToken('ws://h/ws', null)).toBe('ws://h/ws');
});
