/**
 * Runs a plan against the real server: prepares its world, starts the flow, sends each event of the
 * path through the JSON flow API, checks every screen the server lands on, and what the app gets.
 */
import { expect } from 'vitest';
import type { Trigger } from '../../server/flows/flow-context.ts';
import type { FlowApiResponse, Screen } from '../../server/flows/screen.ts';
import type { JourneyDefinition } from '../../server/journeys/index.ts';
import type { PorticoContext } from '../helpers/use-portico.ts';
import { guardFixtures } from './guard-fixtures.ts';
import { stepFixtures } from './path-fixtures.ts';
import { eventless } from './path-model.ts';
import type { Plan } from './path-plan.ts';
import { type Begun, begin, followOnOrigin, type Start } from './path-setup.ts';
import { expectedClaims, startContext } from './path-world.ts';

/** The journeys the server runs for a trigger: the one bound, or each variant of an experiment. */
export type JourneysFor = (trigger: Trigger) => JourneyDefinition[];

/** The OIDC error the app gets for each outcome that is not a sign-in. */
const ERRORS: Record<string, string> = {
  denied: 'access_denied',
  unmet: 'unmet_authentication_requirements',
};
/** Outcomes that hand the sign-in to another journey, and the trigger it starts (see `handOver()`). */
const HAND_OVER: Record<string, Trigger> = { recover: 'recovery', signin: 'login' };
/** What the account page says after a task, by outcome. */
const TASK_NOTICES: Record<string, string> = { authenticated: 'done', denied: 'cancelled', unmet: 'unmet' };

/** Follows the flow's last redirect back to the app and checks what the app gets for the outcome. */
async function arrive(begun: Begun, plan: Plan, redirect: string, outcome: string, where: string) {
  const { run, auth } = begun;
  if (!auth) {
    // An account-page task: the account page takes the code itself and says how the task went.
    const page = await followOnOrigin(run.browser, redirect);
    expect(`${page.pathname}${page.search}`, where).toBe(`/account?notice=${TASK_NOTICES[outcome]}`);
    return;
  }
  const back = await run.browser.followUntilAway(redirect);
  expect(`${back.origin}${back.pathname}`, where).toBe(run.rp.redirectUri);
  const claims = expectedClaims(plan.world, plan.context.methods);
  // A sign-in that did not earn the level asked for ends as unmet (finish-interaction.ts).
  const error = ERRORS[outcome === 'authenticated' && !claims.acr ? 'unmet' : outcome];
  const description = back.searchParams.get('error_description');
  expect(back.searchParams.get('error'), `${where}: ${description}`).toBe(error ?? null);
  if (error) return;
  const got = (await run.rp.exchange(back, auth)).claims()!;
  expect(got.email, where).toBe(run.email);
  if (outcome !== 'authenticated') return;
  expect(got.acr, `${where}: the ID token's acr`).toBe(claims.acr);
  const amr = [...((got.amr as string[] | undefined) ?? [])].sort();
  expect(amr, `${where}: the ID token's amr`).toEqual(claims.amr);
}

/** The address a screen is about (the email field, or the hidden one beside "Signing in as"). */
const emailOf = (screen: Screen) =>
  screen.nodes.flatMap((n) =>
    n.type === 'input' && n.attributes.name === 'email' ? [n.attributes.value] : [],
  )[0];

/**
 * A flow that hands the sign-in over ("Forgot password?", "Back to sign in") answers the first screen
 * of the journey its trigger runs, on the same interaction, with the address typed; not a redirect.
 */
function handedOver(
  begun: Begun,
  plan: Plan,
  body: FlowApiResponse,
  trigger: Trigger,
  journeysFor: JourneysFor,
  where: string,
) {
  if (!('screen' in body))
    throw new Error(
      `${where}: expected the ${trigger} journey's first screen, got ${JSON.stringify(body).slice(0, 300)}`,
    );
  const { screen } = body;
  const bound = journeysFor(trigger);
  const next = bound.find((j) => j.id === screen.journey.id);
  if (!next)
    throw new Error(
      `${where}: expected a ${trigger} journey (${bound.map((j) => j.id).join(', ')}), got "${screen.journey.id}"`,
    );
  const { identifier } = plan.context;
  const context = { ...startContext(trigger, plan.world, 'model'), ...(identifier ? { identifier } : {}) };
  expect(screen.state, `${where}: the ${next.id} journey's first screen`).toBe(
    eventless(next, next.initial, context).at(-1)?.to ?? next.initial,
  );
  if (identifier) expect(emailOf(screen), `${where}: the address goes along`).toBe(begun.run.email);
  begun.run.screen = screen;
}

/** Checks the flow API's answer against the state the plan says the server lands in. */
async function land(
  journey: JourneyDefinition,
  begun: Begun,
  plan: Plan,
  body: FlowApiResponse,
  landing: string,
  where: string,
  journeysFor: JourneysFor,
) {
  const state = journey.states[landing];
  const outcome = state?.type === 'final' ? state.meta?.outcome : undefined;
  const handOver = outcome && HAND_OVER[outcome];
  if (handOver) return handedOver(begun, plan, body, handOver, journeysFor, where);
  if (!outcome) {
    if (!('screen' in body))
      throw new Error(
        `${where}: expected the "${landing}" screen, got ${JSON.stringify(body).slice(0, 300)}`,
      );
    expect(body.screen.journey.id, where).toBe(journey.id);
    expect(body.screen.state, where).toBe(landing);
    begun.run.screen = body.screen;
    return;
  }
  if (!('redirect' in body))
    throw new Error(`${where}: expected to finish (${outcome}), got ${JSON.stringify(body).slice(0, 300)}`);
  await arrive(begun, plan, body.redirect, outcome, where);
}

/** Prepares the plan's world, starts the flow, and sends each event of the path as the person. */
export async function runPlan(
  ctx: PorticoContext,
  journey: JourneyDefinition,
  start: Start,
  plan: Plan,
  email: string,
  journeysFor: JourneysFor,
): Promise<void> {
  const begun = await begin(ctx, start, plan.world, email);
  const { run } = begun;
  const [first, ...moves] = plan.moves;
  await land(journey, begun, plan, begun.first, first!.landing, `${journey.id}: at the start`, journeysFor);
  for (const move of moves) {
    const edge = move.edge!;
    const where = `${journey.id}: at "${edge.from}" (step ${run.screen.step}) sending ${edge.event}`;
    expect(run.screen.state, where).toBe(edge.from);
    let body: FlowApiResponse;
    try {
      for (const b of move.before)
        await guardFixtures[b.guard]!.beforeEvent!.act(run, b.params, move.context);
      body = await stepFixtures[run.screen.step]![edge.event]!.send(run);
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
    }
    await land(journey, begun, plan, body, move.landing, where, journeysFor);
  }
}
