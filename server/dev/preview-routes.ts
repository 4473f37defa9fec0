/**
 * `/preview` (development only; production never mounts it, so it answers 404 there): every screen of
 * every shipped journey for a chosen brand and language, with the flow API mocked in the browser by
 * msw, so a designer needs no backend flow and no account. `/preview/events` streams theme and
 * locale-file changes to the open page.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { LiveJourneys } from '../journeys/live-journeys.ts';
import { PREVIEW_ENTRY, readClientAssets } from '../page/index.ts';
import type { StepServices } from '../steps/index.ts';
import type { LiveThemes } from '../themes/index.ts';
import { previewServices } from './preview-context.ts';
import { previewScreens } from './preview-fixtures.ts';
import { PreviewLive, previewTheme, readMessages, type Scheme } from './preview-live.ts';
import { previewDocument } from './preview-page.ts';

export interface PreviewOptions {
  journeys: LiveJourneys;
  themes: LiveThemes;
  services: StepServices;
  distDir: string;
  localesDir: string;
  logger: Logger;
}

const SCHEMES = new Set(['system', 'light', 'dark']);
const schemeOf = (value: unknown): Scheme =>
  SCHEMES.has(String(value)) ? (String(value) as Scheme) : 'system';

/** The preview's routes, and `close()` to end its event streams. */
export function previewRouter(opts: PreviewOptions): { router: Router; close: () => void } {
  const router = Router();
  const live = new PreviewLive({ themes: opts.themes, localesDir: opts.localesDir, logger: opts.logger });
  const services = previewServices(opts.services);
  const locales = () =>
    readdirSync(opts.localesDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
  const pick = (value: unknown, allowed: string[], fallback: string) =>
    typeof value === 'string' && allowed.includes(value) ? value : fallback;

  router.get('/preview', async (req, res, next) => {
    try {
      const brands = [...opts.themes.current().values()].map((t) => ({ id: t.id, name: t.name }));
      const brand = pick(
        req.query.brand,
        brands.map((b) => b.id),
        'default',
      );
      const locale = pick(req.query.locale, locales(), 'en');
      const scheme = schemeOf(req.query.scheme);
      const journeys = opts.journeys.registry
        .ids()
        .sort()
        .map((id) => opts.journeys.registry.latest(id))
        .filter((j) => j !== undefined);
      const { screens, skipped } = await previewScreens(journeys, services, locale);
      const ids = screens.map((s) => s.id);
      const current =
        typeof req.query.screen === 'string' && ids.includes(req.query.screen) ? req.query.screen : null;
      const assets = readClientAssets(opts.distDir, PREVIEW_ENTRY);
      // The mock service worker registers from this page: allow it (same origin only).
      const csp = String(res.getHeader('Content-Security-Policy') ?? '');
      res.setHeader('Content-Security-Policy', `${csp}; worker-src 'self'`);
      res.setHeader('Cache-Control', 'no-store');
      const nonce = typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : '';
      res.type('html').send(
        previewDocument(
          {
            brand: previewTheme(opts.themes, brand, locale, scheme),
            brands,
            locale,
            locales: locales(),
            scheme,
            screens,
            ids,
            current,
            messages: readMessages(opts.localesDir, locale) ?? {},
            fallbackMessages: readMessages(opts.localesDir, 'en') ?? {},
            skipped,
          },
          assets,
          nonce,
        ),
      );
    } catch (err) {
      next(err);
    }
  });

  router.get('/preview/events', (req, res) => {
    const brand = pick(req.query.brand, [...opts.themes.current().keys()], 'default');
    live.subscribe(res, brand, pick(req.query.locale, locales(), 'en'), schemeOf(req.query.scheme));
  });

  // msw's service worker, served at the root so its scope covers /preview/flow/*.
  const workerFile = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  router.get('/mockServiceWorker.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/javascript').sendFile(workerFile);
  });

  return { router, close: () => live.close() };
}
