/**
 * Passkeys in a real Chromium, through the demo app: a passkey-only sign-up, then signing in with that
 * passkey from the button and from the email field's autofill (conditional UI), in fresh browsers
 * whose virtual authenticator holds a copy of it. The tests run in order: the first makes the passkey.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { launchChromium, warnIfChromiumMissing, watchProblems } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { claimsOn, enterPassword, onScreen, PASSWORD, startFromDemo } from './demo-app.ts';
import { ACR, enterMailedCode, type Passkey, screenshot, withAuthenticator } from './factor-pages.ts';

const EMAIL = 'passkey-only@example.com';

/** The intents the page posted to the JSON flow API, in order. */
function postedIntents(page: Page): string[] {
  const intents: string[] = [];
  page.on('request', (request) => {
    const json = request.headers()['content-type'] === 'application/json' && request.postDataJSON();
    if (request.method() === 'POST' && json) intents.push(String(json.intent));
  });
  return intents;
}

describe.skipIf(warnIfChromiumMissing())('passkeys in a real browser', () => {
  // WebAuthn refuses an IP address as RP ID: the issuer is http://localhost:<port>.
  const ctx = usePortico({ issuerHost: 'localhost' });
  const store = () => ctx.portico.portico.services.store;
  let browser: Browser;
  let sub: string | undefined;
  let passkeys: Passkey[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs up with a passkey only, confirmed by the mailed code, and signs in phishing-resistant', async () => {
    const { page, context, webauthn, ...authenticator } = await withAuthenticator(browser);
    await startFromDemo(page, ctx.portico.url, 'Create account');
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByRole('button', { name: 'Continue' }).click();
    await onScreen(page, 'Choose a password');
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();

    await onScreen(page, 'Create a passkey');
    await page.getByText('No password is ever set.', { exact: false }).waitFor();
    await screenshot(page, 'passkey-create-sign-up');
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await enterMailedCode(page, ctx.portico, EMAIL);

    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ email: EMAIL, email_verified: true, acr: ACR.phr });
    expect(claims.amr).toEqual(expect.arrayContaining(['hwk', 'user', 'otp']));
    expect(webauthn).toEqual(['create', 'create resolved']);
    sub = String(claims.sub);
    // One passkey, named for this device; no password was ever set.
    const stored = await store().credentials.list(sub, 'passkey');
    expect(stored.map((p) => p.data.name)).toEqual([expect.stringMatching(/ on Linux$/)]);
    expect(await store().credentials.list(sub, 'password')).toEqual([]);
    passkeys = await authenticator.passkeys();
    expect(passkeys).toEqual([expect.objectContaining({ rpId: 'localhost', isResidentCredential: true })]);
    await context.close();
  });

  it('signs in with "Sign in with a passkey" in another browser, with no email typed, without console errors', async () => {
    expect(sub, 'the sign-up test makes the passkey').toBeDefined();
    // The authenticator is empty while the page loads: Chromium's virtual authenticator turns the
    // autofill request down at once then, so only the button can sign in. The passkey arrives after.
    const { page, context, webauthn, add, ...authenticator } = await withAuthenticator(browser);
    const problems = await watchProblems(page);
    const intents = postedIntents(page);
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    await expect.poll(() => webauthn).toEqual(['conditional', 'conditional rejected NotAllowedError']);
    await add(passkeys);

    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ sub, email: EMAIL, acr: ACR.phr });
    expect(claims.amr).toEqual(expect.arrayContaining(['hwk', 'user', 'mfa']));
    expect(webauthn.slice(-2)).toEqual(['modal', 'modal resolved']);
    expect(intents).toEqual(['passkey']);
    const [passkey] = await store().credentials.list(sub!, 'passkey');
    expect(passkey?.lastUsedAt).toEqual(expect.any(Number));
    expect(problems).toEqual([]);
    // The signature counter rose here: the next browser takes this copy, or its passkey looks cloned.
    passkeys = await authenticator.passkeys();
    await context.close();
  });

  it("signs in from the email field's autofill (conditional UI) when the authenticator holds the passkey", async () => {
    expect(sub, 'the sign-up test makes the passkey').toBeDefined();
    // With the browser's own WebAuthn UI off, Chromium's virtual authenticator answers a conditional
    // request by itself as soon as it holds a discoverable passkey for the RP ID: the part a person
    // plays (focusing the field, picking the passkey in the autofill list) is not driven here.
    const { page, context, webauthn } = await withAuthenticator(browser, passkeys);
    const problems = await watchProblems(page);
    const intents = postedIntents(page);
    const signInPage = page.waitForResponse((r) => /^\/interaction\/[^/]+$/.test(new URL(r.url()).pathname));
    await page.goto(`${ctx.portico.url}/demo`);
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    // The server-rendered email field opts in to passkey autofill.
    const html = await (await signInPage).text();
    // (React writes the attribute as `autoComplete`; HTML attribute names ignore case.)
    expect(html).toMatch(/<input[^>]*type="email"[^>]*autocomplete="username webauthn"/i);

    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ sub, email: EMAIL, acr: ACR.phr });
    // The page's one request was the conditional one: no prompt was opened, nothing typed or clicked.
    expect(webauthn).toEqual(['conditional', 'conditional resolved']);
    expect(intents).toEqual(['passkey']);
    expect(await store().events.count({ type: 'login.passkey.failed' })).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the sign-in page usable when a passkey prompt finds no passkey, so email and password still work', async () => {
    // A password account, and a browser whose authenticator holds no passkey for it.
    const email = 'password-person@example.com';
    await createAccount(ctx.portico, ctx.rp, email, PASSWORD);
    const { page, context, webauthn } = await withAuthenticator(browser);
    const intents = postedIntents(page);
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    await expect.poll(() => webauthn).toEqual(['conditional', 'conditional rejected NotAllowedError']);

    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByText('No passkey was used. You can try again, or continue with your email.').waitFor();
    // One prompt, turned down; the autofill request starts again behind it. Nothing resolved.
    expect(webauthn.filter((e) => e.startsWith('modal') && !e.endsWith('aborted'))).toEqual([
      'modal',
      'modal rejected NotAllowedError',
    ]);
    expect(webauthn.filter((e) => e.endsWith('resolved'))).toEqual([]);
    await onScreen(page, 'Sign in');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await onScreen(page, 'Enter your password');
    await enterPassword(page, PASSWORD);
    expect(await claimsOn(page)).toMatchObject({ email, acr: ACR.oneFactor, amr: ['pwd'] });
    expect(intents).toEqual(['passkey.failed', 'submit', 'submit']);
    await context.close();
  });
});
