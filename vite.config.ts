import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

// The client lives in client/ and is built to dist/client, which the server serves.
// `npm run dev` runs Vite's dev server with /api proxied to the API (`npm start`, port 3000,
// or API_URL). The `test` block is vitest's: it runs from the repository root.
// The API refuses writes whose Origin is not its own (CSRF protection): the development proxy
// presents the API's origin, as the browser would when the client is served by the API itself.
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';
const apiProxy = {
  target: apiTarget,
  changeOrigin: true,
  configure: (proxy: { on(event: 'proxyReq', listener: (req: { getHeader(name: string): unknown; setHeader(name: string, value: string): void }) => void): void }) => {
    proxy.on('proxyReq', (req) => {
      if (req.getHeader('origin')) req.setHeader('origin', new URL(apiTarget).origin);
    });
  },
};

export default defineConfig({
  root: 'client',
  base: './',
  publicDir: false,
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // The DSFR stylesheets carry old IE media hacks (`min-width:0\0`) that lightningcss, Vite's
    // default CSS minifier, rejects; esbuild minifies them as they are.
    cssMinify: 'esbuild',
    // DSFR icons are CSS masks: emit them as files (fetched only when an icon is shown)
    // rather than inlining hundreds of SVGs into the stylesheet.
    assetsInlineLimit: (file: string) => (file.endsWith('.svg') ? false : undefined),
  },
  worker: { format: 'es' },

  server: {
    host: '127.0.0.1',
    proxy: { '/api': apiProxy },
  },
  preview: {
    proxy: { '/api': apiProxy },
  },
  test: {
    root: repoRoot,
    // Test files are found under `dir` (tests/run.ts runs the server suite again with --dir tests/server).
    dir: 'tests',
    include: ['**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
