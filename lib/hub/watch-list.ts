// The persisted watch list. Identity and the remember-token choice go to storage.local (survives a browser
// restart); tokens go to storage.session (survives a worker restart only) unless the user opted in.
import type { KeyValueStore } from './platform';

export type WatchRecord = { id: string; rememberToken: boolean; token?: string };

const WATCHED_KEY = 'watched';
const TOKENS_KEY = 'tokens';

export type RestoredWatch = { id: string; token: string | null; rememberToken: boolean };

export async function loadWatchList(local: KeyValueStore, session: KeyValueStore): Promise<RestoredWatch[]> {
  const [watched, tokens] = await Promise.all([local.get(WATCHED_KEY), session.get(TOKENS_KEY)]);
  const sessionTokens = (isRecord(tokens) ? tokens : {}) as Record<string, unknown>;
  if (!Array.isArray(watched)) return [];
  return watched.flatMap((record: unknown) => {
    if (!isRecord(record) || typeof record.id !== 'string') return []; // a corrupt entry is skipped, not fatal
    const token = typeof record.token === 'string' ? record.token : sessionTokens[record.id];
    return [
      {
        id: record.id,
        token: typeof token === 'string' ? token : null,
        rememberToken: record.rememberToken === true,
      },
    ];
  });
}

export async function saveWatchList(
  local: KeyValueStore,
  session: KeyValueStore,
  watches: readonly RestoredWatch[],
): Promise<void> {
  const records: WatchRecord[] = watches.map(({ id, token, rememberToken }) =>
    rememberToken && token ? { id, rememberToken, token } : { id, rememberToken },
  );
  const tokens = Object.fromEntries(watches.filter((w) => w.token).map((w) => [w.id, w.token]));
  await Promise.all([local.set(WATCHED_KEY, records), session.set(TOKENS_KEY, tokens)]);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
