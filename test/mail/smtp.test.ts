import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPortico, startPortico } from '../helpers/portico-server.ts';
import { BrowserSession, relyingParty } from '../helpers/relying-party.ts';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

describe('mail through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let portico: RunningPortico;

  beforeAll(async () => {
    smtp = await startSmtp();
    portico = await startPortico({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Acme <id@acme.test>' },
    });
  });
  afterAll(async () => {
    await portico?.stop();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('sends the sign-up code through SMTP_URL in the flow’s language', async () => {
    const rp = await relyingParty(portico.url);
    const browser = new BrowserSession(portico.url);
    const auth = await rp.begin(browser, { prompt: 'create', ui_locales: 'fr' });
    let screen = await browser.screen(auth.uid!);
    screen = await browser.next(screen, { email: 'smtp@example.com' });
    await browser.next(screen, { password: 'correct horse battery staple 42' });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['smtp@example.com']);
    expect(mail.raw).toMatch(/^From: Acme <id@acme\.test>/m);
    // The subject carries the code; the body is French because the app asked for ui_locales=fr.
    const subject = mail.raw.match(/^Subject: (.*)$/m)?.[1] ?? '';
    expect(subject).toMatch(/\d{6}/);
    expect(mail.raw).toContain('Saisissez ce code');
    expect(mail.raw).toContain('Content-Type: text/html');
  });
});
