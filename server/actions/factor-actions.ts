import { z } from 'zod';
import { factorChanged } from '../factors/factor-change.ts';
import { newRecoveryCodes, newTotpSecret } from '../factors/index.ts';
import { shownCodesName } from '../steps/recovery-codes.ts';
import { setupSecretName } from '../steps/totp-setup.ts';
import { defineAction } from './action.ts';

/** Makes the secret a `totp-setup` step shows, sealed in the flow until a code confirms it. */
export const startTotpSetup = defineAction({
  name: 'startTotpSetup',
  description: 'Makes a new TOTP secret for the `totp-setup` step that follows (kept sealed in the flow).',
  params: z.object({}).strict(),
  async run({ context, services }) {
    return { totpSetup: services.box.seal(setupSecretName(context.flowId), newTotpSecret()) };
  },
});

/**
 * Issues ten recovery codes, replacing any the account had, for a `recovery-codes` step to show
 * once. With `onlyIfNone`, an account that already has codes keeps them (the first second factor
 * brings codes; later ones do not churn them).
 */
export const issueRecoveryCodes = defineAction({
  name: 'issueRecoveryCodes',
  description:
    'Issues ten single-use recovery codes (stored hashed) for a `recovery-codes` step to show once; `onlyIfNone` keeps existing ones.',
  params: z
    .object({
      /** Do nothing when the account already has recovery codes. @default false */
      onlyIfNone: z.boolean().default(false),
    })
    .strict(),
  async run({ params, context, services, audit }) {
    if (!context.accountId) throw new Error('issueRecoveryCodes needs a proven account');
    const existing = await services.store.credentials.list(context.accountId, 'recovery-code');
    if (params.onlyIfNone && existing.length > 0) return {};
    const { codes, credentials } = newRecoveryCodes(services.codeHmacKey);
    const at = services.now();
    await services.store.credentials.replaceAll(
      context.accountId,
      'recovery-code',
      credentials.map((c) => ({ ...c, createdAt: at })),
    );
    if (existing.length > 0) await factorChanged(services, audit, context, 'recoveryCodesRegenerated');
    else
      await audit('recovery-codes.issued', { accountId: context.accountId, data: { count: codes.length } });
    return {
      recoveryCodesToShow: services.box.seal(shownCodesName(context.flowId), JSON.stringify(codes)),
      ...(context.account ? { account: { ...context.account, recoveryCodesLeft: codes.length } } : {}),
    };
  },
});

/** Writes a named event, e.g. `passkey.nudge.shown` when the nudge's state is entered. */
export const recordEvent = defineAction({
  name: 'recordEvent',
  description:
    'Appends an event of the given `type` to the event log (funnel markers such as `passkey.nudge.shown`).',
  params: z.object({ type: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/) }).strict(),
  async run({ params, audit }) {
    await audit(params.type);
    return {};
  },
});

/** Stores the password a `new-password` step chose (the account page's "Change password"). */
export const savePassword = defineAction({
  name: 'savePassword',
  description:
    "Sets the account's password to the one the `new-password` step chose, and tells the account's address.",
  params: z.object({}).strict(),
  async run({ context, services, audit }) {
    if (!context.accountId || !context.pendingPasswordHash)
      throw new Error('savePassword needs a proven account and a new-password step first');
    await services.store.accounts.setPasswordHash(context.accountId, context.pendingPasswordHash);
    // Recovery codes and links sent before the change stop working.
    await services.store.recovery.markReset(context.accountId, services.now());
    await factorChanged(services, audit, context, 'passwordChanged');
    return { pendingPasswordHash: undefined };
  },
});
