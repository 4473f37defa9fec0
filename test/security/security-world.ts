/**
 * What the attack-protection tests share: a rules file with some numbers changed (limits are data),
 * a server behind a loopback proxy so each test browser can come from its own address, accounts
 * written straight to the store, and the steps of a sign-in.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Screen } from '../../server/flows/screen.ts';
import { listOutbox } from '../../server/mail/index.ts';
import { hashPassword } from '../../server/passwords/index.ts';
import type { RiskRules } from '../../server/risk/index.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import type { RunningPortico } from '../helpers/portico-server.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import type { PorticoContext } from '../helpers/use-portico.ts';

export const SHIPPED_RULES = join(import.meta.dirname, '..', '..', 'risk', 'rules.json');

/** The shipped rules with `change` applied, written to a temporary file; answers its path. */
export function rulesFile(change: (rules: RiskRules) => void = () => undefined): string {
  const rules = JSON.parse(readFileSync(SHIPPED_RULES, 'utf8')) as RiskRules;
  change(rules);
  const file = join(mkdtempSync(join(tmpdir(), 'portico-rules-')), 'rules.json');
  writeFileSync(file, JSON.stringify(rules));
  return file;
}

/** A server that believes `X-Forwarded-For` from loopback (so browsers can claim addresses), with these rules. */
export const behindProxy = (rules?: string) => ({
  env: { TRUSTED_PROXIES: '127.0.0.1, ::1', ...(rules ? { RISK_RULES_FILE: rules } : {}) },
});

/** A fresh browser claiming a client address. */
export function browserAt(portico: RunningPortico, ip: string): BrowserSession {
  const browser = new BrowserSession(portico.url);
  browser.forwardedFor = ip;
  return browser;
}

/** An account written straight to the store (no sign-up flow, no mail). */
export async function seedAccount(portico: RunningPortico, email: string, password = TEST_PASSWORD) {
  const account = await portico.portico.services.store.accounts.create({
    email,
    emailVerified: true,
    passwordHash: await hashPassword(password),
  });
  if (!account) throw new Error(`${email} exists already`);
  return account;
}

/** A sign-in started in `browser` up to the screen after the email. */
export async function typeEmail(
  ctx: PorticoContext,
  browser: BrowserSession,
  email: string,
  params: Record<string, string> = {},
) {
  const auth = await ctx.rp.begin(browser, params);
  if (!auth.uid) throw new Error(`no interaction: ${auth.landed.href}`);
  const first = await browser.screen(auth.uid);
  const screen = await browser.next(first, { email });
  return { auth, screen };
}

/** The mails sent to an address (newest first), by subject and text. */
export const mailsTo = (portico: RunningPortico, to: string) =>
  listOutbox(join(portico.dataDir, 'outbox')).filter((m) => m.to === to);

/** The message ids on a screen (form messages and field messages). */
export const messagesOf = (screen: Screen) => [
  ...screen.messages.map((m) => m.id),
  ...screen.nodes.flatMap((n) => n.messages.map((m) => m.id)),
];
