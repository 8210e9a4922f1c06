// Workspace identity and token hygiene: the identity is the URL without its token, and any URL that is shown,
// logged or exported has its token replaced by `•••`.

export { redactUrl } from '../shared/redact';

export type ParsedWorkspaceUrl = { id: string; token: string | null };

/** Splits a pasted WebSocket URL into identity and token, or says what is wrong with it. */
export function parseWorkspaceUrl(input: string): ParsedWorkspaceUrl | { error: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { error: 'not a URL: expected ws://… or wss://…' };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    return { error: `expected a ws:// or wss:// URL, got ${url.protocol}//` };
  const token = url.searchParams.get('token');
  url.searchParams.delete('token');
  url.hash = '';
  return { id: url.toString(), token: token || null };
}

export function withToken(id: string, token: string | null): string {
  if (!token) return id;
  const url = new URL(id);
  url.searchParams.set('token', token);
  return url.toString();
}
