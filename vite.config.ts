/**
 * Two builds from one config (see the `build` script):
 * - client: `vite build` → dist/client, with .vite/manifest.json for server/page to find the
 *   hashed entry script and its CSS;
 * - server: `vite build --ssr src/entry-server.tsx --outDir dist/server` → dist/server/entry-server.js
 *   (ESM), which Node imports to render pages. Dependencies stay external and load from node_modules.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react()],
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
