import type Provider from 'oidc-provider';
import { provenAccount } from '../factors/index.ts';
import { acrRequestOf, requiredAcr } from '../provider/index.ts';
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
        Object.assign(known, {
          identifier: account.email,
          ...(await provenAccount(services, account.id)),
          methods: stale ? [] : amr.filter((m) => m !== 'mfa'),
        });
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
