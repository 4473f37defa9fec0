import type { FlowContext } from '../../server/flows/flow-context.ts';
import { type PathRun, stepFixtures } from './path-fixtures.ts';
import { FACTORS, type Knob } from './path-world.ts';

type Params = Record<string, unknown>;

/**
 * How a path makes a guard answer as it needs. Guards about the account or the authorization
 * request are prepared before the flow starts: `knobs` names what can change the answer, and the
 * planner (path-plan.ts) tries those knobs, simplest first, against the real guard. Guards about
 * the flow itself are prepared during it: `beforeEvent` is what the person does on the screen before
 * the event that reaches the guard.
 */
export interface GuardFixture {
  knobs(params: Params): readonly Knob[];
  beforeEvent?: {
    act(run: PathRun, params: Params, context: FlowContext): Promise<void>;
    /** What acting does to the flow's context (the planner's model of it). */
    learn(context: FlowContext, params: Params): FlowContext;
  };
}

const factorKnob = (params: Params): Knob => {
  const factor = FACTORS.find((f) => f === params.factor);
  if (!factor) throw new Error(`hasFactor names an unknown factor "${String(params.factor)}"`);
  return factor;
};

export const guardFixtures: Record<string, GuardFixture> = {
  failuresAtLeast: {
    knobs: () => [],
    beforeEvent: {
      // Wrong passwords until the flow has seen `count` failures.
      async act(run, params, context) {
        const reject = stepFixtures.password?.['password.rejected'];
        if (run.screen.step !== 'password' || !reject)
          throw new Error(`failuresAtLeast: no way to fail on the "${run.screen.step}" step yet`);
        for (let i = context.failures; i < Number(params.count); i++) {
          const body = await reject.send(run);
          if (!('screen' in body)) throw new Error('a rejected password should keep the person on the step');
          run.screen = body.screen;
        }
      },
      learn: (context, params) => ({
        ...context,
        failures: Math.max(context.failures, Number(params.count)),
      }),
    },
  },
  // Steps earn methods (the model follows them); a step-up starts with its session's, unless max_age has passed.
  hasEarned: { knobs: () => ['session', 'maxAge'] },
  hasFactor: { knobs: (params) => [factorKnob(params)] },
  needsSecondFactor: { knobs: () => ['passkey', 'totp', 'email-otp', 'acr'] },
  requiresAcr: { knobs: () => ['acr'] },
  requestSatisfied: { knobs: () => ['acr', 'maxAge', 'session'] },
  cannotMeetRequest: { knobs: () => ['acr', 'passkey'] },
  passkeyNudgeDue: { knobs: () => ['passkey', 'signIns', 'platformAuthenticator'] },
  // A recovery knows the address when "Forgot password?" started it; the hold is the account's, for this browser.
  knowsIdentifier: { knobs: () => ['recoverFrom'] },
  recoveryHoldReady: { knobs: () => ['hold'] },
  recoveryHoldWaiting: { knobs: () => ['hold'] },
  // The flow's risk is scored when the address is typed: the path seeds failures for it beforehand.
  riskAtLeast: { knobs: () => ['risk'] },
  passwordBreached: { knobs: () => ['breachedPassword'] },
};
