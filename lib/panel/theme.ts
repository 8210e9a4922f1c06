// Light or dark, following DevTools' own theme, falling back to the system's.
import { signal } from '@preact/signals';

export type Theme = 'light' | 'dark';

/** `devtools.panels.themeName` is "dark" or "default" in Chrome, "dark" or "light" in Firefox. */
export function resolveTheme(themeName: string | undefined, prefersDark: boolean): Theme {
  if (themeName === 'dark') return 'dark';
  if (themeName === 'default' || themeName === 'light') return 'light';
  return prefersDark ? 'dark' : 'light';
}

export function createThemeModel(
  themeName?: string,
  media?: Pick<MediaQueryList, 'matches' | 'addEventListener'>,
) {
  const theme = signal<Theme>(resolveTheme(themeName, media?.matches ?? false));
  // Without a DevTools theme (a pop-out tab), follow the system as it changes.
  if (themeName === undefined)
    media?.addEventListener('change', (change) => (theme.value = resolveTheme(undefined, change.matches)));
  return theme;
}
