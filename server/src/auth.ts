// Who a token belongs to, from configuration (the TOKENS variable or secret), never from code.
import { HttpError } from './http';

export type Grant = { user: string; workspaces: readonly string[] | '*' };
export type Tokens = ReadonlyMap<string, Grant>;

let cache: { raw: string; tokens: Tokens } | undefined;

/** TOKENS is JSON: `{ "<token>": "<user>" | { "user": "<user>", "workspaces": ["<id>", …] } }`. */
export function parseTokens(raw: string | undefined): Tokens {
  if (cache && cache.raw === raw) return cache.tokens;
  if (!raw) throw new HttpError(500, 'server misconfigured: TOKENS is not set');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(500, 'server misconfigured: TOKENS is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new HttpError(500, 'server misconfigured: TOKENS must be an object');
  const tokens = new Map<string, Grant>();
  for (const [token, value] of Object.entries(parsed)) {
    if (typeof value === 'string') tokens.set(token, { user: value, workspaces: '*' });
    else if (value && typeof value.user === 'string' && Array.isArray(value.workspaces))
      tokens.set(token, { user: value.user, workspaces: value.workspaces.map(String) });
    else throw new HttpError(500, `server misconfigured: TOKENS entry for a token is malformed`);
  }
  cache = { raw, tokens };
  return tokens;
}

export type AuthResult = { user: string } | { status: 401 | 403; error: string };

export function authorize(tokens: Tokens, token: string | null, workspaceId: string): AuthResult {
  if (!token) return { status: 401, error: 'missing token' };
  const grant = tokens.get(token);
  if (!grant) return { status: 401, error: 'invalid token' };
  if (grant.workspaces !== '*' && !grant.workspaces.includes(workspaceId))
    return { status: 403, error: `no access to workspace "${workspaceId}"` };
  return { user: grant.user };
}

export function bearer(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
