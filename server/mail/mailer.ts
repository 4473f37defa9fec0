import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { escapeHtml } from '../page/html.ts';
import type { Translate } from './translate.ts';

/** The mails Portico sends, each a set of message ids in the locale files. */
export type MailTemplate = 'code' | 'signinCode' | 'accountExists' | 'factorChanged';

export interface Mailer {
  sendTemplate(
    to: string,
    locale: string,
    template: MailTemplate,
    values: Record<string, string | number>,
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
}

/** Renders a template in a locale: plain text and a simple, escaped HTML part. */
function renderMail(
  opts: MailerOptions,
  locale: string,
  template: MailTemplate,
  values: Record<string, string | number>,
) {
  const base = { ...values, brand: opts.brandName };
  // A `change` value is a message id itself (`passkeyAdded`): the sentence it names, in the mail's language.
  const all =
    typeof values.change === 'string'
      ? { ...base, change: opts.translate(locale, `mail.change.${values.change}`, base) }
      : base;
  const t = (id: string) => opts.translate(locale, id, all);
  const subject = t(`mail.${template}.subject`);
  const body = t(`mail.${template}.body`);
  const footer = t('mail.footer');
  const code = typeof values.code === 'string' ? values.code : undefined;
  const text = [body, footer].join('\n\n');
  const html = `<!doctype html><html lang="${escapeHtml(locale)}"><body style="font-family:system-ui,sans-serif;color:#1f2937">
<h1 style="font-size:20px">${escapeHtml(opts.brandName)}</h1>
${code ? `<p style="font-size:32px;letter-spacing:6px;font-weight:700">${escapeHtml(code)}</p>` : ''}
<p>${escapeHtml(body)}</p><p style="color:#6b7280;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}

/** Sends mail through SMTP when configured, and keeps a copy in the outbox outside production. */
export function createMailer(opts: MailerOptions): Mailer {
  const smtp = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : undefined;
  const raw = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  if (opts.outboxDir) mkdirSync(opts.outboxDir, { recursive: true });
  return {
    async sendTemplate(to, locale, template, values) {
      const message = { from: opts.from, to, ...renderMail(opts, locale, template, values) };
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
