import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trigger } from '../../server/flows/flow-context.ts';
import { guards } from '../../server/guards/index.ts';
import {
  type Binding,
  compileJourney,
  type JourneyDefinition,
  journeyFiles,
  journeysOf,
  loadBindings,
} from '../../server/journeys/index.ts';
import { coveringPaths, edgesOf, type JourneyEdge } from '../../server/journeys/journey-graph.ts';
import { steps } from '../../server/steps/index.ts';
import { type PorticoContext, usePortico } from '../helpers/use-portico.ts';
import { extraPaths } from './extra-paths.ts';
import { guardFixtures } from './guard-fixtures.ts';
import { stepFixtures } from './path-fixtures.ts';
import { describeEdge, keyOf } from './path-model.ts';
import { type Plan, planPath } from './path-plan.ts';
import { flowContextOf } from './path-recovery.ts';
import { type JourneysFor, runPlan } from './path-run.ts';
import { begin, type Start } from './path-setup.ts';
import { describeWorld, type World, worldsOver } from './path-world.ts';

const journeysDir = join(import.meta.dirname, '..', '..', 'journeys');
const journeys = journeyFiles(journeysDir).map(
  (file) => compileJourney(file, readFileSync(file, 'utf8')).definition,
);

const bindings = loadBindings(
  join(journeysDir, 'bindings.json'),
  journeys.map((j) => j.id),
);
/** Account-page tasks that need nothing on the account first (no credential to remove). */
const PLAIN_TASKS = new Set([
  'add-passkey',
  'setup-totp',
  'email-codes-on',
  'new-recovery-codes',
  'change-password',
]);

/**
 * Tasks that act on what the account holds, and what it must hold for the change to be allowed:
 * removing the app is refused while it is the last second factor, so the account also has email codes.
 */
const PREPARED_TASKS: Record<string, Partial<World>> = { 'remove-totp': { totp: true, 'email-otp': true } };

/** How a journey starts; `direct`: on a server whose bindings run it plainly (see `directServer`). */
type PathStart = Start & { direct?: boolean };

/**
 * How a journey starts, by bindings.json: as its default trigger, or as an account-page task bound to
 * it. An experiment variant (bound in an experiment, or shipped unbound as `<journey>-<change>.json`
 * for one, README "Run an experiment") starts like its trigger, with the binding naming it directly:
 * the shipped server would pick a variant by the random device of each path's browser.
 */
function startOf(journeyId: string): PathStart | undefined {
  const defaults = Object.entries(bindings.default);
  const trigger = defaults.find(([, b]) => b === journeyId)?.[0];
  if (trigger) return { trigger: trigger as Trigger };
  const variantOf = (defaults.find(([, b]) => journeysOf(b).includes(journeyId)) ??
    defaults.find(([, b]) => journeysOf(b).some((id) => journeyId.startsWith(`${id}-`))))?.[0];
  if (variantOf) return { trigger: variantOf as Trigger, direct: true };
  const tasks = Object.entries(bindings.tasks).filter(([, id]) => id === journeyId);
  const task = (tasks.find(([name]) => PLAIN_TASKS.has(name)) ??
    tasks.find(([name]) => PREPARED_TASKS[name]) ??
    tasks[0])?.[0];
  return task ? { trigger: 'task', task } : undefined;
}

/**
 * Each path is another person on another network (its browser claims its own address through the
 * loopback proxy): the paths' wrong passwords must not add up to a credential-stuffing signal.
 */
const PEOPLE_APART = { TRUSTED_PROXIES: '127.0.0.1, ::1' };

/** A server whose bindings.json runs `journeyId` for `trigger` (a copy of the shipped journeys folder). */
function directServer(journeyId: string, trigger: Trigger): PorticoContext {
  const dir = mkdtempSync(join(tmpdir(), 'portico-journeys-'));
  cpSync(journeysDir, dir, { recursive: true });
  const direct = { ...bindings, default: { ...bindings.default, [trigger]: journeyId } };
  writeFileSync(join(dir, 'bindings.json'), JSON.stringify(direct));
  // biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper (it registers beforeAll/afterAll), not a React hook
  return usePortico({ journeysDir: dir, env: PEOPLE_APART });
}

/**
 * The journeys a trigger runs on the path's server (a hand-over, such as "Forgot password?", starts
 * one): the shipped bindings, with the journey itself for its trigger on a direct server.
 */
function journeysFor(journey: JourneyDefinition, start: PathStart | undefined): JourneysFor {
  const served: Record<string, Binding> = {
    ...bindings.default,
    ...(start?.direct ? { [start.trigger]: journey.id } : {}),
  };
  return (trigger) => {
    const ids = served[trigger] ? journeysOf(served[trigger]) : [];
    return journeys.filter((j) => ids.includes(j.id));
  };
}

