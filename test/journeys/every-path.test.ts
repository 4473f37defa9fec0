import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guards } from '../../server/guards/index.ts';
import { compileJourney, journeyFiles } from '../../server/journeys/index.ts';
import { coveringPaths, type JourneyEdge } from '../../server/journeys/journey-graph.ts';
import { steps } from '../../server/steps/index.ts';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { THIRD_PARTY_CLIENT } from '../helpers/portico-server.ts';
import { BrowserSession, relyingParty } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { guardFixtures, type PathRun, stepFixtures } from './path-fixtures.ts';

const journeys = journeyFiles(join(import.meta.dirname, '..', '..', 'journeys')).map(
  (file) => compileJourney(file, readFileSync(file, 'utf8')).definition,
);

const describePath = (path: JourneyEdge[]) =>
  [path[0]!.from, ...path.map((e) => `-${e.event}${e.guard ? `[${e.guard}]` : ''}-> ${e.to}`)].join(' ');

let counter = 0;
const uniqueEmail = (journey: string) => `${journey}-path-${++counter}@example.com`;

describe('every path of every shipped journey', () => {
  const ctx = usePortico();

  it('has a fixture for every step event and every guard', () => {
    for (const step of steps.values()) {
      for (const event of [...step.emits, ...(step.optionalEvents ?? [])]) {
        expect(
          stepFixtures[step.name]?.[event],
          `test/journeys/path-fixtures.ts needs ${step.name} → ${event}`,
        ).toBeTypeOf('function');
      }
    }
    for (const guard of guards.keys())
      expect(guardFixtures[guard], `path-fixtures.ts needs guard ${guard}`).toBeTypeOf('function');
  });

  /** Opens a flow of the journey as its trigger would: a sign-in, `prompt=create`, a third-party app. */
  async function begin(
    journeyId: string,
  ): Promise<{ run: PathRun; finish: (redirect: string) => Promise<URL | string> }> {
    const { portico, rp } = ctx;
    const email = uniqueEmail(journeyId);
    const browser = new BrowserSession(portico.url);
    if (journeyId === 'signup' || journeyId === 'login') {
      // A sign-in needs an account to sign in to; a sign-up starts with prompt=create.
      if (journeyId === 'login') await createAccount(portico, rp, email);
      const auth = await rp.begin(browser, journeyId === 'signup' ? { prompt: 'create' } : {});
      const screen = await browser.screen(auth.uid!);
      return {
        run: { portico, rp, browser, screen, email, password: TEST_PASSWORD },
        finish: async (redirect) => (await rp.complete(browser, redirect, auth)).claims()!.email as string,
      };
    }
    if (journeyId === 'consent') {
      await createAccount(portico, rp, email);
      const partner = await relyingParty(portico.url, THIRD_PARTY_CLIENT);
      const auth = await partner.begin(browser);
      let screen = await browser.next(await browser.screen(auth.uid!), { email });
      const redirect = await browser.finish(screen, { password: TEST_PASSWORD });
      const landed = await browser.followUntilAway(redirect);
      screen = await browser.screen(landed.pathname.split('/')[2]!);
      const run = { portico, rp: partner, browser, screen, email, password: TEST_PASSWORD };
      return {
        run,
        finish: async (next) => {
          const away = await browser.followUntilAway(next);
          if (away.searchParams.get('error')) return away;
          return (await partner.exchange(away, auth)).claims()!.email as string;
        },
      };
    }
    throw new Error(`no way to start journey "${journeyId}" in test/journeys/every-path.test.ts`);
  }

  for (const journey of journeys) {
    for (const path of coveringPaths(journey)) {
      it(`${journey.id}: ${describePath(path)}`, async () => {
        const { run, finish } = await begin(journey.id);
        expect(run.screen.journey.id).toBe(journey.id);
        for (const edge of path) {
          const where = `${journey.id}: at "${edge.from}" sending ${edge.event}`;
          expect(run.screen.state, where).toBe(edge.from);
          if (edge.guard) await guardFixtures[edge.guard]!(run, edge.guardParams ?? {});
          const submit = stepFixtures[run.screen.step]?.[edge.event];
          if (!submit) throw new Error(`${where}: no fixture for step "${run.screen.step}"`);
          const body = await submit(run);
          const outcome = journey.states[edge.to]?.meta?.outcome;
          if (!outcome) {
            if (!('screen' in body))
              throw new Error(`${where}: expected the "${edge.to}" screen, got ${JSON.stringify(body)}`);
            run.screen = body.screen;
            continue;
          }
          if (!('redirect' in body))
            throw new Error(
              `${where}: expected to finish (${outcome}), got ${JSON.stringify(body).slice(0, 300)}`,
            );
          const result = await finish(body.redirect);
          if (outcome === 'denied')
            expect((result as URL).searchParams.get('error'), where).toBe('access_denied');
          else expect(result, where).toBe(run.email);
        }
      });
    }
  }
});
