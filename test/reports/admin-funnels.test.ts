import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/index.ts';
import type { FunnelReport } from '../../server/reports/index.ts';
import { createAccount, signInWithPassword } from '../helpers/accounts.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { LOGIN_LABEL } from './flow-log.ts';

const TOKEN = 'test-admin-token-0123456789-abcdefghijklmnop';
const EMAIL = 'funnel@example.com';

const get = (base: string, path: string, token?: string) =>
  fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('the admin funnel API', () => {
  const ctx = usePortico({ env: { ADMIN_TOKEN: TOKEN } });

  beforeAll(async () => {
    await createAccount(ctx.portico, ctx.rp, EMAIL);
    await signInWithPassword(new BrowserSession(ctx.portico.url), ctx.rp, EMAIL);
  });

  it('refuses a request without a bearer token or with a wrong one', async () => {
    for (const token of [undefined, 'wrong', `${TOKEN.slice(0, -1)}X`, TOKEN.toUpperCase()]) {
      const res = await get(ctx.portico.url, '/admin/api/funnels/login', token);
      expect(res.status, String(token)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="portico-admin"/);
      expect(await res.json()).toEqual({
        error: { code: 'unauthorized', message: 'a valid admin bearer token is required' },
      });
    }
    const basic = await fetch(`${ctx.portico.url}/admin/api/funnels/login`, {
      headers: { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
  });

  it('answers the funnel of a real sign-in as JSON', async () => {
    const res = await get(ctx.portico.url, '/admin/api/funnels/login?since=1h', TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const report = (await res.json()) as FunnelReport;
    expect(report).toMatchObject({
      journey: { id: 'login', label: LOGIN_LABEL },
      by: null,
      flowTtlMs: 3_600_000,
    });
    expect(Date.parse(report.until) - Date.parse(report.since)).toBe(3_600_000);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({
      started: 1,
      converted: 1,
      failed: 0,
      expired: 0,
      inProgress: 0,
    });
    expect(report.groups[0]!.conversion).toMatchObject({ rate: 1 });
    const steps = report.groups[0]!.steps;
    expect(steps[0]).toMatchObject({ state: 'provideIdentifier', step: 'identify', reached: 1, forward: 1 });
    // The challenge (risk medium) sits between them in journey order; this sign-in never met it.
    expect(steps[1]).toMatchObject({ state: 'solveChallenge', step: 'captcha', reached: 0 });
    expect(steps[2]).toMatchObject({ state: 'providePassword', step: 'password', reached: 1, forward: 1 });
    expect(steps[2]!.medianMs).toEqual(expect.any(Number));
  });

  it('answers any journey, by variant when asked', async () => {
    const res = await get(ctx.portico.url, '/admin/api/funnels/signup?since=7d&by=variant', TOKEN);
    expect(res.status).toBe(200);
    const report = (await res.json()) as FunnelReport;
    expect(report.by).toBe('variant');
    expect(report.groups.reduce((n, g) => n + g.started, 0)).toBe(1);
    expect(report.groups.reduce((n, g) => n + g.converted, 0)).toBe(1);
    const reached = report.groups.flatMap((g) => g.steps.filter((s) => s.reached).map((s) => s.state));
    expect(reached).toEqual(['provideIdentifier', 'choosePassword', 'verifyEmail']);
  });

  it('answers 400 for a bad query, in the shape of every other error', async () => {
    const cases: [string, RegExp][] = [
      ['since=yesterday', /^since "yesterday" is not a period/],
      ['since=2999-01-01', /in the future/],
      // A funnel holds its period's flows in memory: no report reaches back further than a year.
      ['since=999999d', /more than 366 days/],
      ['since=1970-01-01', /more than 366 days/],
      ['by=device', /^by "device" is not a grouping/],
      ['sinse=7d', /^unknown parameter "sinse"/],
      ['since=7d&since=1d', /^give "since" once/],
    ];
    for (const [query, message] of cases) {
      const res = await get(ctx.portico.url, `/admin/api/funnels/login?${query}`, TOKEN);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
      expect(body.error.code).toBe('request.invalid');
      expect(body.error.message, query).toMatch(message);
    }
  });

  it('answers 404 for an unknown journey, naming the ones there are', async () => {
    const res = await get(ctx.portico.url, '/admin/api/funnels/logn', TOKEN);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/^unknown journey "logn"; journeys: .*\blogin\b/);
    expect((await get(ctx.portico.url, '/admin/api/nothing', TOKEN)).status).toBe(404);
  });
});

describe('the admin API without ADMIN_TOKEN', () => {
  const ctx = usePortico();

  it('is off: its paths answer 404 like any unknown path, whatever the token', async () => {
    const unknown = await get(ctx.portico.url, '/no/such/path');
    const expected = await unknown.text();
    for (const token of [undefined, TOKEN]) {
      const res = await get(ctx.portico.url, '/admin/api/funnels/login?since=7d', token);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(expected);
    }
  });

  it('refuses a token shorter than 32 characters at start', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'too-short' })).toThrow(/ADMIN_TOKEN: at least 32 characters/);
    expect(() => loadConfig({ ADMIN_TOKEN: `${'x'.repeat(32)} y` })).toThrow(/ADMIN_TOKEN: printable ASCII/);
    expect(loadConfig({ ADMIN_TOKEN: TOKEN }).adminToken).toBe(TOKEN);
  });
});
