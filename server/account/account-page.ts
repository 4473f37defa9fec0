/**
 * The account page: how this account signs in, and a way to change each part. Server-rendered with
 * the login page's stylesheet and brand; every change is a link that starts a task journey, so the
 * page itself needs no JavaScript and holds no form but "Sign out".
 */

import { holdsSecondFactor } from '../factors/index.ts';
import type { Translate } from '../mail/index.ts';
import { escapeHtml } from '../page/html.ts';
import { type PlainPageView, plainPage } from '../page/plain-page.ts';
import type { Credential } from '../store/index.ts';
import type { AccountTask } from './account-tasks.ts';

export interface AccountView extends PlainPageView {
  email: string;
  credentials: Credential[];
  /** Signs "Keep it" on a second factor flagged for review after a recovery (see `/account/review`). */
  reviewToken: string;
  /** A message id to announce (a change saved, a change cancelled). */
  notice?: { id: string; type: 'success' | 'info' | 'error' };
}

export function accountPage(view: AccountView, translate: Translate): string {
  const t = (id: string, values?: Record<string, string | number>) =>
    escapeHtml(translate(view.locale, id, { brand: view.brand.name, ...values }));
  const date = (ms: number) =>
    escapeHtml(new Intl.DateTimeFormat(view.locale, { dateStyle: 'medium' }).format(new Date(ms)));
  const task = (name: AccountTask, label: string, target?: string, variant = 'secondary') =>
    `<a class="portico-button portico-button--${variant} account-action" href="/account/task/${name}${target ? `?target=${encodeURIComponent(target)}` : ''}">${label}</a>`;
  // A second factor added just before the account was recovered may be an attacker's: the owner decides.
  const review = (c: Credential | undefined) =>
    c?.data.review
      ? `<div class="portico-message portico-message--error account-review" role="note"><p>${t('account.review.text', { date: date(c.createdAt) })}</p>
<form method="post" action="/account/review"><input type="hidden" name="id" value="${escapeHtml(c.id)}"><input type="hidden" name="token" value="${escapeHtml(view.reviewToken)}">
<button class="portico-button portico-button--secondary" type="submit">${t('account.review.keep')}</button></form></div>`
      : '';
  const of = (type: Credential['type']) => view.credentials.filter((c) => c.type === type);
  const passkeys = of('passkey');
  const [totp] = of('totp');
  const [emailOtp] = of('email-otp');
  const codes = of('recovery-code');
  const hasPassword = of('password').length > 0;
  const hasSecondFactor = holdsSecondFactor(view.credentials.map((c) => c.type));

  const passkeyRows = passkeys
    .map(
      (
        p,
      ) => `<li class="account-row"><div><p class="account-row__name">${escapeHtml(String(p.data.name ?? 'Passkey'))}</p>
<p class="account-row__meta">${t('account.added', { date: date(p.createdAt) })} · ${p.lastUsedAt ? t('account.lastUsed', { date: date(p.lastUsedAt) }) : t('account.neverUsed')}</p></div>
${task('remove-passkey', t('account.remove'), p.id, 'link')}${review(p)}</li>`,
    )
    .join('');
  const section = (heading: string, body: string) =>
    `<section class="account-section" aria-labelledby="h-${heading}"><h2 id="h-${heading}" class="account-heading">${t(`account.section.${heading}`)}</h2>${body}</section>`;
  const status = (on: boolean, since?: number) =>
    `<p class="account-status account-status--${on ? 'on' : 'off'}">${on ? t('account.on', { date: since ? date(since) : '' }) : t('account.off')}</p>`;

  const sections = [
    section(
      'passkeys',
      `<p class="account-help">${t('account.help.passkeys')}</p>${passkeys.length ? `<ul class="account-list">${passkeyRows}</ul>` : ''}${task('add-passkey', t('account.addPasskey'))}`,
    ),
    section(
      'totp',
      `${status(Boolean(totp), totp?.createdAt)}${review(totp)}${totp ? task('remove-totp', t('account.remove')) : task('setup-totp', t('account.setUp'))}`,
    ),
    section(
      'emailCodes',
      `<p class="account-help">${t('account.help.emailCodes')}</p>${status(Boolean(emailOtp), emailOtp?.createdAt)}${review(emailOtp)}${emailOtp ? task('email-codes-off', t('account.turnOff')) : task('email-codes-on', t('account.turnOn'))}`,
    ),
    section(
      'recoveryCodes',
      `<p class="account-help">${codes.length ? t('account.codesLeft', { count: codes.length }) : t('account.noCodes')}</p>${codes.length || hasSecondFactor ? task('new-recovery-codes', t('account.newCodes')) : ''}`,
    ),
    section(
      'password',
      task('change-password', t(hasPassword ? 'account.changePassword' : 'account.setPassword')),
    ),
  ];
  const notice = view.notice
    ? `<div class="portico-message portico-message--${view.notice.type}" role="${view.notice.type === 'error' ? 'alert' : 'status'}">${t(view.notice.id)}</div>`
    : '';
  const signOut = `<form method="post" action="/account/logout" class="account-signout"><button class="portico-button portico-button--secondary" type="submit">${t('account.signOut')}</button></form>`;
  return plainPage(view, {
    title: translate(view.locale, 'account.title', { brand: view.brand.name }),
    subtitle: view.email,
    body: `${notice}${sections.join('')}${signOut}`,
    css: ACCOUNT_CSS,
    cardClass: 'account-card',
  });
}

/** The few layout rules the account page adds to the login page's stylesheet (tokens only, no colours). */
const ACCOUNT_CSS = `
.account-card{max-width:34rem}
.account-section{border-top:1px solid var(--portico-color-border);padding:1.1rem 0;display:grid;gap:.6rem}
.account-heading{font-size:1rem;margin:0}
.account-help,.account-row__meta,.account-status{margin:0;color:var(--portico-color-text-muted);font-size:.9rem;line-height:1.45}
.account-status--on{color:var(--portico-color-success)}
.account-list{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.account-row{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding:.6rem .75rem;border:1px solid var(--portico-color-border);border-radius:var(--portico-radius)}
.account-row__name{margin:0;font-weight:600}
.account-action{justify-self:start;text-decoration:none;min-height:2.5rem;width:auto;padding-inline:1rem}
.account-signout{margin-top:1rem}
.account-row{flex-wrap:wrap}
.account-review{display:grid;gap:.5rem;flex-basis:100%}
.account-review p{margin:0}
`;
