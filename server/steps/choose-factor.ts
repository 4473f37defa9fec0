import { z } from 'zod';
import type { FlowContext } from '../flows/flow-context.ts';
import type { UiButtonNode } from '../flows/screen.ts';
import { ACR, acrRank } from '../provider/index.ts';
import { identityNodes, lostFactorsButton, navigationEvent } from './identity-nodes.ts';
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
 * The kinds of proof the account can use here (email codes for any account where the step offers
 * them). When the app asked for a phishing-resistant sign-in, only a passkey can get there.
 */
function heldBy(context: FlowContext, emailForAnyAccount: boolean): Set<string> {
  const held = new Set<string>(context.account?.factors ?? []);
  if (emailForAnyAccount) held.add('email-otp');
  if (acrRank(context.requiredAcr) >= acrRank(ACR.phishingResistant))
    return new Set([...held].filter((f) => f === 'passkey'));
  return held;
}

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
  optionalEvents: [...CHOICES.map((c) => c.event), 'factor.lost'],
  render({ params, context, handles }) {
    const held = heldBy(context, params.emailForAnyAccount);
    const buttons: UiButtonNode[] = [...handles].flatMap((event) => {
      const choice = CHOICES.find((c) => c.event === event);
      if (!choice || !held.has(choice.needs)) return [];
      const make = choice.needs === 'passkey' ? scriptButton : button;
      return [make('default', choice.event, choice.label, 'secondary')];
    });
    return {
      title: message('title.chooseFactor'),
      nodes: [...identityNodes(context.identifier), ...buttons, ...lostFactorsButton(handles)],
    };
  },
  async submit({ params, context, intent, handles, audit }) {
    const lost = intent === 'factor.lost' ? navigationEvent(intent, handles) : undefined;
    if (lost) return { event: lost };
    // Only what was offered: a forged `factor.email` must not swap the account's factor for email codes.
    const choice = CHOICES.find((c) => c.event === intent);
    if (!choice || !handles.has(intent) || !heldBy(context, params.emailForAnyAccount).has(choice.needs))
      return {};
    await audit('factor.chosen', { data: { factor: intent.slice('factor.'.length) } });
    return { event: { type: intent } };
  },
});
