import { z } from 'zod';
import { recoveryMailboxProof } from '../recovery/index.ts';
import { anotherEmailButton, anotherWayButton, identityNodes, navigationEvent } from './identity-nodes.ts';
import { button, errorMessage, message, text } from './nodes.ts';
import { codeInput, codeMatches } from './one-time-code.ts';
import { defineStep } from './step.ts';

/**
 * Asks for the code the journey mailed (the `sendEmailCode` action sends it on entry). Codes are
 * single-use, short-lived, bound to the flow, and stop working after too many wrong tries.
 */
export const emailCode = defineStep({
  name: 'email-code',
  description:
    'Asks for the code mailed by `sendEmailCode`: single-use, short-lived, bound to the flow, limited tries.',
  params: z
    .object({
      /** Wrong codes allowed before a new code is needed. @default 5 */
      maxAttempts: z.number().int().min(1).max(10).default(5),
      /** New codes a flow may ask for. @default 3 */
      maxResends: z.number().int().min(0).max(10).default(3),
    })
    .strict(),
  emits: ['code.verified'],
  optionalEvents: ['code.resend', 'code.rejected', 'identifier.change', 'factor.choose'],
  render({ context, now, handles }) {
    const minutes = context.code ? Math.max(1, Math.round((context.code.expiresAt - now) / 60_000)) : 10;
    return {
      title: message('title.emailCode'),
      nodes: [
        // A recovery never says whether the address has an account: "if an account exists, we sent a code".
        text(
          'code',
          message(context.code?.purpose === 'recovery' ? 'text.recoveryCodeSent' : 'text.codeSent', {
            email: context.identifier ?? '',
            minutes,
          }),
        ),
        ...identityNodes(context.identifier).slice(1),
        // Filled in when the person followed the code's link (in the same browser, on the same flow).
        codeInput('code', 'label.code', context.flash.values.code),
        button('default', 'submit', 'button.verify'),
        ...(handles.has('code.resend')
          ? [button('navigation', 'code.resend', 'button.resendCode', 'secondary')]
          : []),
        ...anotherWayButton(handles, context),
        ...anotherEmailButton(handles),
      ],
    };
  },
  /** New codes count against the `code.send` limit (per IP and per address) before the flow moves. */
  async precheck({ intent, context, services, audit, handles, request }) {
    if (intent !== 'code.resend' || !handles.has('code.resend')) return;
    await services.risk.enforce(
      'code.send',
      request ?? { ip: null, deviceId: null },
      context.identifier,
      audit,
    );
  },
  async submit({ fields, intent, params, context, services, audit, handles }) {
    const navigation = navigationEvent(intent, handles);
    if (navigation) return { event: navigation };
    if (intent === 'code.resend') {
      // Each new code brings new tries: a flow gets a few, not an endless supply of guesses (or of mail).
      const resends = (context.codeResends ?? 0) + 1;
      if (resends > params.maxResends) {
        await audit('code.failed', { data: { reason: 'too_many_resends' } });
        return { messages: [errorMessage('error.code.tooManyResends')] };
      }
      return {
        event: { type: 'code.resend' },
        patch: { codeResends: resends },
        messages: [message('info.code.resent', undefined, 'success')],
      };
    }
    const typed = (fields.code ?? '').replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(typed)) return { fields: { code: [errorMessage('error.code.format')] } };
    const pending = context.code;
    // Failed tries name the account the code went to (the log is for review; the page never shows it).
    const target = pending?.accountId ? { accountId: pending.accountId } : {};
    if (!pending || pending.expiresAt <= services.now()) {
      await audit('code.failed', { ...target, data: { reason: 'expired' } });
      return { fields: { code: [errorMessage('error.code.expired')] } };
    }
    if (pending.attempts >= params.maxAttempts) {
      await audit('code.failed', { ...target, data: { reason: 'too_many_attempts' } });
      return { fields: { code: [errorMessage('error.code.tooManyAttempts')] } };
    }
    if (!codeMatches(services.codeHmacKey, context.flowId, typed, pending.hash)) {
      await audit('code.failed', { ...target, data: { reason: 'mismatch', attempt: pending.attempts + 1 } });
      const exhausted = pending.attempts + 1 >= params.maxAttempts;
      return {
        event: { type: 'code.rejected' },
        patch: { code: { ...pending, attempts: pending.attempts + 1 } },
        fields: { code: [errorMessage(exhausted ? 'error.code.tooManyAttempts' : 'error.code.invalid')] },
      };
    }
    // A recovery code proves the mailbox of the account it went to, unless a reset came after it.
    const recovered =
      pending.purpose === 'recovery' ? await recoveryMailboxProof(services, context, pending) : {};
    if (!recovered) {
      await audit('code.failed', { ...target, data: { reason: 'superseded' } });
      return { fields: { code: [errorMessage('error.code.expired')] } };
    }
    await audit('code.verified', { ...target, data: { purpose: pending.purpose } });
    const methods = context.methods.includes('otp') ? context.methods : [...context.methods, 'otp'];
    // A code asked for as the account's second factor is that factor. A code that confirms the mailbox
    // is that factor too where the account chose email codes (one mailbox, one proof: never two codes in a row).
    // A recovery's code is never the second factor: email alone must not take over a multi-factor account.
    const emailFactor =
      pending.purpose === 'second-factor' ||
      (pending.purpose !== 'recovery' && context.account?.factors.includes('email-otp'));
    const factor = emailFactor ? 'email-otp' : 'email';
    return {
      event: { type: 'code.verified' },
      patch: {
        ...recovered,
        code: undefined,
        methods,
        factorsUsed: [...(context.factorsUsed ?? []), factor],
      },
    };
  },
});
