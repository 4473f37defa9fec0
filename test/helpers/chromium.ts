import { existsSync } from 'node:fs';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';

/** The system Chromium (Debian's package); `CHROMIUM_PATH` points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the end-to-end tests cannot run here, or undefined when they can. */
export const chromiumMissing: string | undefined = existsSync(CHROMIUM_PATH)
  ? undefined
  : `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package or set CHROMIUM_PATH): skipping the end-to-end tests`;

/** Prints the reason end-to-end tests are skipped, so a missing browser never passes silently. */
export function warnIfChromiumMissing(): boolean {
  if (chromiumMissing) console.warn(`⚠ ${chromiumMissing}`);
  return Boolean(chromiumMissing);
}

/** Launches the system Chromium headless, with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Collects what a page complains about: console errors (Chromium reports CSP violations there),
 * uncaught exceptions, and `securitypolicyviolation` events seen by the document itself.
 */
export async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.exposeBinding('__porticoReportViolation', (_source, text: string) => {
    problems.push(`csp: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __porticoReportViolation?: (t: string) => void })
        .__porticoReportViolation;
      report?.(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return problems;
}

/**
 * Adds Chromium's virtual platform authenticator (the DevTools WebAuthn domain): a built-in
 * authenticator that keeps discoverable passkeys and verifies the person. The browser's own WebAuthn
 * dialogs stay off, so it answers by itself; without `presence`, every prompt waits until it times out.
 */
export async function addVirtualAuthenticator(
  cdp: CDPSession,
  opts: { presence: boolean } = { presence: true },
): Promise<string> {
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: opts.presence,
    },
  });
  return authenticatorId;
}
