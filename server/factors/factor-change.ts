import type { FlowContext } from '../flows/flow-context.ts';
import type { StepServices } from '../steps/services.ts';
import type { Audit } from '../steps/step.ts';

/** A change to how an account signs in. */
export type FactorChange =
  | 'passkeyAdded'
  | 'passkeyRemoved'
  | 'totpAdded'
  | 'totpRemoved'
  | 'emailOtpAdded'
  | 'emailOtpRemoved'
  | 'recoveryCodesRegenerated'
  | 'recoveryCodeUsed'
  | 'passwordChanged';

/**
 * Records a change to an account's sign-in methods and tells the account's address at once, so the
 * owner learns of a factor an attacker added (or removed) even if they never look at the account page.
 */
export async function factorChanged(
  services: StepServices,
  audit: Audit,
  context: Pick<FlowContext, 'accountId' | 'identifier' | 'locale'> & Partial<Pick<FlowContext, 'clientId'>>,
  change: FactorChange,
  data: Record<string, unknown> = {},
): Promise<void> {
  if (!context.accountId || !context.identifier) throw new Error('a factor change needs a proven account');
  await audit(change === 'passwordChanged' ? 'password.changed' : 'factor.changed', {
    accountId: context.accountId,
    data: { change, ...data },
  });
  await services.mailer.sendTemplate(
    context.identifier,
    context.locale,
    'factorChanged',
    { change, ...numbers(data) },
    { clientId: context.clientId },
  );
}

/** The numbers among the data, which the mail may quote (how many recovery codes are left). */
const numbers = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).filter((e): e is [string, number] => typeof e[1] === 'number'));
