import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileJourney, journeyFiles } from '../../server/journeys/index.ts';
import { journeySmells } from '../../server/journeys/journey-smells.ts';

const journeysDir = join(import.meta.dirname, '..', '..', 'journeys');

/** A crafted journey, compiled as the server would (so every case is a journey the engine accepts). */
function smellsOf(states: Record<string, unknown>, opts: { maxScreens?: number; initial?: string } = {}) {
  const json = { id: 'crafted', version: '1.0.0', initial: opts.initial ?? Object.keys(states)[0], states };
  const { definition } = compileJourney('crafted.json', JSON.stringify(json));
  return journeySmells(definition, opts);
}

const done = { type: 'final', meta: { outcome: 'authenticated' } };

/** Email, password, done: two screens, no loop, no repetition. */
const clean = {
  ask: { meta: { step: 'identify' }, on: { 'identifier.submitted': 'secret' } },
  secret: {
    meta: { step: 'password' },
    on: { 'password.verified': 'done', 'password.rejected': 'secret', 'identifier.change': 'ask' },
  },
  done,
};

/** Seven screens in a row, with two decision states (which show nothing) on the way. */
const sevenScreens = {
  ask: { meta: { step: 'identify' }, on: { 'identifier.submitted': 'secret' } },
  secret: { meta: { step: 'password' }, on: { 'password.verified': 'route', 'password.rejected': 'secret' } },
  route: { always: 'mailbox' },
  mailbox: { meta: { step: 'email-code' }, on: { 'code.verified': 'app' } },
  app: { meta: { step: 'totp' }, on: { 'totp.verified': 'again' } },
  again: { always: 'codes' },
  codes: { meta: { step: 'recovery-codes' }, on: { 'codes.saved': 'left' } },
  left: { meta: { step: 'recovery-codes-left' }, on: { 'notice.seen': 'newPassword' } },
  newPassword: { meta: { step: 'new-password' }, on: { 'password.chosen': 'done' } },
  done,
};

