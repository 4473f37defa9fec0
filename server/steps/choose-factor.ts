import { z } from 'zod';
import type { UiButtonNode } from '../flows/screen.ts';
import { identityNodes } from './identity-nodes.ts';
import { button, message, scriptButton } from './nodes.ts';
import { defineStep } from './step.ts';

/** Each way to prove who you are, the event that picks it, and the credential it needs. */
const CHOICES = [
  { event: 'factor.passkey', needs: 'passkey', label: 'button.factor.passkey' },
  { event: 'factor.totp', needs: 'totp', label: 'button.factor.totp' },
  { event: 'factor.email', needs: 'email-otp', label: 'button.factor.email' },
  { event: 'factor.recovery-code', needs: 'recovery-code', label: 'button.factor.recoveryCode' },
  { event: 'factor.password', needs: 'password', label: 'button.factor.password' },
] as const;

/**
 * "Choose another way": one button per way the state handles and the account can use, in the
 * order of the state's `on` (journey data decides what is offered, and in which order).
 */
export const chooseFactor = defineStep({
  name: 'choose-factor',
  description:
    'Lists the ways the account can prove itself that the state handles (`factor.passkey`, `factor.totp`, `factor.email`, `factor.recovery-code`, `factor.password`), in the order of `on`.',
  params: z
    .object({
      /** Offer a mailed code even when the account has not turned email codes on (step-up). @default false */
      emailForAnyAccount: z.boolean().default(false),
    })
    .strict(),
  emits: [],
  optionalEvents: CHOICES.map((c) => c.event),
  render({ params, context, handles }) {
    const held = new Set<string>(context.account?.factors ?? []);
    if (params.emailForAnyAccount) held.add('email-otp');
    const buttons: UiButtonNode[] = [...handles].flatMap((event) => {
      const choice = CHOICES.find((c) => c.event === event);
      if (!choice || !held.has(choice.needs)) return [];
      const make = choice.needs === 'passkey' ? scriptButton : button;
      return [make('default', choice.event, choice.label, 'secondary')];
    });
    return {
      title: message('title.chooseFactor'),
      nodes: [...identityNodes(context.identifier), ...buttons],
    };
  },
  async submit({ intent, handles, audit }) {
    if (!CHOICES.some((c) => c.event === intent) || !handles.has(intent)) return {};
    await audit('factor.chosen', { data: { factor: intent.slice('factor.'.length) } });
    return { event: { type: intent } };
  },
});
