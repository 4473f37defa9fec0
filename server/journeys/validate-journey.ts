import { actions } from '../actions/index.ts';
import { guards } from '../guards/index.ts';
import { steps } from '../steps/index.ts';
import {
  asList,
  type JourneyDefinition,
  journeySchema,
  type NamedRef,
  refName,
  refParams,
  transitionsOf,
} from './journey-schema.ts';

/** One thing wrong with a journey, and where. */
export interface JourneyProblem {
  state?: string;
  message: string;
}

type Catalogue = ReadonlyMap<
  string,
  {
    params: {
      safeParse(v: unknown): {
        success: boolean;
        error?: { issues: { path: PropertyKey[]; message: string }[] };
      };
    };
  }
>;

function checkRef(
  kind: 'guard' | 'action',
  ref: NamedRef,
  catalogue: Catalogue,
  state: string,
  problems: JourneyProblem[],
) {
  const name = refName(ref);
  const entry = catalogue.get(name);
  if (!entry) {
    problems.push({
      state,
      message: `unknown ${kind} "${name}"; known ${kind}s: ${[...catalogue.keys()].join(', ')}`,
    });
    return;
  }
  const parsed = entry.params.safeParse(refParams(ref));
  for (const issue of parsed.error?.issues ?? []) {
    problems.push({
      state,
      message: `${kind} "${name}" params${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`,
    });
  }
}

/** States reachable from `from` following `edges`. */
function reach(from: string[], edges: Map<string, Set<string>>): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const next of edges.get(s) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  }
  return seen;
}

/**
 * Every rule the engine enforces before it serves a journey: the schema; every step, guard and
 * action exists and its params fit; every event a step sends is handled and every handled event
 * is one the step can send; every target exists; every state is reachable and can reach a final
 * state; final states declare their outcome.
 */
export function validateJourney(json: unknown): { journey?: JourneyDefinition; problems: JourneyProblem[] } {
  const parsed = journeySchema.safeParse(json);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const [root, state, ...rest] = issue.path.map(String);
        return root === 'states' && state
          ? { state, message: `${rest.join('.') || 'state'}: ${issue.message}` }
          : { message: `${issue.path.join('.') || 'journey'}: ${issue.message}` };
      }),
    };
  }
  const journey = parsed.data;
  const problems: JourneyProblem[] = [];
  const names = Object.keys(journey.states);
  if (!journey.states[journey.initial])
    problems.push({
      message: `initial state "${journey.initial}" does not exist; states: ${names.join(', ')}`,
    });

  const forward = new Map<string, Set<string>>();
  const backward = new Map<string, Set<string>>();
  const finals: string[] = [];
  for (const [name, state] of Object.entries(journey.states)) {
    forward.set(name, new Set());
    for (const ref of [...asList(state.entry), ...asList(state.exit)])
      checkRef('action', ref, actions, name, problems);
    if (state.type === 'final') {
      finals.push(name);
      if (!state.meta?.outcome)
        problems.push({
          state: name,
          message:
            'a final state needs meta.outcome ("authenticated", "consented", "denied", "unmet", "recover" or "signin")',
        });
      if (state.on || state.always || state.meta?.step)
        problems.push({ state: name, message: 'a final state has no step and no transitions' });
      continue;
    }
    const stepName = state.meta?.step;
    const step = stepName ? steps.get(stepName) : undefined;
    if (!stepName && !state.always)
      problems.push({
        state: name,
        message: 'needs meta.step (the screen it shows) or an "always" transition',
      });
    if (stepName && !step)
      problems.push({
        state: name,
        message: `unknown step "${stepName}"; known steps: ${[...steps.keys()].join(', ')}`,
      });
    if (step) {
      for (const issue of step.params.safeParse(state.meta?.params ?? {}).error?.issues ?? []) {
        problems.push({
          state: name,
          message: `step "${step.name}" params${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`,
        });
      }
      for (const event of step.emits) {
        if (!state.on?.[event])
          problems.push({
            state: name,
            message: `step "${step.name}" sends "${event}" but the state does not handle it: add on.${event}`,
          });
      }
      const known = new Set([...step.emits, ...(step.optionalEvents ?? [])]);
      for (const event of Object.keys(state.on ?? {})) {
        if (!known.has(event))
          problems.push({
            state: name,
            message: `step "${step.name}" never sends "${event}"; it sends: ${[...known].join(', ')}`,
          });
      }
    }
    for (const { event, transition } of transitionsOf(state)) {
      if (transition.guard) checkRef('guard', transition.guard, guards, name, problems);
      for (const ref of asList(transition.actions)) checkRef('action', ref, actions, name, problems);
      const target = transition.target ?? name;
      if (!journey.states[target]) {
        problems.push({
          state: name,
          message: `on "${event}": target "${target}" does not exist; states: ${names.join(', ')}`,
        });
        continue;
      }
      forward.get(name)!.add(target);
      if (!backward.has(target)) backward.set(target, new Set());
      backward.get(target)!.add(name);
    }
  }
  if (finals.length === 0) problems.push({ message: 'the journey has no final state' });
  if (journey.states[journey.initial]) {
    const reachable = reach([journey.initial], forward);
    for (const name of names)
      if (!reachable.has(name))
        problems.push({ state: name, message: `unreachable from the initial state "${journey.initial}"` });
  }
  const canFinish = reach(finals, backward);
  for (const name of names)
    if (!canFinish.has(name))
      problems.push({ state: name, message: 'cannot reach any final state (the person would be stuck)' });
  return problems.length ? { problems } : { journey, problems };
}
