import { describe, expect, it } from 'vitest';
import { authorize, bearer, parseTokens } from './auth';

describe('tokens from configuration', () => {
  const tokens = parseTokens('{"t-ana":"ana","t-guest":{"user":"guest","workspaces":["sandbox"]}}');

  it('maps tokens to users and limits grants to their workspaces', () => {
    expect(authorize(tokens, 't-ana', 'demo')).toEqual({ user: 'ana' });
    expect(authorize(tokens, 't-guest', 'sandbox')).toEqual({ user: 'guest' });
    expect(authorize(tokens, 't-guest', 'demo')).toEqual({
      status: 403,
      error: 'no access to workspace "demo"',
    });
    expect(authorize(tokens, 'nope', 'demo')).toEqual({ status: 401, error: 'invalid token' });
    expect(authorize(tokens, null, 'demo')).toEqual({ status: 401, error: 'missing token' });
  });

  it.each([
    [undefined, /not set/],
    ['', /not set/],
    ['{oops', /not valid JSON/],
    ['"a string"', /must be an object/],
    ['{"t":{"user":1}}', /malformed/],
  ])('refuses misconfigured TOKENS %j with a clear 500', (raw, message) => {
    expect(() => parseTokens(raw)).toThrow(message);
  });

  it('reads bearer tokens', () => {
    const request = (value?: string) =>
      new Request('http://x/', { headers: value ? { authorization: value } : {} });
    expect(bearer(request('Bearer abc'))).toBe('abc');
    expect(bearer(request('bearer abc'))).toBe('abc');
    expect(bearer(request('Basic abc'))).toBeNull();
    expect(bearer(request())).toBeNull();
  });
});
