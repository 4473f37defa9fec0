/**
 * Serves the files of the themes in use under `/themes/<id>/`: fonts, logos, favicons, background
 * images. Only those kinds of file, never `theme.json`, dotfiles or anything outside a theme folder.
 * A URL carrying the file's content hash (`?v=`, see `themeAssetUrl`) may be kept for a year.
 */
import { extname } from 'node:path';
import express, { type RequestHandler, Router } from 'express';
import type { LoadedTheme } from './load-themes.ts';

const SERVED = new Set(['.woff2', '.svg', '.png', '.webp', '.jpg', '.jpeg', '.gif', '.avif', '.ico']);

/** The router; `themes()` answers the themes serving now (they reload in development). */
export function themeAssetsRouter(themes: () => Map<string, LoadedTheme>): Router {
  const router = Router();
  const statics = new Map<string, RequestHandler>();
  const staticFor = (dir: string) => {
    let handler = statics.get(dir);
    if (!handler) {
      handler = express.static(dir, {
        index: false,
        dotfiles: 'deny',
        fallthrough: false,
        setHeaders(res) {
          const versioned = typeof res.req.query.v === 'string';
          res.setHeader(
            'Cache-Control',
            versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
          );
          // An SVG opened on its own must not run script: it is an image, nothing more.
          res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
        },
      });
      statics.set(dir, handler);
    }
    return handler;
  };
  router.use('/themes/:id', (req, res, next) => {
    const theme = themes().get(req.params.id ?? '');
    if (!theme || !SERVED.has(extname(req.path).toLowerCase())) {
      res.status(404).type('text').send('Not found');
      return;
    }
    staticFor(theme.dir)(req, res, (err?: unknown) => {
      if (err) res.status(404).type('text').send('Not found');
      else next();
    });
  });
  return router;
}
