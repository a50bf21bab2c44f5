import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const apiTarget = process.env.GC_API_URL ?? 'http://localhost:3000';

/**
 * The console is a static build (admin-ui/dist) served at `/` next to the API, locally by the
 * Node server and on AWS by CloudFront. `vite` (dev) proxies the API to a running `npm start`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // The console imports types and pure helpers from ../policy-catalog.
    fs: { allow: ['..'] },
    proxy: Object.fromEntries(['/v1', '/auth', '/openapi.json', '/health'].map((prefix) => [prefix, apiTarget])),
  },
});
