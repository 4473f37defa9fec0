import { z } from 'zod';
import type { MailTemplate } from '../mail/index.ts';
import { codeHash, newCode } from '../steps/one-time-code.ts';
import { defineAction } from './action.ts';

/** The mail each purpose sends to an address that has an account. */
const OWNER_TEMPLATE: Record<string, MailTemplate> = {
  signin: 'signinCode',
  'second-factor': 'signinCode',
  recovery: 'recoveryCode',
};

/**
 * Mails a 6-digit code to the identified address and keeps only its flow-bound hash.
 * - `verify-email` (sign-up): when the address already has an account, the owner gets an
 *   "you already have an account" notice instead, and no code can match: the screen is the same.
 * - `signin`, `second-factor`, `recovery`: only an existing account gets a code; an unknown
 *   address gets nothing, same screen.
 * - `recovery` also puts the code in a link back to this flow, and sends after answering, so a known
 *   address answers no slower than an unknown one.
 */
export const sendEmailCode = defineAction({
  name: 'sendEmailCode',
  description:
    'Mails a one-time code to the identified address (same screen whether or not an account exists); `recovery` adds a link to the same flow.',
  params: z
    .object({
      /** `second-factor` is the account's email-code factor; `signin` only confirms the mailbox; `recovery` starts an account recovery. @default 'verify-email' */
      purpose: z.enum(['verify-email', 'signin', 'second-factor', 'recovery']).default('verify-email'),
      /** How long the code stays valid. @default 10 */
      ttlMinutes: z.number().int().min(1).max(60).default(10),
    })
    .strict(),
  async run({ params, context, services, audit }) {
    const email = context.identifier;
    if (!email) throw new Error('sendEmailCode needs an identified email: put it after an identify step');
    const account = await services.store.accounts.findByEmail(email);
    const code = newCode(6);
    const issuedAt = services.now();
    const expiresAt = issuedAt + params.ttlMinutes * 60_000;
    const ownerTemplate = OWNER_TEMPLATE[params.purpose];
    const sendCode = ownerTemplate ? Boolean(account) : !account;
    const recovery = params.purpose === 'recovery';
    if (recovery) await audit('recovery.requested', { ...(account ? { accountId: account.id } : {}) });
    const values = {
      code,
      minutes: params.ttlMinutes,
      ...(recovery
        ? {
            link: `${services.issuer}/interaction/${encodeURIComponent(context.interactionUid)}?code=${code}`,
          }
        : {}),
    };
    const mail = sendCode
      ? services.mailer.sendTemplate(email, context.locale, ownerTemplate ?? 'code', values, context)
      : account && params.purpose === 'verify-email'
        ? services.mailer.sendTemplate(email, context.locale, 'accountExists', {}, context)
        : undefined;
    if (recovery && mail)
      // Sent after the answer: the time to the screen says nothing about whether the address has an account.
      mail.catch((err: unknown) =>
        audit('mail.failed', { data: { template: 'recoveryCode', error: String(err).slice(0, 200) } }),
      );
    else await mail;
    await audit('code.sent', {
      ...(account ? { accountId: account.id } : {}),
      data: { purpose: params.purpose, delivered: sendCode },
    });
    // Without a deliverable code we still keep a hash, of a code nobody has, so every path looks alike.
    const hash = codeHash(services.codeHmacKey, context.flowId, sendCode ? code : newCode(6) + newCode(6));
    return {
      code: {
        hash,
        expiresAt,
        attempts: 0,
        purpose: params.purpose,
        issuedAt,
        ...(account ? { accountId: account.id } : {}),
      },
    };
  },
});
