import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The CSP nonce Express put on this response (oidc-provider shares the Node response object). */
const nonceOf = (ctx: KoaContextWithOIDC) =>
  String((ctx.res as unknown as { locals?: { cspNonce?: string } }).locals?.cspNonce ?? '');

/** A small, self-contained page for the few screens oidc-provider draws itself. */
function systemPage(ctx: KoaContextWithOIDC, title: string, body: string): string {
  const nonce = escapeHtml(nonceOf(ctx));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1f2430}
@media (prefers-color-scheme:dark){:root{background:#111318;color:#e8e9ed}.card{background:#1b1e25!important;border-color:#2c313b!important}}
body{margin:0;min-height:100vh;display:grid;place-items:center}
.card{background:#fff;border:1px solid #e3e5ea;border-radius:14px;padding:32px;max-width:380px;width:calc(100% - 48px);box-shadow:0 8px 30px rgb(0 0 0 / 6%)}
h1{font-size:1.35rem;margin:0 0 12px}p{line-height:1.5;margin:0 0 20px;color:inherit;opacity:.8}
button{width:100%;min-height:44px;border:0;border-radius:10px;background:#4f46e5;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}code{font-size:.85em}
</style></head><body><main class="card">${body}</main></body></html>`;
}

/** oidc-provider's error page, logout confirmation and "signed out" page, with Portico's look. */
export const providerPages = {
  error(ctx: KoaContextWithOIDC, out: ErrorOut) {
    ctx.type = 'html';
    ctx.body = systemPage(
      ctx,
      'Sign-in error',
      `<h1>Something went wrong</h1><p>${escapeHtml(out.error_description ?? 'The request could not be completed.')}</p><p><code>${escapeHtml(out.error)}</code></p>`,
    );
  },
  logout(ctx: KoaContextWithOIDC, form: string) {
    ctx.type = 'html';
    ctx.body = systemPage(
      ctx,
      'Sign out',
      `${form}<h1>Sign out?</h1><p>You will be signed out of ${escapeHtml(ctx.oidc.client?.clientName ?? 'this app')} and of your account here.</p>
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>`,
    );
  },
  loggedOut(ctx: KoaContextWithOIDC) {
    ctx.type = 'html';
    ctx.body = systemPage(ctx, 'Signed out', '<h1>You are signed out</h1><p>You can close this window.</p>');
  },
};
