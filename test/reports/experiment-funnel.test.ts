import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFunnel } from '../../server/reports/index.ts';
import { orderVariants } from '../../server/reports/variant-order.ts';
import { openSqliteStore } from '../../server/store/index.ts';
import { appendFlow, type FlowPlan } from './flow-log.ts';
import { journeySource, journeysDir, load, NOW, row, WEEK } from './funnel-fixtures.ts';

describe('the funnel of an experiment', () => {
  it('compares the variants of an experiment, each on the journey it ran, against the control', async () => {
    // A variant of login on its own journey: the nudge on every sign-in.
    const text = readFileSync(join(journeysDir, 'login.json'), 'utf8')
      .replace('"id": "login"', '"id": "login-passkey-first"')
      .replace('"everyNthSignIn": 3', '"everyNthSignIn": 1');
    const journeys = journeySource(['login', load('login-passkey-first', text)]);
    const store = openSqliteStore(':memory:');
    const at = NOW - 60 * 60 * 1000;
    const control = 'passkey-nudge-frequency:control';
    const first = 'passkey-nudge-frequency:passkey-first';
    const plans: Omit<FlowPlan, 'at' | 'start'>[] = [
      {
        id: 'c1',
        variant: control,
        moves: [
          ['providePassword', 5],
          ['signedIn', 15],
        ],
      },
      { id: 'c2', variant: control, moves: [['providePassword', 5]] },
      {
        id: 'p1',
        variant: first,
        journeyId: 'login-passkey-first',
        moves: [
          ['providePassword', 5],
          ['offerPasskey', 9],
          ['signedIn', 30],
        ],
      },
      {
        id: 'p2',
        variant: first,
        journeyId: 'login-passkey-first',
        moves: [
          ['providePassword', 4],
          ['offerPasskey', 8],
          ['signedIn', 12],
        ],
      },
      // Not in this experiment: the variant journey outside it, and another experiment.
      { id: 'n1', variant: null, journeyId: 'login-passkey-first', moves: [] },
      { id: 'o1', variant: 'other-test:b', journeyId: 'signup', trigger: 'signup', moves: [] },
    ];
    for (const plan of plans) await appendFlow(store, { ...plan, at, start: 'provideIdentifier' });

    const opts = {
      events: store.events,
      journeys,
      journeyId: 'login',
      since: NOW - WEEK,
      now: NOW,
      pageSize: 2,
    };
    const report = await computeFunnel({ ...opts, by: 'variant' });
    expect(report.groups.map((g) => [g.variant, g.journeys, g.started, g.converted])).toEqual([
      [control, ['login'], 2, 1],
      [first, ['login-passkey-first'], 2, 2],
    ]);
    expect(report.groups[1]!.test!.against).toBe(control);
    expect(row(report, first, 'offerPasskey')).toMatchObject({ reached: 2, forward: 2, medianMs: 12_500 });
    // Without grouping, the funnel of login is the flows of login alone.
    expect((await computeFunnel(opts)).groups[0]).toMatchObject({ journeys: ['login'], started: 2 });
    await store.close();
  });
});

describe('the order of the variants', () => {
  it('puts the control first, then the others by name, and flows outside an experiment last', () => {
    const journeysOf = (v: string | null) => (v === 'exp:baseline' ? ['login'] : ['login-b']);
    expect(orderVariants([null, 'exp:b', 'exp:control', 'exp:a'], 'login', journeysOf)).toEqual([
      'exp:control',
      'exp:a',
      'exp:b',
      null,
    ]);
    // Without a variant named control, the one that runs the reported journey is the control.
    expect(orderVariants(['exp:a', 'exp:baseline', null], 'login', journeysOf)).toEqual([
      'exp:baseline',
      'exp:a',
      null,
    ]);
  });
});
