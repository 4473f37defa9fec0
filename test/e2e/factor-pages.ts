/**
 * What the end-to-end tests of passkeys and second factors share: a virtual platform authenticator
 * (Chrome DevTools Protocol, WebAuthn domain) and its passkeys, a record of the page's WebAuthn
 * requests, screenshots, and the steps a person takes on the passkey, TOTP and account pages.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { totpCodeAt } from '../../server/factors/index.ts';
import { addVirtualAuthenticator } from '../helpers/chromium.ts';
import { mailsTo } from '../helpers/flows.ts';
import type { RunningPortico } from '../helpers/portico-server.ts';
import { enterEmail, enterPassword, onScreen, PASSWORD, SCREENSHOTS, startFromDemo } from './demo-app.ts';

export const ACR = {
  oneFactor: 'urn:portico:acr:1fa',
  mfa: 'urn:portico:acr:mfa',
  phr: 'urn:portico:acr:phr',
} as const;

/** A passkey as the DevTools WebAuthn domain reads and writes it (base64 binaries). */
export interface Passkey {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/** A page in a fresh context with a virtual platform authenticator (Touch ID, Windows Hello). */
export interface AuthenticatorPage {
  page: Page;
  context: BrowserContext;
  cdp: CDPSession;
  authenticatorId: string;
  /** The passkeys the authenticator holds (private keys included, so another context can hold them too). */
  passkeys(): Promise<Passkey[]>;
  /** Stores passkeys made elsewhere in this authenticator. */
  add(passkeys: Passkey[]): Promise<void>;
  /** Every WebAuthn request the page made, in order, across navigations ("conditional", "modal resolved", ...). */
  webauthn: string[];
}

/**
 * Opens a page in a new context with a virtual authenticator that verifies the person at once.
 * The browser's own WebAuthn dialogs stay off (`enableUI: false`): the authenticator answers by itself.
 */
export async function withAuthenticator(
  browser: Browser,
  passkeys: Passkey[] = [],
): Promise<AuthenticatorPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const webauthn = await recordWebAuthn(page);
  const cdp = await context.newCDPSession(page);
  const authenticatorId = await addVirtualAuthenticator(cdp);
  const add = async (list: Passkey[]) => {
    for (const credential of list) await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
  };
  await add(passkeys);
  const stored = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  return { page, context, cdp, authenticatorId, passkeys: stored, add, webauthn };
}

/** Records each `navigator.credentials.get/create` call, its mediation and how it settled. */
async function recordWebAuthn(page: Page): Promise<string[]> {
  const log: string[] = [];
  await page.exposeBinding('__porticoWebAuthn', (_source, entry: string) => {
    log.push(entry);
  });
  await page.addInitScript(() => {
    const report = (entry: string) =>
      (window as unknown as { __porticoWebAuthn: (e: string) => void }).__porticoWebAuthn(entry);
    const credentials = navigator.credentials;
    const wrap = <T extends CredentialRequestOptions | CredentialCreationOptions>(
      call: (options?: T) => Promise<Credential | null>,
      name: (options?: T) => string,
    ) =>
      ((options?: T) => {
        const kind = name(options);
        report(kind);
        options?.signal?.addEventListener('abort', () => report(`${kind} aborted`));
        const answer = call(options);
        answer.then(
          () => report(`${kind} resolved`),
          (e: Error) => report(`${kind} rejected ${e.name}`),
        );
        return answer;
      }) as typeof call;
    credentials.get = wrap<CredentialRequestOptions>(credentials.get.bind(credentials), (o) =>
      o?.mediation === 'conditional' ? 'conditional' : 'modal',
    );
    credentials.create = wrap<CredentialCreationOptions>(
      credentials.create.bind(credentials),
      () => 'create',
    );
  });
  return log;
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The newest 6-digit code mailed to an address (skipping notices without one). */
export function newestCode(portico: RunningPortico, email: string): string {
  for (const mail of mailsTo(portico.dataDir, email)) {
    const code = mail.subject.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
  }
  throw new Error(`no code mailed to ${email}`);
}

/** Types the newest mailed code on the "Check your email" screen and verifies it. */
export async function enterMailedCode(page: Page, portico: RunningPortico, email: string): Promise<void> {
  await onScreen(page, 'Check your email');
  await page.getByLabel('6-digit code', { exact: true }).fill(newestCode(portico, email));
  await page.getByRole('button', { name: 'Verify' }).click();
}

/** The code an authenticator app with this secret shows now, by the server's clock. */
export const totpCode = (portico: RunningPortico, secret: string) => totpCodeAt(secret, portico.clock.now());

/**
 * Moves the server's clock to the next 30-second TOTP step, so the app shows a code never used yet
 * (a code is accepted once only).
 */
export const nextTotpStep = (portico: RunningPortico) => portico.clock.advance(30_000);

/** Opens the demo app and signs in with email and password, stopping at whatever comes next. */
export async function passwordFromDemo(page: Page, url: string, email: string): Promise<void> {
  await startFromDemo(page, url, 'Sign in');
  await enterEmail(page, email);
  await enterPassword(page, PASSWORD);
}

/** Signs in to `/account` with email and password (a fresh sign-in, so no step-up is asked later). */
export async function openAccountPage(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/account`);
  await onScreen(page, 'Sign in');
  await enterEmail(page, email);
  await enterPassword(page, PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
}

/** The setup key shown on the TOTP setup screen, without the spaces that group it. */
export async function setupKey(page: Page): Promise<string> {
  const field = page.getByLabel('Setup key');
  return (await field.inputValue()).replace(/\s/g, '');
}
