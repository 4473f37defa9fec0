/** How a person goes through account recovery in the tests: the ways in, the mail, the screens. */
import { join } from 'node:path';
import type { Screen } from '../../server/flows/screen.ts';
import { listOutbox } from '../../server/mail/index.ts';
import type { RelyingParty } from '../helpers/accounts.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import type { RunningPortico } from '../helpers/portico-server.ts';
import { BrowserSession } from '../helpers/relying-party.ts';

/** Each test browser comes from its own address (the server trusts loopback as its proxy): limits per IP stay out of the way. */
let lastHost = 0;
export function newBrowser(portico: RunningPortico): BrowserSession {
  lastHost += 1;
  const browser = new BrowserSession(portico.url);
  browser.forwardedFor = `198.51.${Math.floor(lastHost / 250)}.${(lastHost % 250) + 1}`;
  return browser;
}

/** Server options for the recovery tests: behind a loopback proxy, so each browser has its own IP. */
export const BEHIND_PROXY = { env: { TRUSTED_PROXIES: '127.0.0.1, ::1' } };

/** A new password that the sign-up rules accept. */
export const NEW_PASSWORD = 'a brand new passphrase for 2027';

/** The recovery mails an address received, newest first. */
export const recoveryMails = (portico: RunningPortico, to: string) =>
  listOutbox(join(portico.dataDir, 'outbox')).filter(
    (m) => m.to === to && m.subject.includes('account recovery code'),
  );

/**
 * The newest recovery mail to an address once there are `count` of them: the code and its link. The
 * recovery mail leaves after the answer (so timing says nothing about the address), so it is polled.
 */
export async function recoveryMail(portico: RunningPortico, to: string, count = 1) {
  for (let waited = 0; waited < 5000; waited += 20) {
    const mails = recoveryMails(portico, to);
    if (mails.length >= count) {
      const mail = mails[0]!;
      const code = mail.subject.match(/\b(\d{6})\b/)?.[1];
      const link = mail.text.match(/https?:\/\/\S+\?code=\d{6}/)?.[0];
      if (!code || !link) throw new Error(`the recovery mail has no code or link: ${mail.text}`);
      return { code, link, text: mail.text };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no recovery mail number ${count} to ${to}`);
}

/** The newest mail of a kind (by subject words) to an address. */
export const newestMail = (portico: RunningPortico, to: string, words: string) =>
  listOutbox(join(portico.dataDir, 'outbox')).find((m) => m.to === to && m.subject.includes(words));

/** Starts the recovery journey as an app's "Forgot password?" link does (`portico_start=recovery`). */
export async function startRecovery(rp: RelyingParty, browser: BrowserSession) {
  const auth = await rp.begin(browser, { portico_start: 'recovery', prompt: 'login' });
  if (!auth.uid) throw new Error(`no interaction: ${auth.landed.href}`);
  return { auth, screen: await browser.screen(auth.uid) };
}

/** "Forgot password?" on the password screen of a sign-in, after typing the email. */
export async function forgotPassword(rp: RelyingParty, browser: BrowserSession, email: string) {
  const auth = await rp.begin(browser);
  if (!auth.uid) throw new Error(`no interaction: ${auth.landed.href}`);
  const password = await browser.next(await browser.screen(auth.uid), { email });
  return { auth, password, screen: await browser.next(password, {}, 'recovery.start') };
}

/** From the address to the screen after the mailbox is proven, in a fresh recovery. */
export async function proveMailbox(
  portico: RunningPortico,
  rp: RelyingParty,
  email: string,
  browser?: BrowserSession,
) {
  const session = browser ?? newBrowser(portico);
  const before = recoveryMails(portico, email).length;
  const { auth, screen } = await startRecovery(rp, session);
  const codeScreen = await session.next(screen, { email });
  const { code } = await recoveryMail(portico, email, before + 1);
  return { auth, browser: session, screen: await session.next(codeScreen, { code }) };
}

/** Chooses the new password and follows the flow back to the app, like the app would. */
export async function finishWithPassword(
  rp: RelyingParty,
  browser: BrowserSession,
  screen: Screen,
  auth: Awaited<ReturnType<RelyingParty['begin']>>,
  password = NEW_PASSWORD,
) {
  return rp.complete(browser, await browser.finish(screen, { password }), auth);
}

export { TEST_PASSWORD };
