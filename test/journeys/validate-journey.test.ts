// biome-ignore-all lint/suspicious/noExplicitAny: these tests break journeys one field at a time
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journeySchemaPath, journeySchemaText } from '../../scripts/journey-schema.ts';
import { compileJourney, JourneyError, journeyFiles, validateJourney } from '../../server/journeys/index.ts';

const journeysDir = join(import.meta.dirname, '..', '..', 'journeys');

/** A small valid journey to break one rule at a time. */
function journey(): Record<string, any> {
  return {
    id: 'tiny',
    version: '1.0.0',
    initial: 'ask',
    states: {
      ask: { meta: { step: 'identify' }, on: { 'identifier.submitted': 'secret' } },
      secret: {
        meta: { step: 'password' },
        on: { 'password.verified': 'done', 'password.rejected': 'secret' },
      },
      done: { type: 'final', meta: { outcome: 'authenticated' } },
    },
  };
}

const problemsOf = (json: unknown) =>
  validateJourney(json).problems.map((p) => `${p.state ?? '-'}: ${p.message}`);

describe('the journey validator', () => {
  it('accepts every shipped journey', () => {
    const files = journeyFiles(journeysDir);
    expect(files.map((f) => f.split('/').pop())).toEqual([
      'consent.json',
      'login-passkey-first.json',
      'login.json',
      'recovery.json',
      'signup.json',
      'stepup.json',
      'task-add-passkey.json',
      'task-change-password.json',
      'task-email-codes-on.json',
      'task-factor-change.json',
      'task-recovery-codes.json',
      'task-setup-totp.json',
    ]);
    for (const file of files) expect(() => compileJourney(file, readFileSync(file, 'utf8'))).not.toThrow();
  });

  it('accepts the small journey the other cases break', () => {
    expect(problemsOf(journey())).toEqual([]);
  });

  it('refuses a journey that does not fit the schema, naming the state and field', () => {
    const j = journey();
    j.states.ask.onn = {};
    expect(problemsOf(j).join('\n')).toMatch(/^ask: .*onn/m);
  });

  it('refuses code in a journey (functions are not JSON; unknown keys are refused)', () => {
    const j = journey();
    j.states.ask.invoke = { src: 'anything' };
    expect(problemsOf(j).join('\n')).toMatch(/^ask: .*invoke/m);
  });

  it('refuses an unknown step', () => {
    const j = journey();
    j.states.ask.meta.step = 'idenitfy';
    expect(problemsOf(j)).toContainEqual(
      expect.stringMatching(/^ask: unknown step "idenitfy"; known steps: .*identify/),
    );
  });

  it('refuses step params that do not fit', () => {
    const j = journey();
    j.states.ask.meta.params = { purpose: 'register' };
    expect(problemsOf(j)).toContainEqual(expect.stringMatching(/^ask: step "identify" params\.purpose: /));
  });

  it('refuses an unknown guard and guard params that do not fit', () => {
    const j = journey();
    j.states.secret.on['password.verified'] = [{ guard: 'isFriday', target: 'done' }, { target: 'done' }];
    expect(problemsOf(j)).toContainEqual(expect.stringMatching(/^secret: unknown guard "isFriday"/));
    j.states.secret.on['password.verified'] = [
      { guard: { type: 'failuresAtLeast', params: { count: 'three' } }, target: 'done' },
    ];
    expect(problemsOf(j)).toContainEqual(
      expect.stringMatching(/^secret: guard "failuresAtLeast" params\.count: /),
    );
  });

  it('refuses an unknown action and action params that do not fit', () => {
    const j = journey();
    j.states.secret.entry = ['sendSms'];
    expect(problemsOf(j)).toContainEqual(expect.stringMatching(/^secret: unknown action "sendSms"/));
    j.states.secret.entry = [{ type: 'sendEmailCode', params: { ttlMinutes: 0 } }];
    expect(problemsOf(j)).toContainEqual(
      expect.stringMatching(/^secret: action "sendEmailCode" params\.ttlMinutes: /),
    );
  });

  it('refuses a state that does not handle an event its step sends', () => {
    const j = journey();
    delete j.states.secret.on['password.rejected'];
    expect(problemsOf(j)).toContainEqual(
      'secret: step "password" sends "password.rejected" but the state does not handle it: add on.password.rejected',
    );
  });

  it('refuses an event the step never sends (a typo would strand the person)', () => {
    const j = journey();
    j.states.secret.on['password.verifed'] = 'done';
    expect(problemsOf(j)).toContainEqual(
      expect.stringMatching(/^secret: step "password" never sends "password.verifed"/),
    );
  });

  it('refuses a transition to a state that does not exist', () => {
    const j = journey();
    j.states.ask.on['identifier.submitted'] = 'secrte';
    expect(problemsOf(j)).toContainEqual(
      expect.stringMatching(/^ask: on "identifier.submitted": target "secrte" does not exist/),
    );
  });

  it('refuses a missing initial state', () => {
    const j = journey();
    j.initial = 'start';
    expect(problemsOf(j)).toContainEqual(expect.stringMatching(/^-: initial state "start" does not exist/));
  });

  it('refuses an unreachable state', () => {
    const j = journey();
    j.states.orphan = { meta: { step: 'identify' }, on: { 'identifier.submitted': 'done' } };
    expect(problemsOf(j)).toContainEqual('orphan: unreachable from the initial state "ask"');
  });

  it('refuses a state that cannot reach a final state', () => {
    const j = journey();
    j.states.secret.on['password.verified'] = 'secret';
    expect(problemsOf(j)).toContainEqual('secret: cannot reach any final state (the person would be stuck)');
  });

  it('refuses a final state without an outcome, and a non-final state without a step', () => {
    const j = journey();
    j.states.done.meta = {};
    j.states.ask.meta = {};
    const problems = problemsOf(j);
    expect(problems).toContainEqual(expect.stringMatching(/^done: a final state needs meta.outcome/));
    expect(problems).toContainEqual(expect.stringMatching(/^ask: needs meta.step/));
  });

  it('names the file and the state when compiling a broken journey', () => {
    const j = journey();
    j.states.ask.meta.step = 'nope';
    expect(() => compileJourney('journeys/tiny.json', JSON.stringify(j))).toThrow(JourneyError);
    expect(() => compileJourney('journeys/tiny.json', JSON.stringify(j))).toThrow(
      /journeys\/tiny\.json:ask: unknown step "nope"/,
    );
    expect(() => compileJourney('journeys/tiny.json', '{ not json')).toThrow(
      /journeys\/tiny\.json: not valid JSON/,
    );
  });

  it('keeps the committed journey.schema.json in step with the validator', () => {
    expect(readFileSync(journeySchemaPath, 'utf8')).toBe(journeySchemaText());
  });
});

describe('the generated journey catalogue', () => {
  it('keeps journeys/README.md in step with the steps, guards, actions and journeys', async () => {
    const { journeysReadmePath, journeysReadmeText } = await import('../../scripts/journeys-readme.ts');
    expect(readFileSync(journeysReadmePath, 'utf8'), 'run npm run journeys:schema').toBe(
      journeysReadmeText(),
    );
  });
});
