/**
 * Two builds from one config (see the `build` script):
 * - client: `vite build` → dist/client, with .vite/manifest.json for server/page to find the
 *   hashed entry script and its CSS;
 * - server: `vite build --ssr src/entry-server.tsx --outDir dist/server` → dist/server/entry-server.js
 *   (ESM), which Node imports to render pages. Dependencies stay external and load from node_modules.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react()],
  // The page gets the part of i18next it uses (src/i18n-lite, checked against the real one by
  // test/preview/client-translations.test.ts), in the browser and in the server render alike: the
  // markup a page hydrates over is translated by the same code, and a render costs a fraction of the
  // CPU. Mail and the provider's pages (server/, not bundled) keep i18next itself.
  resolve: {
    alias: [
      {
        find: /^i18next$/,
        replacement: fileURLToPath(new URL('src/i18n-lite/i18next-lite.ts', import.meta.url)),
      },
      {
        find: /^react-i18next$/,
        replacement: fileURLToPath(new URL('src/i18n-lite/react-i18next-lite.tsx', import.meta.url)),
      },
    ],
  },
  // The server serves assets from dist/client at /assets/; nothing else is public.
  publicDir: false,
  build: isSsrBuild
    ? {
        target: 'node22',
        emptyOutDir: true,
        copyPublicDir: false,
      }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        manifest: true,
        target: 'es2022',
        // The login page, and the designer's preview (served by /preview in development only).
        rolldownOptions: { input: ['src/entry-client.tsx', 'src/preview/entry-preview.tsx'] },
      },
}));
