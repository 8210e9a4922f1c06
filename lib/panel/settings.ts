// Panel preferences that persist (filters, time format, selected workspace). localStorage works in extension
// pages and in a plain page; where it throws (storage disabled), preferences simply do not persist.
export interface Settings {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const localSettings: Settings = {
  get(key) {
    try {
      const raw = globalThis.localStorage?.getItem(`edgevault.${key}`);
      return raw == null ? undefined : JSON.parse(raw);
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    try {
      globalThis.localStorage?.setItem(`edgevault.${key}`, JSON.stringify(value));
    } catch {
      // not persisted
    }
  },
};

export function memorySettings(): Settings {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}
