import type Provider from 'oidc-provider';
import { holdsSecondFactor, provenAccount } from '../factors/index.ts';
import { ACR, acrRank, acrRequestOf, requiredAcr } from '../provider/index.ts';
import type { StepServices } from '../steps/index.ts';
import type { FlowContext, Trigger } from './flow-context.ts';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * What a new flow knows from its authorization request: the ACR the relying party needs, and for a
 * step-up or an account task, the signed-in account. A step-up keeps the session's methods unless
 * `max_age` has passed (then the person proves themselves again from scratch).
 */
export function knownAtStart(services: StepServices) {
  return async (details: Interaction, trigger: Trigger): Promise<Partial<FlowContext>> => {
    const needed = requiredAcr(acrRequestOf(details.params));
    const known: Partial<FlowContext> = needed ? { requiredAcr: needed } : {};
    const accountId = details.session?.accountId;
    if ((trigger === 'stepup' || trigger === 'task') && accountId) {
      const account = await services.store.accounts.findById(accountId);
      if (account) {
        const stale = details.prompt.reasons.includes('max_age');
        const amr = (details.session?.amr as string[] | undefined) ?? [];
        const proven = await provenAccount(services, account.id);
        Object.assign(known, {
          identifier: account.email,
          ...proven,
          methods: stale ? [] : amr.filter((m) => m !== 'mfa'),
        });
        // Signing in again (max_age) means the whole sign-in: the second factor too, as login asks it.
        if (
          stale &&
          holdsSecondFactor(proven.account.factors) &&
          known.requiredAcr !== 'unmet' &&
          acrRank(known.requiredAcr) < acrRank(ACR.multiFactor)
        )
          known.requiredAcr = ACR.multiFactor;
      }
    }
    if (trigger === 'task') {
      const target = details.params.portico_target;
      known.task = {
        name: String(details.params.portico_task ?? ''),
        ...(typeof target === 'string' && target ? { target: target.slice(0, 200) } : {}),
      };
    }
    return known;
  };
}
