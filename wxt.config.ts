import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

export default defineConfig({
  // Our own folders, not WXT's auto-imports: every import is explicit, so lib/ stays testable without WXT.
  imports: false,
  alias: {
    '@edgevault/realtime': resolve(__dirname, 'lib/realtime'),
    react: 'preact/compat',
    'react-dom': 'preact/compat',
  },
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'EdgeVault Realtime DevTools',
    description:
      'Watch an EdgeVault workspace live: config, flag and secret changes, presence, connection health.',
    permissions: ['storage', 'alarms'],
    // Chrome 116+: a WebSocket frame resets the service worker's idle timer (our 20 s ping keeps it alive).
    ...(browser === 'chrome' ? { minimum_chrome_version: '116' } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'realtime-devtools@edgevault.io',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
