import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

const alias = {
  '@edgevault/realtime': resolve(import.meta.dirname, 'lib/realtime'),
  react: 'preact/compat',
  'react-dom': 'preact/compat',
};

// Three suites: unit (fast, mocks allowed), integration (real workerd and ws), e2e (real Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [preact()],
        resolve: { alias },
        test: {
          name: 'unit',
          include: [
            'lib/**/*.test.{ts,tsx}',
            'components/**/*.test.tsx',
            'server/src/**/*.test.ts',
            'test/unit/**/*.test.{ts,tsx}',
          ],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'stress',
          include: ['test/stress/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          execArgv: ['--expose-gc'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
