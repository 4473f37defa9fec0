/**
 * The cost of a flow step that does no hashing, seen from the client: each round on one flow posts
 * an invalid email (the identify screen comes back with a field message), then a valid one (restore
 * the snapshot, transition to the password state, persist), then "Use another email" (back to
 * identify, persisted again). The server-rendered page is timed once per flow.
 */
import type { RelyingParty } from './relying-party.ts';
import { type Laps, nextScreen, openInteraction, screenOfPage, stopwatch } from './sign-in.ts';

function expectStep(step: string, want: string): void {
  if (step !== want) throw new Error(`expected the ${want} screen, got ${step}`);
}

/** One flow: its page, then `rounds` rounds of invalid email → identify → back, each step timed. */
export async function stepRounds(rp: RelyingParty, email: string, rounds: number, laps: Laps): Promise<void> {
  const { browser, page } = await openInteraction(rp);
  const lap = stopwatch(laps);
  let screen = screenOfPage(await browser.page(page));
  lap('page');
  for (let round = 0; round < rounds; round++) {
    screen = await nextScreen(browser, screen, { email: 'not an email' });
    lap('invalid');
    expectStep(screen.step, 'identify');
    lap.restart();
    screen = await nextScreen(browser, screen, { email });
    lap('identify');
    expectStep(screen.step, 'password');
    lap.restart();
    screen = await nextScreen(browser, screen, {}, 'identifier.change');
    lap('back');
    expectStep(screen.step, 'identify');
    lap.restart();
  }
}
