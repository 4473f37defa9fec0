import { z } from 'zod';
import { factorChanged } from '../factors/factor-change.ts';
import { matchingRecoveryCode } from '../factors/index.ts';
import { maxAttemptsParam, outOfAttempts, wrongCode } from './code-attempts.ts';
import { anotherWayButton, identityNodes, lostFactorsButton, navigationEvent } from './identity-nodes.ts';
import { button, errorMessage, input, message } from './nodes.ts';
import { defineStep } from './step.ts';

/** Takes one of the account's single-use recovery codes in place of its second factor. */
export const recoveryCode = defineStep({
  name: 'recovery-code',
  description: 'Takes a single-use recovery code in place of the second factor, and says how many are left.',
  params: z
    .object({
      /** Wrong codes (app and recovery codes together) the flow takes before it takes no more. @default 5 */
      maxAttempts: maxAttemptsParam,
    })
    .strict(),
  emits: ['recovery-code.verified'],
  optionalEvents: ['factor.choose', 'factor.lost'],
  render({ context, handles }) {
    return {
      title: message('title.recoveryCode'),
      nodes: [
        ...identityNodes(context.identifier),
        input('code', {
          name: 'code',
          inputType: 'text',
          label: 'label.recoveryCode',
          required: true,
          autocomplete: 'off',
          maxLength: 20,
          autofocus: true,
          hint: 'hint.recoveryCode',
        }),
        button('default', 'submit', 'button.verify'),
        ...anotherWayButton(handles, context),
        ...lostFactorsButton(handles),
      ],
    };
  },
  async submit({ fields, intent, params, handles, context, services, audit }) {
    const navigation = navigationEvent(intent, handles);
    if (navigation) return { event: navigation };
    const typed = (fields.code ?? '').trim();
    if (!typed) return { fields: { code: [errorMessage('error.field.required')] } };
    const spent = await outOfAttempts(context, params.maxAttempts, services);
    if (spent) {
      await audit('recovery-code.failed', { data: { reason: 'too_many_attempts' } });
      return spent;
    }
    const stored = context.accountId
      ? await services.store.credentials.list(context.accountId, 'recovery-code')
      : [];
    const match = matchingRecoveryCode(services.codeHmacKey, typed, stored);
    // Deleting the row is the single-use check: of two requests with the same code, one wins.
    if (!match || !(await services.store.credentials.remove(match.accountId, match.id))) {
      await audit('recovery-code.failed', { data: { reason: 'mismatch' } });
      return wrongCode(context, params.maxAttempts, 'error.recoveryCode.invalid');
    }
    const left = stored.length - 1;
    await audit('recovery-code.used', { data: { left } });
    // The owner hears of it at once: a recovery code used by someone else is an account takeover.
    await factorChanged(services, audit, context, 'recoveryCodeUsed', { count: left });
    const account = context.account && { ...context.account, recoveryCodesLeft: left };
    return {
      event: { type: 'recovery-code.verified' },
      patch: {
        methods: [...context.methods, 'otp'],
        factorsUsed: [...(context.factorsUsed ?? []), 'recovery-code'],
        ...(account ? { account } : {}),
      },
    };
  },
});
