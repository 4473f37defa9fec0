import { z } from 'zod';
import { defineAction } from './action.ts';

/**
 * Creates the account from the verified email and the chosen password. A race with another flow
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
      email: context.identifier,
      emailVerified: true,
      ...(context.pendingPasswordHash ? { passwordHash: context.pendingPasswordHash } : {}),
    });
    if (!account) {
      await audit('signup.failed', { data: { reason: 'email_taken' } });
      return { pendingPasswordHash: undefined };
    }
    await audit('signup.account_created', { accountId: account.id });
    if (context.pendingPasswordHash)
      await audit('factor.added', { accountId: account.id, data: { factor: 'password' } });
    // Choosing a password proves nothing yet: the flow keeps only the methods it verified (the mailed code).
    return { accountId: account.id, pendingPasswordHash: undefined };
  },
});
