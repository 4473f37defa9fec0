import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOn, enterPassword, onScreen, PASSWORD, startFromDemo } from '../e2e/demo-app.ts';
import { launchChromium, warnIfChromiumMissing, watchProblems } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { rulesFile, seedAccount } from './security-world.ts';

// Every new browser is risky enough for a challenge here, so the page's solver is what is tested.
const rules = rulesFile((r) => {
  for (const rule of r.rules) if (rule.signal === 'newDevice') rule.score = 45;
});

describe.skipIf(warnIfChromiumMissing())('the challenge in a real browser', () => {
  const ctx = usePortico({ env: { RISK_RULES_FILE: rules } });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    await seedAccount(ctx.portico, 'page@example.com', PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('solves itself on the first load, with no third party and no CSP complaint, then asks for the password', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    const hosts = new Set<string>();
    page.on('request', (request) => hosts.add(new URL(request.url()).host));
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    await page.getByLabel('Email address').fill('page@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    // "Quick check" shows for as long as the browser works, then the password screen follows by itself.
    await onScreen(page, 'Enter your password');
    await enterPassword(page, PASSWORD);
    expect(await claimsOn(page)).toMatchObject({ email: 'page@example.com' });
    expect(problems).toEqual([]);
    expect([...hosts]).toEqual([new URL(ctx.portico.url).host]);
    const solved = await ctx.portico.portico.services.store.events.list({ type: 'challenge.solved' });
    expect(solved).toHaveLength(1);
    await context.close();
  });
});
