import { z } from 'zod';
import { matchingTotpStep } from '../factors/index.ts';
import { maxAttemptsParam, outOfAttempts, wrongCode } from './code-attempts.ts';
import { anotherWayButton, identityNodes, lostFactorsButton, navigationEvent } from './identity-nodes.ts';
import { button, errorMessage, message } from './nodes.ts';
import { codeInput } from './one-time-code.ts';
import { defineStep } from './step.ts';

/** Asks for the code from the account's authenticator app. A code is accepted once, ever. */
export const totp = defineStep({
  name: 'totp',
  description: "Asks for the 6-digit code of the account's authenticator app (TOTP); a used code is refused.",
  params: z
    .object({
      /** Wrong codes (app and recovery codes together) the flow takes before it takes no more. @default 5 */
      maxAttempts: maxAttemptsParam,
    })
    .strict(),
  emits: ['totp.verified'],
  optionalEvents: ['factor.choose', 'identifier.change', 'factor.lost'],
  render({ context, handles }) {
    return {
      title: message('title.totp'),
      nodes: [
        ...identityNodes(context.identifier),
        codeInput('totp', 'label.totpCode'),
        button('default', 'submit', 'button.verify'),
        ...anotherWayButton(handles, context),
        ...lostFactorsButton(handles),
      ],
    };
  },
  async submit({ fields, intent, params, handles, context, services, audit }) {
    const navigation = navigationEvent(intent, handles);
    if (navigation) return { event: navigation };
    const typed = (fields.code ?? '').replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(typed)) return { fields: { code: [errorMessage('error.totp.format')] } };
    const spent = await outOfAttempts(context, params.maxAttempts, services);
    if (spent) {
      await audit('totp.failed', { data: { reason: 'too_many_attempts' } });
      return spent;
    }
    const [credential] = context.accountId
      ? await services.store.credentials.list(context.accountId, 'totp')
      : [];
    const now = services.now();
    const step = credential
      ? matchingTotpStep(services.box.open(`totp:${credential.id}`, credential.secret), typed, now)
      : null;
    // Recording the step is the replay check: a code already used (even by a racing request) is refused.
    const fresh =
      credential && step !== null && (await services.store.credentials.recordUse(credential.id, step, now));
    if (!fresh) {
      await audit('totp.failed', { data: { reason: step === null ? 'mismatch' : 'reused' } });
      return wrongCode(
        context,
        params.maxAttempts,
        step === null ? 'error.totp.invalid' : 'error.totp.reused',
      );
    }
    await audit('totp.verified');
    return {
      event: { type: 'totp.verified' },
      patch: {
        methods: [...context.methods, 'otp'],
        factorsUsed: [...(context.factorsUsed ?? []), 'totp'],
      },
    };
  },
});
