import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));
const lib = (name: string) => resolve(root, `libs/${name}/src/index.ts`);

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@bem/domain': lib('domain'),
      '@bem/event-store': lib('event-store'),
      '@bem/monitoring': lib('monitoring'),
      '@bem/read-models': lib('read-models'),
      '@bem/regions': lib('regions'),
      '@bem/commands': lib('commands'),
      '@bem/ledger-io': lib('ledger-io'),
      '@bem/auth': lib('auth'),
      '@bem/evaluation': lib('evaluation'),
      '@bem/threads': lib('threads'),
      '@bem/web-bundle': lib('web-bundle'),
      '@bem/jobs': lib('jobs'),
      '@bem/contracts': lib('contracts'),
    },
  },
  test: {
    include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
