import { z } from 'zod';
import type { UiNode } from '../flows/screen.ts';
import { normalizeEmail } from './email.ts';
import { button, emailInput, errorMessage, message } from './nodes.ts';
import { passkeyGetNode, refusalMessage, verifyPasskeySignIn } from './passkey-ceremony.ts';
import { defineStep } from './step.ts';

/**
 * Asks for the email address. It never says whether an account exists (no enumeration). Where the
 * journey handles `passkey.verified`, it also offers "Sign in with a passkey" and passkeys in the
 * email field's autofill (conditional UI), so a passkey sign-in needs no email typed.
 */
export const identify = defineStep({
  name: 'identify',
  description:
    'Asks for the email address (the same answer whether or not an account exists); offers passkeys when the state handles `passkey.verified`.',
  params: z
    .object({
      /** Sign-in or sign-up wording and autocomplete. @default 'signin' */
      purpose: z.enum(['signin', 'signup']).default('signin'),
      /** Offer a link to the other journey ("Create one" / "Sign in"). @default true */
      offerSwitch: z.boolean().default(true),
    })
    .strict(),
  emits: ['identifier.submitted'],
  optionalEvents: ['passkey.verified'],
  async render(input) {
    const { params, context, client, handles } = input;
    const signup = params.purpose === 'signup';
    const passkeys = handles.has('passkey.verified');
    const nodes: UiNode[] = [
      emailInput({
        autocomplete: signup ? 'email' : passkeys ? 'username webauthn' : 'username',
        value: context.flash.values.email ?? context.identifier,
      }),
      button('default', 'submit', 'button.continue'),
    ];
    if (passkeys)
      nodes.push(
        await passkeyGetNode(input, undefined, {
          label: 'button.passkeySignIn',
          variant: 'secondary',
          conditional: true,
          failIntent: 'passkey.failed',
        }),
      );
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
  async submit(input) {
    const { fields, intent, handles, audit } = input;
    if (handles.has('passkey.verified') && (intent === 'passkey' || intent === 'passkey.failed')) {
      const result = intent === 'passkey' ? await verifyPasskeySignIn(input) : null;
      if (result?.ok) {
        await audit('login.passkey.succeeded', { accountId: result.patch.accountId });
        return { event: { type: 'passkey.verified' }, patch: result.patch };
      }
      const reason = result ? result.reason : String(fields.reason ?? 'cancelled').slice(0, 40);
      const accountId = result && !result.ok ? result.accountId : undefined;
      await audit('login.passkey.failed', { ...(accountId ? { accountId } : {}), data: { reason } });
      // A cancelled prompt is not a mistake: the page stays as it was, with a word on what happened.
      return {
        messages: [result ? errorMessage(refusalMessage(reason)) : message('info.passkey.cancelled')],
      };
    }
    const raw = fields.email ?? '';
    if (!raw.trim()) return { fields: { email: [errorMessage('error.field.required')] } };
    const email = normalizeEmail(raw);
    if (!email)
      return {
        fields: { email: [errorMessage('error.email.invalid')] },
        values: { email: raw.trim().slice(0, 254) },
      };
    // The flow's risk is scored once, when the address is known (see `risk/`): guards read it.
    const request = input.request ?? { ip: null, deviceId: null };
    const risk =
      input.params.purpose === 'signup'
        ? await input.services.risk.assessSignUp(email, request, audit)
        : await input.services.risk.assessSignIn(email, request, audit);
    // A new address starts over: nothing proven for the previous one carries across.
    return {
      event: { type: 'identifier.submitted' },
      patch: {
        identifier: email,
        risk,
        passwordBreached: undefined,
        accountId: undefined,
        account: undefined,
        methods: [],
        factorsUsed: [],
        // A sign-up's password or passkey was chosen for the address typed before, not this one.
        pendingPasswordHash: undefined,
        pendingPasskey: undefined,
        pendingAccountId: undefined,
      },
    };
  },
});
