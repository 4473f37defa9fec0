import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { textDirection } from '../../src/text-direction.ts';
import { type MailBrand, mailHtml, PLAIN_BRAND } from './mail-html.ts';
import type { Translate } from './translate.ts';

/** The mails Portico sends, each a set of message ids in the locale files. */
export type MailTemplate =
  | 'code'
  | 'signinCode'
  | 'accountExists'
  | 'factorChanged'
  | 'recoveryCode'
  | 'recoveryHoldStarted'
  | 'recoveryHoldCancelled'
  | 'recoveryCompleted'
  | 'lockout'
  | 'newSignIn';

export interface Mailer {
  sendTemplate(
    to: string,
    locale: string,
    template: MailTemplate,
    values: Record<string, string | number>,
    /** The app the person was signing in to: its brand draws the mail. @default the default brand */
    about?: { clientId?: string },
  ): Promise<void>;
}

export interface MailerOptions {
  from: string;
  brandName: string;
  /** Outside production every mail is also written here as an `.eml` file. */
  outboxDir: string | undefined;
  /** `smtp://user:pass@host:port`; when set, mail is sent through it with nodemailer. */
  smtpUrl: string | undefined;
  translate: Translate;
  now: () => number;
  /** The brand of a relying party's mail, in a locale (logo, colours, copy); none draws it plainly. */
  brandFor?: (clientId: string | undefined, locale: string) => MailBrand;
}

/** Renders a template in a locale: plain text and a simple, escaped HTML part. */
function renderMail(
  opts: MailerOptions,
  locale: string,
  template: MailTemplate,
  values: Record<string, string | number>,
  clientId: string | undefined,
) {
  const brand = opts.brandFor?.(clientId, locale) ?? { name: opts.brandName, ...PLAIN_BRAND };
  // The theme's copy replaces the locale file's text, with the same {{values}}.
  const translate: Translate = (l, id, v = {}) => {
    const own = brand.copy?.[id];
    return own === undefined
      ? opts.translate(l, id, v)
      : own.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(v[k] ?? ''));
  };
  const base = { ...values, brand: brand.name };
  // A `change` value is a message id itself (`passkeyAdded`): the sentence it names, in the mail's language.
  const all =
    typeof values.change === 'string'
      ? { ...base, change: translate(locale, `mail.change.${values.change}`, base) }
      : base;
  const t = (id: string) => translate(locale, id, all);
  const subject = t(`mail.${template}.subject`);
  const body = t(`mail.${template}.body`);
  const footer = t('mail.footer');
  const code = typeof values.code === 'string' ? values.code : undefined;
  // A link (a recovery code's, a hold's cancel link) is also a button; its words are the template's `action`.
  const link = typeof values.link === 'string' ? values.link : undefined;
  const action = link ? t(`mail.${template}.action`) : '';
  const text = [body, footer].join('\n\n');
  const html = mailHtml(brand, {
    locale,
    dir: textDirection(locale),
    body,
    footer,
    ...(code ? { code } : {}),
    ...(link ? { link: { href: link, label: action } } : {}),
  });
  return { subject, text, html };
}

/** Sends mail through SMTP when configured, and keeps a copy in the outbox outside production. */
export function createMailer(opts: MailerOptions): Mailer {
  const smtp = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : undefined;
  const raw = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  if (opts.outboxDir) mkdirSync(opts.outboxDir, { recursive: true });
  return {
    async sendTemplate(to, locale, template, values, about) {
      const message = { from: opts.from, to, ...renderMail(opts, locale, template, values, about?.clientId) };
      if (opts.outboxDir) {
        const info = await raw.sendMail(message);
        const name = `${new Date(opts.now()).toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
        writeFileSync(join(opts.outboxDir, name), info.message as Buffer);
        // A readable sidecar for /dev/outbox (the .eml may encode headers).
        const summary = { to, subject: message.subject, text: message.text, at: opts.now() };
        writeFileSync(join(opts.outboxDir, `${name}.json`), JSON.stringify(summary));
      }
      if (smtp) await smtp.sendMail(message);
    },
  };
}
