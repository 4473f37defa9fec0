import { escapeHtml } from '../page/html.ts';
export interface DemoView {
  nonce: string;
  signedIn?: {
    idToken: string;
    claims: Record<string, unknown>;
    hasRefreshToken: boolean;
    refreshedAt?: string;
  };
  error?: string;
}

/** The demo relying party's single page: sign-in buttons, or the ID token and its verified claims. */
export function demoPage(view: DemoView): string {
  const body = view.signedIn
    ? `<h1>Signed in</h1>
<p class="lead">The ID token below was verified by <code>openid-client</code> (signature, issuer, audience, nonce).</p>
<h2>Claims</h2><pre aria-label="ID token claims" id="claims">${escapeHtml(JSON.stringify(view.signedIn.claims, null, 2))}</pre>
<h2>Raw ID token</h2><pre aria-label="Raw ID token" class="raw">${escapeHtml(view.signedIn.idToken)}</pre>
${view.signedIn.refreshedAt ? `<p role="status">Tokens refreshed at ${escapeHtml(view.signedIn.refreshedAt)}.</p>` : ''}
<div class="row">${view.signedIn.hasRefreshToken ? '<form method="post" action="/demo/refresh"><button class="secondary">Refresh tokens</button></form>' : ''}
<a class="button secondary" href="/demo/login?mfa=1">Require MFA</a>
<form method="post" action="/demo/logout"><button>Sign out</button></form></div>
<p class="lead">"Require MFA" signs in again asking for <code>acr_values=urn:portico:acr:mfa</code>: a password-only session steps up.</p>`
    : `<h1>Portico demo app</h1>
<p class="lead">A small relying party that signs in through Portico with the authorization code flow and PKCE.</p>
<div class="row"><a class="button" href="/demo/login">Sign in</a><a class="button secondary" href="/demo/login?prompt=create">Create account</a></div>`;
  const account = `<p class="lead">Manage passkeys, the authenticator app and recovery codes on <a href="/account">your account page</a>.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portico demo app</title><link rel="icon" href="data:,"><style nonce="${escapeHtml(view.nonce)}">
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f7f9;color:#1d2330}
@media (prefers-color-scheme:dark){:root{background:#0f1115;color:#e6e8ee}main{background:#181b22!important;border-color:#2a2f3a!important}pre{background:#0f1115!important}}
body{margin:0;padding:48px 16px}main{max-width:720px;margin:0 auto;background:#fff;border:1px solid #e4e7ec;border-radius:16px;padding:36px}
h1{margin:0 0 8px;font-size:1.6rem}h2{font-size:1rem;margin:24px 0 8px}.lead{opacity:.75;margin:0 0 24px}
pre{background:#f2f4f7;border-radius:10px;padding:14px;overflow:auto;font-size:13px}.raw{white-space:pre-wrap;word-break:break-all}
.row{display:flex;gap:12px;flex-wrap:wrap;margin-top:16px}form{margin:0}
.button,button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:0 20px;border-radius:10px;border:0;background:#4f46e5;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.secondary{background:transparent;color:inherit;border:1px solid #c9ced8}.error{color:#b42318}
</style></head><body><main>${view.error ? `<p role="alert" class="error">${escapeHtml(view.error)}</p>` : ''}${body}${account}</main></body></html>`;
}
