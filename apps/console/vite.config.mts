import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const api = process.env.LEDGERDESK_API_URL ?? 'http://localhost:3000';

/** The console builds to apps/console/dist, which the api serves at `/` (apps/api/src/serve-console.ts). */
export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic' } },
  // What the API and the console agree on (libs/contracts): plain TypeScript, bundled from source.
  resolve: {
    alias: {
      '@ledgerdesk/contracts': fileURLToPath(new URL('../../libs/contracts/src', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: {
    port: 5173,
    proxy: { '/api': api, '/socket.io': { target: api, ws: true } },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
