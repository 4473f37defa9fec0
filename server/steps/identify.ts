import { z } from 'zod';
import type { UiNode } from '../flows/screen.ts';
import { normalizeEmail } from './email.ts';
import { button, emailInput, errorMessage, message } from './nodes.ts';
import { passkeyGetNode, refusalMessage, verifyPasskeySignIn } from './passkey-ceremony.ts';
import { defineStep } from './step.ts';

/** Each purpose's wording and the other journey it links to. */
const SWITCHES = {
  signin: {
    title: 'title.signin',
    subtitle: 'subtitle.signin',
    intent: 'switch:signup',
    label: 'link.signup',
  },
  signup: {
    title: 'title.signup',
    subtitle: 'subtitle.signup',
    intent: 'switch:login',
    label: 'link.signin',
  },
  recovery: {
    title: 'title.recover',
    subtitle: 'subtitle.recover',
    intent: 'switch:login',
    label: 'link.backToSignIn',
  },
} as const;

/** The rate limit (per IP and per address, `risk/rules.json`) each purpose's request counts against. */
const LIMITS: Partial<Record<keyof typeof SWITCHES, 'signup' | 'recovery.request'>> = {
  signup: 'signup',
  recovery: 'recovery.request',
};

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
      /** Sign-in, sign-up or account-recovery wording and autocomplete. @default 'signin' */
      purpose: z.enum(['signin', 'signup', 'recovery']).default('signin'),
      /** Offer a link to the other journey ("Create one" / "Sign in" / "Back to sign in"). @default true */
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
    const wording = SWITCHES[params.purpose];
    if (params.offerSwitch) nodes.push(button('navigation', wording.intent, wording.label, 'link'));
    return {
      title: message(wording.title),
      subtitle: message(wording.subtitle, { client: client.name }),
      nodes,
    };
  },
  /** Sign-ups and recovery requests count against their rate limits before the flow moves (a refusal leaves the page as it is). */
  async precheck({ params, fields, intent, services, request, audit }) {
    const limit = LIMITS[params.purpose];
    if (!limit || intent !== 'submit') return;
    const email = normalizeEmail(fields.email ?? '');
    if (email) await services.risk.enforce(limit, request ?? { ip: null, deviceId: null }, email, audit);
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
    // The flow's risk is scored once, when the address is known (see `risk/`): guards read it. A
    // recovery is no sign-in attempt: it is limited (`recovery.request`), not counted as one.
    const request = input.request ?? { ip: null, deviceId: null };
    const { purpose } = input.params;
    const risk =
      purpose === 'signup'
        ? await input.services.risk.assessSignUp(email, request, audit)
        : purpose === 'signin'
          ? await input.services.risk.assessSignIn(email, request, audit)
          : undefined;
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
