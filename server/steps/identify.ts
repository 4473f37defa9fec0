import { z } from 'zod';
import { normalizeEmail } from './email.ts';
import { button, emailInput, errorMessage, message } from './nodes.ts';
import { defineStep } from './step.ts';

/** Asks for the email address. It never says whether an account exists (no enumeration). */
export const identify = defineStep({
  name: 'identify',
  description: 'Asks for the email address; the same answer whether or not an account exists.',
  params: z
    .object({
      /** Sign-in or sign-up wording and autocomplete. @default 'signin' */
      purpose: z.enum(['signin', 'signup']).default('signin'),
      /** Offer a link to the other journey ("Create one" / "Sign in"). @default true */
      offerSwitch: z.boolean().default(true),
    })
    .strict(),
  emits: ['identifier.submitted'],
  render({ params, context, client }) {
    const signup = params.purpose === 'signup';
    const nodes = [
      emailInput({
        autocomplete: signup ? 'email' : 'username',
        value: context.flash.values.email ?? context.identifier,
      }),
      button('default', 'submit', 'button.continue'),
    ];
    if (params.offerSwitch) {
      nodes.push(
        button(
          'navigation',
          signup ? 'switch:login' : 'switch:signup',
          signup ? 'link.signin' : 'link.signup',
          'link',
        ),
      );
    }
    return {
      title: message(signup ? 'title.signup' : 'title.signin'),
      subtitle: message(signup ? 'subtitle.signup' : 'subtitle.signin', { client: client.name }),
      nodes,
    };
  },
  async submit({ fields }) {
    const raw = fields.email ?? '';
    if (!raw.trim()) return { fields: { email: [errorMessage('error.field.required')] } };
    const email = normalizeEmail(raw);
    if (!email)
      return {
        fields: { email: [errorMessage('error.email.invalid')] },
        values: { email: raw.trim().slice(0, 254) },
      };
    // A new address starts over: nothing proven for the previous one carries across.
    return {
      event: { type: 'identifier.submitted' },
      patch: { identifier: email, accountId: undefined, methods: [] },
    };
  },
});
