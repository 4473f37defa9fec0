import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import { textDirection } from '../../src/text-direction.ts';
import { requestLocale } from '../http/locale-choice.ts';
import type { Translate } from '../mail/index.ts';
import { escapeHtml } from '../page/html.ts';

/** The CSP nonce Express put on this response (oidc-provider shares the Node response object). */
const nonceOf = (ctx: KoaContextWithOIDC) =>
  String((ctx.res as unknown as { locals?: { cspNonce?: string } }).locals?.cspNonce ?? '');

/** A small, self-contained page for the few screens oidc-provider draws itself. */
function systemPage(ctx: KoaContextWithOIDC, locale: string, title: string, body: string): string {
  const nonce = escapeHtml(nonceOf(ctx));
  return `<!doctype html><html lang="${escapeHtml(locale)}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1f2430}
@media (prefers-color-scheme:dark){:root{background:#111318;color:#e8e9ed}.card{background:#1b1e25!important;border-color:#2c313b!important}}
body{margin:0;min-height:100vh;display:grid;place-items:center}
.card{background:#fff;border:1px solid #e3e5ea;border-radius:14px;padding:32px;max-width:380px;width:calc(100% - 48px);box-shadow:0 8px 30px rgb(0 0 0 / 6%)}
h1{font-size:1.35rem;margin:0 0 12px}p{line-height:1.5;margin:0 0 20px;color:inherit;opacity:.8}
button{width:100%;min-height:44px;border:0;border-radius:10px;background:#4f46e5;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}code{font-size:.85em;overflow-wrap:anywhere}
</style></head><body><main class="card">${body}</main></body></html>`;
}

/** oidc-provider's error page, logout confirmation and "signed out" page, with Portico's look and language. */
export function createProviderPages(translate: Translate) {
  const localeOf = (ctx: KoaContextWithOIDC) =>
    requestLocale(
      { headers: { cookie: ctx.get('cookie'), 'accept-language': ctx.get('accept-language') } },
      { uiLocales: ctx.oidc?.params?.ui_locales as string | undefined },
    );
  const page = (ctx: KoaContextWithOIDC, title: string, body: string) => {
    ctx.type = 'html';
    ctx.body = systemPage(ctx, localeOf(ctx), title, body);
  };
  return {
    error(ctx: KoaContextWithOIDC, out: ErrorOut) {
      const t = (id: string) => escapeHtml(translate(localeOf(ctx), id));
      // The detail is oidc-provider's own (English, technical): it is for the app's developers.
      const detail = `${out.error}${out.error_description ? `: ${out.error_description}` : ''}`;
      page(
        ctx,
        translate(localeOf(ctx), 'title.error'),
        `<h1>${t('title.error')}</h1><p>${t('system.providerError.body')}</p><p><code>${escapeHtml(detail)}</code></p>`,
      );
    },
    logout(ctx: KoaContextWithOIDC, form: string) {
      const locale = localeOf(ctx);
      const client = ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId ?? '';
      const t = (id: string) => escapeHtml(translate(locale, id, { client }));
      page(
        ctx,
        translate(locale, 'system.logout.title'),
        `${form}<h1>${t('system.logout.title')}</h1><p>${t('system.logout.body')}</p>
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${t('system.logout.button')}</button>`,
      );
    },
    loggedOut(ctx: KoaContextWithOIDC) {
      const t = (id: string) => escapeHtml(translate(localeOf(ctx), id));
      page(
        ctx,
        translate(localeOf(ctx), 'system.loggedOut.title'),
        `<h1>${t('system.loggedOut.title')}</h1><p>${t('system.loggedOut.body')}</p>`,
      );
    },
  };
}
