import { z } from 'zod';
import { startRecoveryHold } from '../recovery/index.ts';
import { identityNodes } from './identity-nodes.ts';
import { button, message, text } from './nodes.ts';
import { defineStep } from './step.ts';

/** The second factors a recovery accepts besides the mailbox. */
const STRONG: readonly string[] = ['passkey', 'totp', 'recovery-code'];

/**
 * The way back for a person who has lost every second factor: a cooling-off hold. It says what will
 * happen and starts the hold (`hold.started`): the account's address is told at once, with a link that
 * cancels it, and only this device may finish the reset once the wait is over.
 */
export const recoveryHold = defineStep({
  name: 'recovery-hold',
  description:
    'Offers a cooling-off hold (`hours`) to a recovery without any second factor, and starts it (`hold.started`); the owner is mailed a cancel link.',
  params: z
    .object({
      /** How long the reset waits. @default 24 */
      hours: z
        .number()
        .min(0.25)
        .max(24 * 14)
        .default(24),
      /** How long a ready hold may still be used before it lapses. @default 7 */
      completeWithinDays: z.number().int().min(1).max(30).default(7),
    })
    .strict(),
  emits: ['hold.started'],
  optionalEvents: ['notice.seen', 'factor.choose'],
  render({ params, context, handles }) {
    return {
      title: message('title.recoveryHold.offer'),
      nodes: [
        ...identityNodes(context.identifier),
        text('default', message('text.recoveryHold.offer', { hours: params.hours })),
        button('default', 'submit', 'button.startHold'),
        // Back to the second factors, where the account holds one a person could still find.
        ...(handles.has('factor.choose') && context.account?.factors.some((f) => STRONG.includes(f))
          ? [button('navigation', 'factor.choose', 'button.anotherWay', 'link')]
          : []),
        ...(handles.has('notice.seen')
          ? [button('navigation', 'notice.seen', 'link.backToSignIn', 'link')]
          : []),
      ],
    };
  },
  async submit({ params, context, intent, handles, services, audit }) {
    if ((intent === 'notice.seen' || intent === 'factor.choose') && handles.has(intent))
      return { event: { type: intent } };
    if (intent !== 'submit') return {};
    const recovery = await startRecoveryHold(services, audit, context, params);
    return { event: { type: 'hold.started' }, patch: { recovery } };
  },
});
