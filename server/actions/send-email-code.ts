import { z } from 'zod';
import { codeHash, newCode } from '../steps/one-time-code.ts';
import { defineAction } from './action.ts';

/**
 * Mails a 6-digit code to the identified address and keeps only its flow-bound hash.
 * - `verify-email` (sign-up): when the address already has an account, the owner gets an
 *   "you already have an account" notice instead, and no code can match: the screen is the same.
 * - `signin`, `second-factor`: only an existing account gets a code; an unknown address gets
 *   nothing, same screen.
 */
export const sendEmailCode = defineAction({
  name: 'sendEmailCode',
  description:
    'Mails a one-time code to the identified address (same screen whether or not an account exists).',
  params: z
    .object({
      /** `second-factor` is the account's email-code factor; `signin` only confirms the mailbox. @default 'verify-email' */
      purpose: z.enum(['verify-email', 'signin', 'second-factor']).default('verify-email'),
      /** How long the code stays valid. @default 10 */
      ttlMinutes: z.number().int().min(1).max(60).default(10),
    })
    .strict(),
  async run({ params, context, services, audit }) {
    const email = context.identifier;
    if (!email) throw new Error('sendEmailCode needs an identified email: put it after an identify step');
    const account = await services.store.accounts.findByEmail(email);
    const code = newCode(6);
    const expiresAt = services.now() + params.ttlMinutes * 60_000;
    const ownerOnly = params.purpose !== 'verify-email';
    const sendCode = ownerOnly ? Boolean(account) : !account;
    if (sendCode) {
      await services.mailer.sendTemplate(email, context.locale, ownerOnly ? 'signinCode' : 'code', {
        code,
        minutes: params.ttlMinutes,
      }, context);
    } else if (account && params.purpose === 'verify-email') {
      await services.mailer.sendTemplate(email, context.locale, 'accountExists', {}, context);
    }
    await audit('code.sent', {
      ...(account ? { accountId: account.id } : {}),
      data: { purpose: params.purpose, delivered: sendCode },
    });
    // Without a deliverable code we still keep a hash, of a code nobody has, so every path looks alike.
    const hash = codeHash(services.codeHmacKey, context.flowId, sendCode ? code : newCode(6) + newCode(6));
    return { code: { hash, expiresAt, attempts: 0, purpose: params.purpose } };
  },
});
