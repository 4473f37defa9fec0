/**
 * The hydrated page in a real Chromium: what only JavaScript draws, and the passkey ceremonies run
 * against a virtual authenticator (Chrome DevTools Protocol). The page is the built bundle, served by
 * request interception with the fixtures' screens; the JSON flow API is a stand-in that records posts.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Screen, UiNode } from '../../server/flows/screen.ts';
import { createPageRenderer, MESSAGES_PATH, type PageRenderer } from '../../server/page/index.ts';
import {
  addVirtualAuthenticator,
  launchChromium,
  warnIfChromiumMissing,
  watchProblems,
} from '../helpers/chromium.ts';
import {
  chooseFactorScreen,
  pageProps,
  passkeyCreateScreen,
  passkeyIdentifyScreen,
  passwordScreen,
  recoveryCodes,
  recoveryCodesScreen,
  requestOptions,
  totpSetupScreen,
  webauthnNode,
} from './fixtures.ts';

/** A secure context without TLS, and the fixtures' RP ID. */
const ORIGIN = 'http://localhost';
const DIST = resolve(import.meta.dirname, '../../dist');
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>';

type Posted = Record<string, unknown> & { intent: string };

/** The next screen: the same step one revision on, as the server answers a post it does not act on. */
const next = (screen: Screen, extra: Partial<Screen> = {}): Screen => ({
  ...screen,
  flow: { ...screen.flow, revision: screen.flow.revision + 1 },
  ...extra,
});

/** The hidden field the password step sends, which the page fills with whether there is a platform authenticator. */
const platformField: UiNode = {
  type: 'input',
  group: 'default',
  attributes: {
    name: 'platformAuthenticator',
    inputType: 'hidden',
    label: 'label.platformAuthenticator',
    value: '',
  },
  messages: [],
};

