import express, { type Request, type Response, Router } from 'express';
import type { BrowserIdentity } from '../http/browser-id.ts';
import { requestLocale } from '../http/locale-choice.ts';
import type { Translate } from '../mail/index.ts';
import { escapeHtml } from '../page/html.ts';
import type { ScreenPages } from '../page/index.ts';
import { plainPage, plainPageView } from '../page/plain-page.ts';
import type { StepServices } from '../steps/services.ts';
import { cancelHoldByToken } from './recovery-hold.ts';

export interface RecoveryRouterOptions {
  services: StepServices;
  pages: ScreenPages;
  translate: Translate;
  browser: BrowserIdentity;
}

/**
 * `/recover/cancel`: the link in the mail a hold sends the account's address. The link shows a
 * button; only the POST cancels, so a mail scanner that opens links cancels nothing.
 */
export function recoveryRouter(opts: RecoveryRouterOptions): Router {
  const router = Router();

  /** Draws a card in the brand and the person's language; `body` builds its HTML from an escaping `t`. */
  const render = (
    req: Request,
    res: Response,
    status: number,
    title: string,
    body: (t: (id: string) => string) => string,
  ) => {
    const view = plainPageView(res, opts.pages, requestLocale(req));
    const text = (id: string) => opts.translate(view.locale, id, { brand: view.brand.name });
    res
      .status(status)
      .type('html')
      .send(plainPage(view, { title: text(title), body: body((id) => escapeHtml(text(id))) }));
  };

  router.get('/recover/cancel', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';
    render(
      req,
      res,
      200,
      'recoveryCancel.title',
      (t) => `<p class="portico-subtitle">${t('recoveryCancel.text')}</p>
<form method="post" action="/recover/cancel" class="portico-form"><input type="hidden" name="token" value="${escapeHtml(token)}">
<button class="portico-button portico-button--primary" type="submit">${t('recoveryCancel.button')}</button></form>`,
    );
  });

  router.post(
    '/recover/cancel',
    express.urlencoded({ extended: false, limit: '1kb' }),
    async (req, res, next) => {
      try {
        const token = String((req.body as { token?: unknown }).token ?? '').slice(0, 100);
        const secret = opts.browser.read(req);
        const hold = await cancelHoldByToken(opts.services, token, {
          ip: req.ip ?? null,
          deviceId: secret ? opts.browser.deviceId(secret) : null,
        });
        // A link used twice, or for a hold that already ended, changes nothing and says so.
        const [status, title, text] = hold
          ? [200, 'recoveryCancel.doneTitle', 'recoveryCancel.done']
          : [410, 'recoveryCancel.goneTitle', 'recoveryCancel.gone'];
        render(
          req,
          res,
          status as number,
          title as string,
          (t) => `<p class="portico-subtitle">${t(text as string)}</p>`,
        );
      } catch (err) {
        next(err);
      }
    },
  );

  return router;
}
