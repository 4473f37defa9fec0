import { z } from 'zod';
import { provenAccount } from '../factors/index.ts';
import { isBreachedPassword, verifyAgainstDummy, verifyPassword } from '../passwords/index.ts';
import {
  anotherEmailButton,
  anotherWayButton,
  identityNodes,
  navigationEvent,
  recoveryButton,
} from './identity-nodes.ts';
import { button, errorMessage, input, message } from './nodes.ts';
import { defineStep } from './step.ts';

/**
 * Checks the password of the identified account. An unknown email costs the same argon2id work
 * and gets the same answer as a wrong password.
 */
export const password = defineStep({
  name: 'password',
  description: 'Verifies the password; unknown emails and wrong passwords are indistinguishable.',
  params: z.object({}).strict(),
  emits: ['password.verified', 'password.rejected'],
  optionalEvents: ['identifier.change', 'factor.choose', 'recovery.start'],
  render({ context, handles }) {
    return {
      title: message('title.password'),
      nodes: [
        ...identityNodes(context.identifier),
        input('password', {
          name: 'password',
          inputType: 'password',
          label: 'label.password',
          required: true,
          autocomplete: 'current-password',
          maxLength: 1024,
          autofocus: true,
        }),
        button('default', 'submit', 'button.signin'),
        ...recoveryButton(handles, 'button.forgotPassword'),
        ...anotherWayButton(handles, context, 'first'),
        ...anotherEmailButton(handles),
        // Filled in by the page: whether this browser has a built-in authenticator (for the passkey nudge).
        input('default', {
          name: 'platformAuthenticator',
          inputType: 'hidden',
          label: 'label.platformAuthenticator',
          value: '',
        }),
      ],
    };
  },
  /** Failed sign-ins are rate limited (growing delays, then 429) before the password is even hashed. */
  async precheck({ fields, intent, context, services, audit, handles, request }) {
    // "Forgot password?" is a recovery request: it counts per IP and per address like one from /recover.
    if (intent === 'recovery.start' && handles.has(intent) && context.identifier)
      return services.risk.enforce(
        'recovery.request',
        request ?? { ip: null, deviceId: null },
        context.identifier,
        audit,
      );
    if (navigationEvent(intent, handles) || !fields.password || !context.identifier) return;
    await services.risk.beforePassword(context.identifier, request ?? { ip: null, deviceId: null }, audit);
  },
  async submit({ fields, intent, context, services, audit, handles, request }) {
    const navigation = navigationEvent(intent, handles);
    if (navigation) return { event: navigation };
    const candidate = fields.password ?? '';
    if (!candidate) return { fields: { password: [errorMessage('error.field.required')] } };
    const where = request ?? { ip: null, deviceId: null };
    const account = context.identifier ? await services.store.accounts.findByEmail(context.identifier) : null;
    const hash = account ? await services.store.accounts.passwordHash(account.id) : null;
    const valid = hash ? await verifyPassword(hash, candidate) : await verifyAgainstDummy(candidate);
    if (!account || !valid) {
      await audit('login.password.failed', {
        ...(account ? { accountId: account.id } : {}),
        data: { knownAccount: Boolean(account) },
      });
      // Counted per address whether or not it has an account: the answer must not tell them apart.
      if (context.identifier)
        await services.risk.passwordFailed(context.identifier, where, audit, context.locale);
      return {
        event: { type: 'password.rejected' },
        patch: { failures: context.failures + 1 },
        messages: [errorMessage('error.credentials.invalid')],
      };
    }
    await audit('login.password.succeeded', { accountId: account.id });
    if (context.identifier) await services.risk.passwordSucceeded(context.identifier, where);
    // A breached password still signs in (it is the person's), but the journey may force a change.
    const breached = isBreachedPassword(candidate);
    if (breached) await audit('password.breached', { accountId: account.id, data: { stage: 'signin' } });
    return {
      event: { type: 'password.verified' },
      patch: {
        ...(await provenAccount(services, account.id)),
        methods: [...context.methods, 'pwd'],
        factorsUsed: [...(context.factorsUsed ?? []), 'password'],
        ...(breached ? { passwordBreached: true } : {}),
        ...(fields.platformAuthenticator
          ? { platformAuthenticator: fields.platformAuthenticator === 'yes' }
          : {}),
      },
    };
  },
});