describe.skipIf(warnIfChromiumMissing())('the hydrated page in a real browser', () => {
  let browser: Browser;
  let renderer: PageRenderer;

  beforeAll(async () => {
    [browser, renderer] = await Promise.all([launchChromium(), createPageRenderer({ distDir: DIST })]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Opens `first`, with a virtual platform authenticator (unless `authenticator` is false). `answer`
   * gives the screen the API returns for each post (default: the same screen, one revision on).
   */
  async function open(
    first: Screen,
    opts: { authenticator?: false | { presence: boolean }; answer?: (posted: Posted) => Screen } = {},
  ): Promise<{ page: Page; posts: Posted[]; problems: string[]; cdp: CDPSession; authenticatorId: string }> {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    const posts: Posted[] = [];
    let current = first;
    await page.route(`${ORIGIN}/**`, async (route) => {
      const request = route.request();
      const { pathname } = new URL(request.url());
      if (pathname === '/login') {
        const html = renderer.renderDocument(pageProps(first), {
          nonce: 'n0nce',
          themeCss: '',
          title: 'Sign in',
        });
        return route.fulfill({ contentType: 'text/html', body: html });
      }
      if (pathname.startsWith(`${MESSAGES_PATH}/`)) {
        const json = renderer.messagesFile(pathname.slice(MESSAGES_PATH.length + 1));
        return route.fulfill({ contentType: 'application/json', body: json ?? '', status: json ? 200 : 404 });
      }
      if (pathname.startsWith('/assets/')) return route.fulfill({ path: join(DIST, 'client', pathname) });
      if (pathname.endsWith('.svg')) return route.fulfill({ contentType: 'image/svg+xml', body: LOGO });
      if (request.method() === 'POST' && pathname === current.flow.api) {
        const posted = request.postDataJSON() as Posted;
        posts.push(posted);
        current = opts.answer ? opts.answer(posted) : next(current);
        return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ screen: current }) });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    // Every WebAuthn request the page makes, and its abort, in order.
    await page.addInitScript(() => {
      const log: string[] = [];
      (window as unknown as { webauthnLog: string[] }).webauthnLog = log;
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options?: CredentialRequestOptions) => {
        const kind = options?.mediation === 'conditional' ? 'conditional' : 'modal';
        log.push(kind);
        options?.signal?.addEventListener('abort', () => log.push(`${kind} aborted`));
        return get(options);
      };
    });
    const cdp = await context.newCDPSession(page);
    const authenticatorId =
      opts.authenticator === false ? '' : await addVirtualAuthenticator(cdp, opts.authenticator);
    await page.goto(`${ORIGIN}/login`);
    return { page, posts, problems, cdp, authenticatorId };
  }

  const webauthnLog = (page: Page) =>
    page.evaluate(() => (window as unknown as { webauthnLog: string[] }).webauthnLog);

  /** Stores a discoverable passkey for `localhost` in the virtual authenticator; answers its id. */
  async function addPasskey(cdp: CDPSession, authenticatorId: string): Promise<string> {
    const id = randomBytes(16);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: {
        credentialId: id.toString('base64'),
        isResidentCredential: true,
        rpId: 'localhost',
        privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        userHandle: Buffer.from('acc_123').toString('base64'),
        signCount: 0,
      },
    });
    return id.toString('base64url');
  }

  const passkeyButton = (page: Page, name = 'Sign in with a passkey') => page.getByRole('button', { name });

  it('draws the passkey button after hydration, under an "or", without submitting the form', async () => {
    const { page, problems, posts } = await open(passkeyIdentifyScreen);
    await passkeyButton(page).waitFor();
    expect(await passkeyButton(page).getAttribute('type')).toBe('button');
    expect(await page.locator('.portico-divider').textContent()).toBe('or');
    // The divider sits between Continue and the passkey button.
    const order = await page.evaluate(() =>
      [...document.querySelectorAll('.portico-form > *')].map((e) => e.className || e.tagName),
    );
    expect(order.slice(-3)).toEqual([
      'portico-actions',
      'portico-divider',
      'portico-button portico-button--secondary',
    ]);
    // The virtual authenticator (with no passkey) fails the autofill request at once: nothing is posted.
    await expect.poll(() => webauthnLog(page)).toEqual(['conditional']);
    expect(posts).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('draws nothing where the browser has no WebAuthn', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      // biome-ignore lint/suspicious/noExplicitAny: removing a browser global for the test.
      delete (window as any).PublicKeyCredential;
    });
    await page.route(`${ORIGIN}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/login') {
        const html = renderer.renderDocument(pageProps(passkeyIdentifyScreen), {
          nonce: 'n',
          themeCss: '',
          title: 't',
        });
        return route.fulfill({ contentType: 'text/html', body: html });
      }
      if (pathname.startsWith(`${MESSAGES_PATH}/`)) {
        const json = renderer.messagesFile(pathname.slice(MESSAGES_PATH.length + 1));
        return route.fulfill({ contentType: 'application/json', body: json ?? '', status: json ? 200 : 404 });
      }
      if (pathname.startsWith('/assets/')) return route.fulfill({ path: join(DIST, 'client', pathname) });
      return route.fulfill({ contentType: 'image/svg+xml', body: LOGO });
    });
    await page.goto(`${ORIGIN}/login`);
    // Hydrated: React has taken over validation from the browser.
    await page.waitForFunction(
      () => document.getElementById('root')?.querySelector('form')?.noValidate === true,
    );
    expect(await passkeyButton(page).count()).toBe(0);
    expect(await page.locator('.portico-divider').count()).toBe(0);
    await context.close();
  });

  it('signs in with a passkey: posts the credential and a device name with the intent, and nothing for the autofill it called off', async () => {
    // No authenticator at first, so the autofill request waits as it does in a browser with no passkey
    // (a virtual authenticator answers it at once); the passkey arrives before the click.
    const { page, posts, cdp, problems } = await open(passkeyIdentifyScreen, {
      authenticator: false,
      answer: () => next(passwordScreen),
    });
    await passkeyButton(page).waitFor();
    await expect.poll(() => webauthnLog(page)).toEqual(['conditional']);
    const credentialId = await addPasskey(cdp, await addVirtualAuthenticator(cdp));
    await passkeyButton(page).click();
    await page.getByRole('heading', { name: 'Enter your password' }).waitFor();
    expect(await webauthnLog(page)).toEqual(['conditional', 'conditional aborted', 'modal']);
    expect(posts.map((p) => p.intent)).toEqual(['passkey']);
    const [posted] = posts;
    const credential = JSON.parse(String(posted?.credential));
    expect(credential).toMatchObject({ id: credentialId, type: 'public-key' });
    expect(credential.response.signature).toEqual(expect.any(String));
    expect(posted?.deviceName).toMatch(/ on Linux$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('creates a passkey and posts the registration', async () => {
    const { page, posts } = await open(passkeyCreateScreen, { answer: () => next(passwordScreen) });
    await passkeyButton(page, 'Create a passkey').click();
    await page.getByRole('heading', { name: 'Enter your password' }).waitFor();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.intent).toBe('passkey');
    const credential = JSON.parse(String(posts[0]?.credential));
    expect(credential.response.attestationObject).toEqual(expect.any(String));
    expect(posts[0]?.deviceName).toMatch(/ on Linux$/);
    await page.context().close();
  });

  it('posts the failure with failIntent when the prompt times out, and the page stays usable', async () => {
    const quick = {
      ...passkeyIdentifyScreen,
      nodes: passkeyIdentifyScreen.nodes.map((n) =>
        n.type === 'webauthn'
          ? { ...n, attributes: { ...n.attributes, options: { ...requestOptions, timeout: 1000 } } }
          : n,
      ),
    };
    const cancelled = next(quick, { messages: [{ id: 'info.passkey.cancelled', type: 'info' }] });
    const { page, posts } = await open(quick, {
      authenticator: { presence: false },
      answer: (posted) => (posted.intent === 'passkey.failed' ? cancelled : next(passwordScreen)),
    });
    // With an authenticator but no passkey, Chromium fails the autofill request at once: not posted.
    await expect.poll(() => webauthnLog(page)).toEqual(['conditional']);
    await passkeyButton(page).click();
    await page.getByText('No passkey was used.', { exact: false }).waitFor();
    expect(posts).toEqual([expect.objectContaining({ intent: 'passkey.failed', reason: 'NotAllowedError' })]);
    await page.getByLabel('Email address').fill('ada@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Enter your password' }).waitFor();
    expect(posts.map((p) => p.intent)).toEqual(['passkey.failed', 'submit']);
    expect(posts[1]).toMatchObject({ email: 'ada@example.com' });
    await page.context().close();
  });

  it('starts a prompt on its own when the screen asks for it', async () => {
    const screen = {
      ...passkeyCreateScreen,
      nodes: [webauthnNode({ autostart: true, label: 'button.usePasskey' })],
    };
    const { page, posts, cdp, authenticatorId } = await open(screen, { answer: () => next(passwordScreen) });
    // The passkey must exist before the page asks: add it, then reload so the prompt starts afresh.
    await addPasskey(cdp, authenticatorId);
    await page.reload();
    await page.getByRole('heading', { name: 'Enter your password' }).waitFor();
    // The first load's own prompt may have raced the new passkey and succeeded too: every post is a
    // passkey answered by the ceremony the page started itself, never a failure.
    expect(posts.length).toBeGreaterThan(0);
    expect(new Set(posts.map((p) => p.intent))).toEqual(new Set(['passkey']));
    await page.context().close();
  });

  it('starts a prompt on its own only once, so one that fails does not start again on the answer', async () => {
    const screen: Screen = {
      ...passkeyCreateScreen,
      step: 'passkey',
      state: 'askPasskey',
      title: { id: 'title.passkey', type: 'info' },
      nodes: [
        webauthnNode({
          autostart: true,
          label: 'button.usePasskey',
          failIntent: 'passkey.failed',
          options: { ...requestOptions, timeout: 1000 },
        }),
      ],
    };
    const { page, posts } = await open(screen, {
      authenticator: { presence: false },
      answer: () => next(screen, { messages: [{ id: 'error.passkey.cancelled', type: 'error' }] }),
    });
    await page.getByRole('alert').filter({ hasText: 'The passkey request was cancelled' }).waitFor();
    await passkeyButton(page, 'Use passkey').waitFor();
    expect(posts).toEqual([expect.objectContaining({ intent: 'passkey.failed', reason: 'NotAllowedError' })]);
    expect(await webauthnLog(page)).toEqual(['modal']);
    await page.context().close();
  });

  it('calls off autofill without a post when the screen changes, and says whether there is a platform authenticator', async () => {
    const withNudge: Screen = next(passwordScreen, {
      messages: [],
      nodes: [...passwordScreen.nodes, platformField],
    });
    const { page, posts } = await open(passkeyIdentifyScreen, {
      authenticator: false,
      answer: () => withNudge,
    });
    await passkeyButton(page).waitFor();
    await expect.poll(() => webauthnLog(page)).toEqual(['conditional']);
    await page.getByLabel('Email address').fill('ada@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Enter your password' }).waitFor();
    expect(await webauthnLog(page)).toEqual(['conditional', 'conditional aborted']);
    // Linux has no platform authenticator (and this page no virtual one).
    const hidden = page.locator('input[name="platformAuthenticator"]');
    await expect.poll(() => hidden.inputValue()).toBe('no');
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => posts.length).toBe(2);
    expect(posts[0]).toMatchObject({ intent: 'submit', email: 'ada@example.com' });
    expect(posts[1]).toMatchObject({
      intent: 'submit',
      password: 'correct horse battery',
      platformAuthenticator: 'no',
    });
    await page.context().close();
  });

  it('reports a platform authenticator where there is one', async () => {
    const screen: Screen = {
      ...passwordScreen,
      messages: [],
      nodes: [...passwordScreen.nodes, platformField],
    };
    const { page } = await open(screen);
    await expect.poll(() => page.locator('input[name="platformAuthenticator"]').inputValue()).toBe('yes');
    await page.context().close();
  });

  it('draws a button that needs JavaScript once hydrated', async () => {
    const { page, problems } = await open(chooseFactorScreen, { authenticator: false });
    await page.getByRole('button', { name: 'Use a passkey' }).waitFor();
    expect(await page.getByRole('button', { name: 'Use your authenticator app' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('copies the setup key and the recovery codes, and says so', async () => {
    const { page } = await open(totpSetupScreen, { authenticator: false });
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
    await page.context().close();

    const codes = await open(recoveryCodesScreen, { authenticator: false });
    await codes.page.getByRole('button', { name: 'Copy codes' }).click();
    await codes.page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await codes.page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join('\n'));
    await codes.page.context().close();
  });
});
