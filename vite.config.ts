import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${root}web`,
  publicDir: false,
  plugins: [svelte()],
  // `$shared/…` instead of climbing out of web/src with ../../../../shared/… (tsconfig.json says the same).
  resolve: { alias: { $shared: `${root}shared` } },
  build: {
    outDir: `${root}dist/web`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // The app; audit night's phone page (small, a page of its own) and its moderation console.
    rollupOptions: { input: { main: `${root}web/index.html`, night: `${root}web/night.html`, console: `${root}web/console.html` } },
  },
  server: {
    proxy: { '/trpc': 'http://127.0.0.1:8787', '/tiles': 'http://127.0.0.1:8787', '/api': 'http://127.0.0.1:8787', '/basemap': 'http://127.0.0.1:8787' },
  },
  test: {
    root,
    projects: [
      {
        extends: true,
        test: { name: 'unit', root, include: ['test/shared/**/*.test.ts', 'test/web/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'api',
          root,
          include: ['test/server/**/*.test.ts', 'test/api/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root,
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
