import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  checkNewPassword,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MIN_LENGTH,
  hashPassword,
} from '../passwords/index.ts';
import { anotherEmailButton, identityNodes, navigationEvent } from './identity-nodes.ts';
import { button, errorMessage, input, message, scriptButton, text } from './nodes.ts';
import { defineStep } from './step.ts';

/** Asks for a new password: length per NIST SP 800-63B rev 4, no composition rules, no breached passwords. */
export const newPassword = defineStep({
  name: 'new-password',
  description:
    'Chooses a password: NIST 800-63B rev 4 length, no composition rules, breached passwords refused.',
  params: z
    .object({
      /** Rev 4 asks 15 for a password used alone; 8 is allowed when it is only ever one factor of MFA. @default 15 */
      minLength: z.number().int().min(8).max(64).default(DEFAULT_MIN_LENGTH),
      /** @default 128 */
      maxLength: z.number().int().min(64).max(1024).default(DEFAULT_MAX_LENGTH),
      /**
       * Why a password is asked for: `choose` (sign-up, a change), or `breached` (the one just used is
       * on the breached-password list: the screen says so, and choosing clears the flag). @default 'choose'
       */
      reason: z.enum(['choose', 'breached']).default('choose'),
    })
    .strict(),
  emits: ['password.chosen'],
  optionalEvents: ['identifier.change', 'passkey.chosen'],
  render({ params, context, handles }) {
    return {
      title: message('title.newPassword'),
      nodes: [
        ...(params.reason === 'breached' ? [text('password', message('text.passwordBreached'))] : []),
        ...identityNodes(context.identifier),
        input('password', {
          name: 'password',
          inputType: 'password',
          label: 'label.newPassword',
          required: true,
          autocomplete: 'new-password',
          minLength: params.minLength,
          maxLength: params.maxLength,
          autofocus: true,
          hint: 'hint.newPassword',
        }),
        button('default', 'submit', 'button.continue'),
        // Not after a passkey proved the account: its authenticator would refuse to make a second one.
        ...(handles.has('passkey.chosen') && !context.factorsUsed?.includes('passkey')
          ? [scriptButton('passkey', 'passkey.chosen', 'button.usePasskeyInstead', 'secondary')]
          : []),
        ...anotherEmailButton(handles),
      ],
    };
  },
  async submit({ fields, intent, params, context, handles, audit }) {
    if (
      intent === 'passkey.chosen' &&
      handles.has('passkey.chosen') &&
      !context.factorsUsed?.includes('passkey')
    )
      // The account's id is chosen now: the passkey made next names it as its user handle.
      return {
        event: { type: 'passkey.chosen' },
        // A password typed before is dropped: the account will have no password.
        patch: { pendingAccountId: randomUUID(), pendingPasswordHash: undefined },
      };
    const navigation = navigationEvent(intent, handles);
    if (navigation) return { event: navigation };
    const candidate = fields.password ?? '';
    if (!candidate) return { fields: { password: [errorMessage('error.field.required')] } };
    const problem = checkNewPassword(candidate, {
      ...params,
      ...(context.identifier ? { email: context.identifier } : {}),
    });
    if (problem?.id === 'error.password.common')
      await audit('password.breached', { data: { stage: context.trigger, refused: true } });
    if (problem)
      return {
        fields: { password: [errorMessage(problem.id, 'values' in problem ? problem.values : undefined)] },
      };
    return {
      event: { type: 'password.chosen' },
      patch: {
        pendingPasswordHash: await hashPassword(candidate),
        ...(params.reason === 'breached' ? { passwordBreached: false } : {}),
      },
    };
  },
});