const describePath = (path: JourneyEdge[]) => [path[0]!.from, ...path.map(describeEdge)].join(' ');

let counter = 0;
const uniqueEmail = (journey: string) => `${journey}-path-${++counter}@example.com`;

/** The plan of a path, or the error that keeps it from having one (reported by its test). */
function tryPlan(journey: JourneyDefinition, start: Start | undefined, path: JourneyEdge[]): Plan | Error {
  try {
    if (!start)
      throw new Error(
        `bindings.json binds journey "${journey.id}" to nothing: no way to start it (bind it, or name an experiment variant after the journey it varies, such as login-<change>.json)`,
      );
    const plan = planPath(journey, start.trigger, path);
    Object.assign(plan.world, PREPARED_TASKS[start.task ?? ''] ?? {});
    return plan;
  } catch (err) {
    return err as Error;
  }
}

describe('every path of every shipped journey', () => {
  const ctx = usePortico({ env: PEOPLE_APART });

  it('has a fixture for every step event and every guard', () => {
    for (const step of steps.values()) {
      for (const event of [...step.emits, ...(step.optionalEvents ?? [])]) {
        expect(
          stepFixtures[step.name]?.[event]?.send,
          `test/journeys/path-fixtures.ts needs ${step.name} → ${event}`,
        ).toBeTypeOf('function');
      }
    }
    for (const guard of guards.keys())
      expect(guardFixtures[guard]?.knobs, `test/journeys/guard-fixtures.ts needs guard ${guard}`).toBeTypeOf(
        'function',
      );
  });

  const runs = (
    ctx: PorticoContext,
    journey: JourneyDefinition,
    start: PathStart | undefined,
    title: string,
    plan: Plan | Error,
  ) => {
    if (plan instanceof Error)
      return it(title, () => {
        throw plan;
      });
    // A path no preparation can run says so, and runs as far as it goes: the server must agree where it ends.
    it(plan.impossible ? `${title} — cannot happen: ${plan.impossible}` : title, async () => {
      try {
        await runPlan(ctx, journey, start!, plan, uniqueEmail(journey.id), journeysFor(journey, start));
      } catch (err) {
        if (err instanceof Error) err.message += ` [prepared: ${describeWorld(plan.world)}]`;
        throw err;
      }
    });
  };

  // Recoveries run last: a sign-in after them must still meet no challenge (the test after them).
  const recovers = (j: JourneyDefinition) => startOf(j.id)?.trigger === 'recovery';
  for (const journey of [...journeys.filter((j) => !recovers(j)), ...journeys.filter(recovers)]) {
    const start = startOf(journey.id);
    const server = start?.direct ? directServer(journey.id, start.trigger) : ctx;
    const covered = new Set<string>();
    for (const path of coveringPaths(journey)) {
      const plan = tryPlan(journey, start, path);
      if (!(plan instanceof Error)) for (const e of path.slice(0, plan.matched)) covered.add(keyOf(e));
      runs(server, journey, start, `${journey.id}: ${describePath(path)}`, plan);
    }
    // Transitions no covering path runs get a path of their own, found by searching the model.
    const missing = edgesOf(journey).filter((e) => !covered.has(keyOf(e)));
    let extra: ReturnType<typeof extraPaths> | Error;
    try {
      extra = start ? extraPaths(journey, start.trigger, missing) : { paths: [], unreachable: missing };
    } catch (err) {
      extra = err as Error;
    }
    for (const { path, through } of extra instanceof Error ? [] : extra.paths) {
      const title = `${journey.id}: ${describePath(path)} (for ${through.from} ${describeEdge(through)}, on no covering path)`;
      runs(server, journey, start, title, tryPlan(journey, start, path));
    }
    it(`${journey.id}: every transition is on a path that runs`, () => {
      if (extra instanceof Error) throw extra;
      const never = extra.unreachable.map((e) => `${e.from} ${describeEdge(e)}`);
      expect(never, 'no preparation reaches these within ten events').toEqual([]);
    });
  }

  // Every recovery above typed an address and none was a failed sign-in: a person signing in now
  // meets the password screen, not the challenge a wave of failing sign-ins (an attack) earns.
  it('recovery: a sign-in after many recoveries meets no challenge', async () => {
    const world = worldsOver([])[0]!;
    const { run, first } = await begin(ctx, { trigger: 'login' }, world, uniqueEmail('after-recovery'));
    if (!('screen' in first)) throw new Error(`the sign-in shows no screen: ${JSON.stringify(first)}`);
    run.screen = first.screen;
    const next = await stepFixtures.identify!['identifier.submitted']!.send(run);
    if (!('screen' in next)) throw new Error(`the address got no screen: ${JSON.stringify(next)}`);
    run.screen = next.screen;
    const { risk } = await flowContextOf(run);
    expect(next.screen.step, `the flow's risk: ${JSON.stringify(risk)}`).toBe('password');
  });
});