describe('friction smells', () => {
  it('finds none in a short journey without loops or repetition', () => {
    expect(smellsOf(clean)).toEqual([]);
  });

  it('warns when the shortest way to success shows more screens than allowed, and names the path', () => {
    const [warning, ...others] = smellsOf(sevenScreens);
    expect(others).toEqual([]);
    expect(warning).toMatchObject({ rule: 'long-path', state: 'ask' });
    expect(warning?.message).toContain('shows 7 screens, more than 6');
    expect(warning?.message).toContain(
      'ask (identify) > secret (password) > route > mailbox (email-code) > app (totp) > again > codes (recovery-codes) > left (recovery-codes-left) > newPassword (new-password) > done',
    );
  });

  it('counts only screens, takes --max-screens, and measures the shortest way only', () => {
    expect(smellsOf(sevenScreens, { maxScreens: 7 })).toEqual([]);
    expect(smellsOf(clean, { maxScreens: 1 })).toMatchObject([{ rule: 'long-path', state: 'ask' }]);
    // A passkey on the first screen is a one-screen way to success: the long way is no smell.
    const withPasskey = {
      ...sevenScreens,
      ask: {
        meta: { step: 'identify' },
        on: { 'identifier.submitted': 'secret', 'passkey.verified': 'done' },
      },
    };
    expect(smellsOf(withPasskey)).toEqual([]);
  });

  it('warns about a loop whose only way out is a guard that going round does not change', () => {
    const smells = smellsOf({
      secret: {
        meta: { step: 'password' },
        on: { 'password.verified': 'route', 'password.rejected': 'secret' },
      },
      route: {
        always: [
          { guard: { type: 'hasFactor', params: { factor: 'totp' } }, target: 'done' },
          { target: 'secret' },
        ],
      },
      done,
    });
    expect(smells).toMatchObject([{ rule: 'loop-without-exit', state: 'secret' }]);
    expect(smells[0]?.message).toContain('the flow can go round secret, route for ever');
    expect(smells[0]?.message).toContain('route [hasFactor(factor=totp)] --> done');
  });

  it('warns about a screen every way out of which is guarded, and a decision without a default', () => {
    const screen = smellsOf({
      secret: {
        meta: { step: 'password' },
        on: {
          'password.verified': {
            guard: { type: 'hasFactor', params: { factor: 'password' } },
            target: 'done',
          },
          'password.rejected': 'secret',
        },
      },
      done,
    });
    expect(screen).toMatchObject([{ rule: 'loop-without-exit', state: 'secret' }]);
    expect(screen[0]?.message).toContain('the person can only submit "secret" again');
    const decision = smellsOf({
      ask: { meta: { step: 'identify' }, on: { 'identifier.submitted': 'route' } },
      route: { always: { guard: { type: 'hasFactor', params: { factor: 'password' } }, target: 'done' } },
      done,
    });
    expect(decision).toMatchObject([{ rule: 'loop-without-exit', state: 'route' }]);
    expect(decision[0]?.message).toContain('stops in decision "route" with no screen to show');
  });

  it('takes a retry that another event leaves, or an exit that going round makes true, as a way out', () => {
    const resend = smellsOf({
      mailbox: {
        meta: { step: 'email-code' },
        on: { 'code.verified': 'done', 'code.resend': { target: 'mailbox', reenter: true } },
      },
      done,
    });
    expect(resend).toEqual([]);
    // "Prove factors until the request is met": each factor proven brings requestSatisfied closer.
    const hub = smellsOf({
      route: { always: [{ guard: 'requestSatisfied', target: 'done' }, { target: 'app' }] },
      app: { meta: { step: 'totp' }, on: { 'totp.verified': 'route' } },
      done,
    });
    expect(hub).toEqual([]);
  });

  it('warns when the same step is shown twice in a row, also through decision states', () => {
    const smells = smellsOf({
      confirm: { meta: { step: 'email-code' }, on: { 'code.verified': 'check' } },
      check: {
        always: [{ guard: 'needsSecondFactor', target: 'second' }, { target: 'done' }],
      },
      second: { meta: { step: 'email-code' }, on: { 'code.verified': 'done' } },
      done,
    });
    expect(smells).toEqual([
      {
        rule: 'repeated-step',
        state: 'confirm',
        message: expect.stringContaining(
          'step "email-code" is shown twice in a row, with no other screen between: confirm --code.verified--> check --(always) [needsSecondFactor]--> second',
        ),
      },
    ]);
  });

  it('takes a screen between two of the same step, or the same state again, as no repetition', () => {
    expect(
      smellsOf({
        confirm: { meta: { step: 'email-code' }, on: { 'code.verified': 'app' } },
        app: { meta: { step: 'totp' }, on: { 'totp.verified': 'second' } },
        second: { meta: { step: 'email-code' }, on: { 'code.verified': 'done' } },
        done,
      }),
    ).toEqual([]);
    expect(
      smellsOf({
        mailbox: {
          meta: { step: 'email-code' },
          on: { 'code.verified': 'route', 'code.resend': { target: 'mailbox', reenter: true } },
        },
        route: { always: [{ guard: 'requestSatisfied', target: 'done' }, { target: 'mailbox' }] },
        done,
      }),
    ).toEqual([]);
  });

  it('finds in the shipped journeys only the two mailed codes in a row of login', () => {
    const all = journeyFiles(journeysDir).flatMap((file) =>
      journeySmells(compileJourney(file, readFileSync(file, 'utf8')).definition).map((w) => ({
        file: basename(file),
        ...w,
      })),
    );
    expect(all.filter((w) => w.file === 'login.json')).toMatchObject([
      { rule: 'repeated-step', state: 'confirmByEmail' },
    ]);
    expect(all.find((w) => w.file === 'login.json')?.message).toContain('--> emailSecondFactor');
    // Variants of login copy its states, and with them the same smell; nothing else smells.
    for (const w of all) expect(w).toMatchObject({ rule: 'repeated-step', state: 'confirmByEmail' });
  });
});
