import { z } from 'zod';
import { defineAction } from './action.ts';

/**
 * Creates the account from the verified email and the chosen password or passkey. A race with another flow
 * for the same address creates nothing, and the flow ends without an account.
 */
export const createAccount = defineAction({
  name: 'createAccount',
  description: 'Creates the account from the verified email and the chosen password hash.',
  params: z.object({}).strict(),
  async run({ context, services, audit }) {
    if (!context.identifier || !context.methods.includes('otp')) {
      throw new Error('createAccount needs an email verified by a code first (an email-code step)');
    }
    const account = await services.store.accounts.create({
      ...(context.pendingAccountId ? { id: context.pendingAccountId } : {}),
      email: context.identifier,
      emailVerified: true,
      ...(context.pendingPasswordHash ? { passwordHash: context.pendingPasswordHash } : {}),
      ...(context.pendingPasskey ? { credentials: [context.pendingPasskey] } : {}),
    });
    const cleared = { pendingPasswordHash: undefined, pendingPasskey: undefined };
    if (!account) {
      await audit('signup.failed', { data: { reason: 'email_taken' } });
      return cleared;
    }
    await audit('signup.account_created', { accountId: account.id });
    if (context.pendingPasswordHash)
      await audit('factor.added', { accountId: account.id, data: { factor: 'password' } });
    if (context.pendingPasskey)
      await audit('factor.added', { accountId: account.id, data: { factor: 'passkey' } });
    // Choosing a password proves nothing yet: the flow keeps only the methods it verified (the mailed
    // code, and a passkey made with user verification).
    return { accountId: account.id, ...cleared };
  },
});
