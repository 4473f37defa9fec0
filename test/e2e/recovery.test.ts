import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { warnIfChromiumMissing, watchProblems } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { NEW_PASSWORD, recoveryMail } from '../recovery/recovery-flows.ts';
import {
  claimsOn,
  enterEmail,
  onScreen,
  SCREENSHOTS,
  startFromDemo,
  useChromiumAndAccount,
} from './demo-app.ts';

const EMAIL = 'grace@example.com';

describe.skipIf(warnIfChromiumMissing())('recovering an account in a real browser', () => {
  const ctx = usePortico();
  const chromium = useChromiumAndAccount(ctx, EMAIL);

  it('walks "Forgot password?" to signed in, with the code from the outbox', async () => {
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    await enterEmail(page, EMAIL);
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await onScreen(page, 'Check your email');
    await page.getByText(`If an account exists for ${EMAIL}`).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'recovery-1-code.png'), fullPage: true });
    const { code } = await recoveryMail(ctx.portico, EMAIL);
    await page.getByLabel('6-digit code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await onScreen(page, 'Choose a password');
    await page.screenshot({ path: join(SCREENSHOTS, 'recovery-2-password.png'), fullPage: true });
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await claimsOn(page)).toMatchObject({ sub: chromium.sub, email: EMAIL });
    expect(problems).toEqual([]);
    await context.close();
  });
});
