import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword } from '../helpers/accounts.ts';
import type { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { enrollTotp } from '../mfa/factors.ts';

const EMAIL = 'task-gate@example.com';

describe('an account-page task asked for by hand', () => {
  const ctx = usePortico();
  let sub: string;
  let browser: BrowserSession;

  beforeAll(async () => {
    ({ sub, browser } = await createAccount(ctx.portico, ctx.rp, EMAIL));
    await signInWithPassword(browser, ctx.rp, EMAIL, undefined, { prompt: 'login' });
    await enrollTotp(ctx.portico, sub);
  });

  /** The account page's own authorization request, built by hand without its max_age and acr_values. */
  async function handBuilt(task: string): Promise<Response> {
    const url = new URL('/auth', ctx.portico.url);
    const params = {
      client_id: 'portico-account',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${ctx.portico.url}/account/callback`,
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      portico_task: task,
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const landed = await browser.followUntilAway(url);
    return browser.request(`${landed.pathname}/api`);
  }

  it('refuses a change on a password-only session of an account with a second factor, and logs why', async () => {
    const response = await handBuilt('change-password');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'request.invalid' } });
    const [refused] = await ctx.portico.portico.store.events.list({ type: 'task.refused', accountId: sub });
    expect(refused?.data).toEqual({ task: 'change-password', reason: 'sign_in_not_multi_factor' });
    expect(await ctx.portico.portico.store.accounts.passwordHash(sub)).toEqual(expect.any(String));
  });

  it('answers a task name that is no task with a clear error, not a server failure', async () => {
    const response = await handBuilt('constructor');
    expect(response.status).toBe(400);
  });
});
