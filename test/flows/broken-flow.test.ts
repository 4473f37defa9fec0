import { describe, expect, it } from 'vitest';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('a flow whose snapshot no longer fits its journey', () => {
  const ctx = usePortico();

  /** Starts a sign-in, then damages its stored snapshot as a bad migration or a hand edit would. */
  async function brokenFlow() {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    const screen = await browser.screen(auth.uid!);
    const { store } = ctx.portico.portico;
    const record = (await store.flows.get(screen.flow.id))!;
    const snapshot = JSON.parse(record.snapshot);
    await store.flows.update(record.id, record.revision, {
      snapshot: JSON.stringify({ ...snapshot, value: 'aStateNoLongerThere' }),
      revision: record.revision,
      status: 'active',
    });
    return { browser, auth, screen };
  }

  it('sends a posted form to the start of a fresh flow, with a notice and an event', async () => {
    const { browser, screen } = await brokenFlow();
    const { status, body } = await browser.submit(screen, { email: 'someone@example.com' });
    expect(status).toBe(409);
    if (!('screen' in body)) throw new Error(`expected a screen: ${JSON.stringify(body)}`);
    expect(body.screen).toMatchObject({ state: 'provideIdentifier', step: 'identify' });
    expect(body.screen.flow.id).not.toBe(screen.flow.id);
    expect(body.screen.messages.map((m) => m.id)).toContain('info.flow.stale');
    const events = await ctx.portico.portico.store.events.list({
      flowId: screen.flow.id,
      type: 'flow.broken',
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({ reason: 'snapshot_unfit', state: 'aStateNoLongerThere' });
    expect(events[0]?.deviceId).toEqual(expect.any(String));
  });

  it('shows the start of a fresh flow on the next page load', async () => {
    const { browser, auth, screen } = await brokenFlow();
    const page = await browser.request(`/interaction/${auth.uid}`);
    expect(page.status).toBe(200);
    const fresh = await browser.screen(auth.uid!);
    expect(fresh).toMatchObject({ state: 'provideIdentifier', step: 'identify' });
    expect(fresh.flow.id).not.toBe(screen.flow.id);
  });
});
