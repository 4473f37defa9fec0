import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { type Experiment, pickVariant } from '../../server/journeys/index.ts';
import type { StoredEvent } from '../../server/store/index.ts';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EXPERIMENT: Experiment = {
  experiment: 'passkey-nudge-frequency',
  variants: [
    { name: 'control', journey: 'login', weight: 90 },
    { name: 'passkey-first', journey: 'login-passkey-first', weight: 10 },
  ],
};
const EMAIL = 'experiment@example.com';

/** A copy of the shipped journeys whose bindings.json runs sign-in as the experiment. */
function journeysWithExperiment(): string {
  const shipped = join(import.meta.dirname, '..', '..', 'journeys');
  const dir = mkdtempSync(join(tmpdir(), 'portico-experiment-'));
  cpSync(shipped, dir, { recursive: true });
  const bindings = JSON.parse(readFileSync(join(shipped, 'bindings.json'), 'utf8'));
  bindings.default.login = EXPERIMENT;
  writeFileSync(join(dir, 'bindings.json'), JSON.stringify(bindings));
  return dir;
}

describe('a sign-in experiment over HTTP', () => {
  const ctx = usePortico({ journeysDir: journeysWithExperiment() });
  const events = (flowId: string) => ctx.portico.portico.store.events.list({ flowId });

  /** The flow's `flow.started` event. */
  const startedOf = async (flowId: string) => (await events(flowId)).find((e) => e.type === 'flow.started')!;

  /** Opens a new sign-in in the browser; answers its first screen. */
  async function open(browser: BrowserSession): Promise<Screen> {
    const auth = await ctx.rp.begin(browser, { prompt: 'login' });
    return browser.screen(auth.uid!);
  }

  /** Signs in with the password; answers the flow's first screen. */
  async function signIn(browser: BrowserSession): Promise<Screen> {
    const auth = await ctx.rp.begin(browser, { prompt: 'login' });
    const first = await browser.screen(auth.uid!);
    const password = await browser.next(first, { email: EMAIL });
    await ctx.rp.complete(browser, await browser.finish(password, { password: TEST_PASSWORD }), auth);
    return first;
  }

  /** The variant the flow's events and record say it ran. */
  async function variantOf(flowId: string) {
    const record = await ctx.portico.portico.store.flows.get(flowId);
    return { journeyId: record?.journeyId, variant: record?.variant };
  }

  let browser: BrowserSession;
  let signIns: Screen[];

  beforeAll(async () => {
    ({ browser } = await createAccount(ctx.portico, ctx.rp, EMAIL));
    signIns = [];
    for (let i = 0; i < 3; i++) signIns.push(await signIn(browser));
  });

  it('gives the same browser the same variant on every sign-in', async () => {
    const ran = await Promise.all(signIns.map((s) => variantOf(s.flow.id)));
    expect(new Set(ran.map((r) => r.variant)).size).toBe(1);
    const picked = EXPERIMENT.variants.find((v) => `${EXPERIMENT.experiment}:${v.name}` === ran[0]!.variant);
    expect(picked, `an unknown variant: ${ran[0]!.variant}`).toBeDefined();
    for (const [i, screen] of signIns.entries()) {
      expect(screen.journey.id).toBe(picked!.journey);
      expect(ran[i]!.journeyId).toBe(picked!.journey);
    }
  });

  it('stamps every event of the flow with the journey, its version and the variant', async () => {
    for (const screen of signIns) {
      const { variant, journeyId } = await variantOf(screen.flow.id);
      const list = await events(screen.flow.id);
      expect(list.map((e) => e.type)).toEqual(expect.arrayContaining(['flow.started', 'login.succeeded']));
      for (const event of list) {
        expect(event, event.type).toMatchObject({ variant, journeyId, journeyVersion: expect.any(String) });
      }
    }
  });

  it('assigns by the device id the events record, as pickVariant does', async () => {
    const started = await startedOf(signIns[0]!.flow.id);
    const expected = pickVariant(EXPERIMENT, started.deviceId!);
    expect(started.variant).toBe(`${EXPERIMENT.experiment}:${expected.name}`);
    expect(started.journeyId).toBe(expected.journey);
  });

  it('can put a browser with another cookie on the other variant', async () => {
    const mine = signIns[0]!.journey.id;
    // Each new browser gets its own random cookie, so its own device id. With a 90/10 split,
    // 200 browsers all landing on one side would take odds below one in a billion.
    let other: { screen: Screen; started: StoredEvent } | undefined;
    for (let i = 0; i < 200 && !other; i++) {
      const screen = await open(new BrowserSession(ctx.portico.url));
      if (screen.journey.id !== mine) other = { screen, started: await startedOf(screen.flow.id) };
    }
    expect(other, 'no browser landed on the other variant').toBeDefined();
    const expected = pickVariant(EXPERIMENT, other!.started.deviceId!);
    expect(other!.screen.journey.id).toBe(expected.journey);
    expect(other!.started).toMatchObject({
      journeyId: expected.journey,
      variant: `${EXPERIMENT.experiment}:${expected.name}`,
    });
  });

  it('stamps no variant on a flow whose binding is a plain journey', async () => {
    const started = await ctx.portico.portico.store.events.list({
      type: 'flow.started',
      journeyId: 'signup',
    });
    expect(started.length).toBeGreaterThan(0);
    for (const event of started) expect(event.variant).toBeNull();
  });
});
