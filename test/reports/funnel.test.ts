import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileJourney } from '../../server/journeys/index.ts';
import { computeFunnel, type FunnelReport } from '../../server/reports/index.ts';
import { openSqliteStore, type Store } from '../../server/store/index.ts';
import { appendFlow, LOGIN_LABEL } from './flow-log.ts';
import { journeySource, journeysDir, NOW, row, WEEK } from './funnel-fixtures.ts';
import { loginScenario } from './login-scenario.ts';

describe('the funnel of a journey', () => {
  let store: Store;
  let byVariant: FunnelReport;
  let all: FunnelReport;

  beforeAll(async () => {
    store = openSqliteStore(':memory:');
    for (const plan of loginScenario(NOW)) await appendFlow(store, plan);
    const opts = {
      events: store.events,
      journeys: journeySource(),
      journeyId: 'login',
      since: NOW - WEEK,
      now: NOW,
    };
    byVariant = await computeFunnel({ ...opts, by: 'variant' });
    all = await computeFunnel(opts);
  });

  it('lists the screens in journey order and leaves decision and final states out', () => {
    expect(all.groups[0]!.steps.map((s) => `${s.state}:${s.step}`)).toEqual([
      'provideIdentifier:identify',
      'solveChallenge:captcha',
      'providePassword:password',
      'confirmByEmail:email-code',
      'changeBreachedPassword:new-password',
      'offerPasskey:passkey-create',
      'usePasskey:passkey',
      'enterTotp:totp',
      'emailSecondFactor:email-code',
      'enterRecoveryCode:recovery-code',
      'chooseSecondFactor:choose-factor',
      'recoveryCodeUsed:recovery-codes-left',
    ]);
  });

  it('counts the flows that started in the period, of that journey only, and how each ended', () => {
    expect(all.groups).toHaveLength(1);
    expect(all.groups[0]).toMatchObject({
      variant: null,
      started: 10,
      converted: 5,
      failed: 1,
      expired: 3,
      inProgress: 1,
    });
    expect(all).toMatchObject({
      journey: { id: 'login', label: LOGIN_LABEL },
      by: null,
      since: new Date(NOW - WEEK).toISOString(),
      until: new Date(NOW).toISOString(),
      flowTtlMs: 3_600_000,
    });
  });

  it('counts who reached each screen, left it forward, went back, dropped there or is still there', () => {
    expect(row(all, null, 'provideIdentifier')).toMatchObject({
      reached: 10,
      forward: 8,
      dropped: 2,
      back: 0,
      inProgress: 0,
    });
    expect(row(all, null, 'providePassword')).toMatchObject({
      reached: 8,
      forward: 4,
      dropped: 2,
      back: 1,
      inProgress: 1,
    });
    // Reached only through decision states (checkFactors, secondFactor); "try another way" is forward too.
    expect(row(all, null, 'enterTotp')).toMatchObject({ reached: 2, forward: 2, dropped: 0 });
    expect(row(all, null, 'chooseSecondFactor')).toMatchObject({ reached: 1, forward: 1 });
    expect(row(all, null, 'emailSecondFactor')).toMatchObject({ reached: 1, forward: 1 });
    expect(row(all, null, 'offerPasskey')).toMatchObject({ reached: 1, forward: 1 });
    expect(row(all, null, 'usePasskey')).toEqual({
      state: 'usePasskey',
      step: 'passkey',
      reached: 0,
      forward: 0,
      dropped: 0,
      back: 0,
      inProgress: 0,
      medianMs: null,
    });
    for (const step of all.groups[0]!.steps)
      expect(step.forward + step.dropped + step.back + step.inProgress, step.state).toBe(step.reached);
  });

  it('gives the median time from entering a screen to leaving it, over every stay that ended', () => {
    // Stays on the first screen: 10, 5, 20, 10 (C twice), 15, 8, 12, 6, 4, 3 seconds.
    expect(row(all, null, 'provideIdentifier').medianMs).toBe(9000);
    expect(row(byVariant, 'control', 'provideIdentifier').medianMs).toBe(10_000);
    expect(row(byVariant, 'b', 'provideIdentifier').medianMs).toBe(8000);
    // Password stays: control 30, 10, 20; b 12, 20, 10, 7 (D is still there).
    expect(row(byVariant, 'control', 'providePassword').medianMs).toBe(20_000);
    expect(row(byVariant, 'b', 'providePassword').medianMs).toBe(11_000);
    expect(row(byVariant, 'b', 'emailSecondFactor').medianMs).toBe(30_000);
  });

  it('splits by variant, the control first and flows outside an experiment last', () => {
    expect(byVariant.by).toBe('variant');
    expect(
      byVariant.groups.map(({ variant, started, converted, failed, expired, inProgress }) => ({
        variant,
        started,
        converted,
        failed,
        expired,
        inProgress,
      })),
    ).toEqual([
      { variant: 'control', started: 4, converted: 2, failed: 0, expired: 2, inProgress: 0 },
      { variant: 'b', started: 5, converted: 2, failed: 1, expired: 1, inProgress: 1 },
      { variant: null, started: 1, converted: 1, failed: 0, expired: 0, inProgress: 0 },
    ]);
    expect(row(byVariant, 'control', 'provideIdentifier')).toMatchObject({
      reached: 4,
      forward: 3,
      dropped: 1,
    });
    expect(row(byVariant, 'b', 'providePassword')).toMatchObject({
      reached: 5,
      forward: 2,
      dropped: 1,
      back: 1,
      inProgress: 1,
    });
  });

  it('gives each variant its conversion with a Wilson interval, and tests it against the control', () => {
    const [control, b, none] = byVariant.groups;
    expect(control!.conversion!.rate).toBe(0.5);
    expect(control!.conversion!.low).toBeCloseTo(0.15, 4);
    expect(control!.conversion!.high).toBeCloseTo(0.85, 4);
    expect(control!.test).toBeNull();
    expect(b!.conversion!.rate).toBe(0.4);
    // Pooled 4/9: z = (0.4 - 0.5) / sqrt(4/9 · 5/9 · (1/4 + 1/5)) = -0.3.
    expect(b!.test!.against).toBe('control');
    expect(b!.test!.z).toBeCloseTo(-0.3, 10);
    expect(b!.test!.p).toBeCloseTo(0.764177, 5);
    expect(none!.test!.z).toBeCloseTo(0.912871, 5);
  });

  it('reads the log a page at a time and comes to the same numbers', async () => {
    const paged = await computeFunnel({
      events: store.events,
      journeys: journeySource(),
      journeyId: 'login',
      since: NOW - WEEK,
      now: NOW,
      by: 'variant',
      pageSize: 3,
    });
    expect(paged).toEqual(byVariant);
  });

  it('counts a flow as abandoned only once the flow TTL has passed', async () => {
    const later = await computeFunnel({
      events: store.events,
      journeys: journeySource(),
      journeyId: 'login',
      since: NOW - WEEK,
      now: NOW + 60 * 60 * 1000,
    });
    expect(later.groups[0]).toMatchObject({ expired: 4, inProgress: 0 });
    expect(row(later, null, 'providePassword')).toMatchObject({ dropped: 3, inProgress: 0 });
  });

  it('answers an empty funnel for a period without flows', async () => {
    const empty = await computeFunnel({
      events: store.events,
      journeys: journeySource(),
      journeyId: 'login',
      since: NOW + 1,
      now: NOW + 2,
    });
    expect(empty.groups).toHaveLength(1);
    expect(empty.groups[0]).toMatchObject({ started: 0, converted: 0, conversion: null, test: null });
    expect(empty.groups[0]!.steps.every((s) => s.reached === 0)).toBe(true);
  });

  it('refuses an unknown journey and names the ones there are', async () => {
    await expect(
      computeFunnel({
        events: store.events,
        journeys: journeySource(),
        journeyId: 'logn',
        since: 0,
        now: NOW,
      }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: 'unknown journey "logn"; journeys: login, signup',
    });
  });

  it('judges a flow by the journey version it ran, and lists screens only an older version has last', async () => {
    const oldText = JSON.parse(readFileSync(join(journeysDir, 'login.json'), 'utf8'));
    oldText.states.askPhone = {
      meta: { step: 'identify', params: { purpose: 'signin' } },
      // Where the address leads today (the challenge at medium risk, else the password).
      on: { 'identifier.submitted': oldText.states.provideIdentifier.on['identifier.submitted'] },
    };
    oldText.states.provideIdentifier.on['identifier.submitted'] = 'askPhone';
    const older = compileJourney('login@old', JSON.stringify(oldText));
    const own = openSqliteStore(':memory:');
    await appendFlow(own, {
      id: 'old-1',
      version: 'old',
      at: NOW - 60_000,
      start: 'provideIdentifier',
      moves: [
        ['askPhone', 5],
        ['providePassword', 25],
        ['signedIn', 35],
      ],
    });
    const report = await computeFunnel({
      events: own.events,
      journeys: journeySource(['login'], { old: older }),
      journeyId: 'login',
      since: NOW - WEEK,
      now: NOW,
    });
    const steps = report.groups[0]!.steps;
    expect(steps.at(-1)).toEqual({
      state: 'askPhone',
      step: 'identify',
      reached: 1,
      forward: 1,
      dropped: 0,
      back: 0,
      inProgress: 0,
      medianMs: 20_000,
    });
    expect(report.groups[0]).toMatchObject({ started: 1, converted: 1 });
    await own.close();
  });
});
