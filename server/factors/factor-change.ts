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
  account: { id: string; email: string },
  locale: string,
  change: FactorChange,
  data: Record<string, unknown> = {},
): Promise<void> {
  await audit(change === 'passwordChanged' ? 'password.changed' : 'factor.changed', {
    accountId: account.id,
    data: { change, ...data },
  });
  await services.mailer.sendTemplate(account.email, locale, 'factorChanged', { change });
}
